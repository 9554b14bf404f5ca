using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Reference;

public class BrailleConformanceTests
{
    private const double Dt = 1e-4;

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero.nir", false, "noDelay_bias_zero", 119)]
    [InlineData("braille_noDelay_bias_zero_subgraph.nir", true, "noDelay_bias_zero", 119)]
    [InlineData("braille_noDelay_noBias_subtract.nir", false, "noDelay_noBias_subtract", 118)]
    [InlineData("braille_noDelay_noBias_subtract_subgraph.nir", true, "noDelay_noBias_subtract", 118)]
    public void SnnTorch_ReproducesHiddenRasterAndOutputCounts(string file, bool subgraph, string model, int hiddenSpikes)
    {
        var result = Run(file, subgraph, ResetFor(model));
        var (shape, reference) = ReferenceFiles.ReadNpy(
            SharedData.PathOf($"conformance/braille/reference/snntorch_activity_{model}.npy"));
        var raster = result.Traces[0].Spikes;

        Assert.Equal(256, shape[0]);
        Assert.Equal(reference.Length, raster.Length);
        var mismatches = Enumerable.Range(0, raster.Length).Count(k => raster[k] != reference[k]);
        Assert.Equal(0, mismatches);
        Assert.Equal(hiddenSpikes, result.TotalSpikes(0));

        var expected = ExpectedOutputCounts(model);
        Assert.Equal(expected.Counts, result.OutputCounts);
        Assert.Equal(1, result.PredictedClass);
        Assert.Equal(expected.Argmax, result.PredictedClass);
    }

    [SharedDataFact]
    public void PlainSubtract_DiffersFromSnnTorchRaster()
    {
        // The published rule count: same-step subtraction without the refire guard differs in 46 entries.
        var result = Run("braille_noDelay_noBias_subtract.nir", subgraph: false, ResetRule.Subtract);
        var (_, reference) = ReferenceFiles.ReadNpy(
            SharedData.PathOf("conformance/braille/reference/snntorch_activity_noDelay_noBias_subtract.npy"));
        var raster = result.Traces[0].Spikes;
        var mismatches = Enumerable.Range(0, raster.Length).Count(k => raster[k] != reference[k]);

        Assert.Equal(46, mismatches);
        Assert.Equal(120, result.TotalSpikes(0));
    }

    [SharedDataFact]
    public void SubtractNextStep_DiffersFromSnnTorchRaster()
    {
        var result = Run("braille_noDelay_noBias_subtract.nir", subgraph: false, ResetRule.SubtractNextStep);
        var (_, reference) = ReferenceFiles.ReadNpy(
            SharedData.PathOf("conformance/braille/reference/snntorch_activity_noDelay_noBias_subtract.npy"));
        var raster = result.Traces[0].Spikes;
        var mismatches = Enumerable.Range(0, raster.Length).Count(k => raster[k] != reference[k]);

        Assert.Equal(72, mismatches);
        Assert.Equal(118, result.TotalSpikes(0));
    }

    [SharedDataFact]
    public void Lowering_RecurrentEdgeHasOneStepDelay()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/braille/braille_noDelay_bias_zero.nir"));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "snntorch" });

        Assert.Equal(["lif1.lif", "lif2"], network.Populations.Select(p => p.Name), StringComparer.Ordinal);
        Assert.Equal(1, network.OutputPopulation);
        var recurrent = Assert.Single(network.Projections, p => p.Source == 0 && p.Target == 0);
        Assert.Equal(1, recurrent.Delay);
        Assert.Equal(38 * 38, recurrent.RowStart[^1] + recurrent.Weight.Count(w => w == 0));
        var forward = Assert.Single(network.Projections, p => p.Source == -1);
        Assert.Equal(0, forward.Delay);
        Assert.Equal(0, Assert.Single(network.Projections, p => p.Source == 0 && p.Target == 1).Delay);

        // alpha = 1 - dt / tau_syn = 0.55 and beta = 1 - dt / tau_mem = 0.9 up to the float32 storage of tau.
        Assert.Equal(0.55, network.Populations[0].DecayI[0], 6);
        Assert.Equal(0.9, network.Populations[0].DecayV[0], 6);
        Assert.Equal(0.5, network.Populations[1].DecayI[0], 6);
        Assert.Equal(0.55, network.Populations[1].DecayV[0], 6);
    }

    private static ResetRule ResetFor(string model)
    {
        return model.EndsWith("zero", StringComparison.Ordinal) ? ResetRule.Zero : ResetRule.SubtractGuardedRefire;
    }

    private static FloatSimulationResult Run(string file, bool subgraph, ResetRule reset)
    {
        var options = subgraph ? NirReadOptions.LenientRepairs : NirReadOptions.Strict;
        var graph = NirReader.Read(SharedData.PathOf("conformance/braille/" + file), options);
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "snntorch", Reset = reset });
        var rows = ReferenceFiles.ReadCsv(SharedData.PathOf("conformance/braille/braille_test_sample0.csv"), hasHeader: true);
        var input = rows.SelectMany(row => row.Skip(1)).ToArray();
        Assert.Equal(256 * 12, input.Length);
        return new FloatSimulator(network).Run(input, new FloatSimulationOptions { TracePopulations = [0] });
    }

    private static (long[] Counts, int Argmax) ExpectedOutputCounts(string model)
    {
        var lines = File.ReadAllLines(SharedData.PathOf("conformance/braille/derived_sample0_lif2_spike_counts.csv"));
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(cells => string.Equals(cells[0], model, StringComparison.Ordinal));
        var counts = row.Skip(1).Take(7).Select(long.Parse).ToArray();
        return (counts, int.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture));
    }
}
