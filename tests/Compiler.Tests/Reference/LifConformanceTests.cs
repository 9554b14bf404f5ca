using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Reference;

public class LifConformanceTests
{
    private const double Dt = 1e-4;

    [SharedDataFact]
    public void Norse_ReproducesNorseTrace()
    {
        var (v, spikes) = RunLif("norse", reset: null);
        var reference = ReferenceFiles.ReadCsv(SharedData.PathOf("conformance/lif/lif_norse.csv"), hasHeader: false);
        Assert.Equal(1000, v.Length);
        for (var k = 0; k < 1000; k++)
        {
            Assert.True(Math.Abs(v[k] - reference[k][1]) <= 1e-6, $"step {k}: v {v[k]} vs {reference[k][1]}");
        }

        Assert.Equal([460, 510, 710, 760], spikes);
        Assert.Equal(SpikeSteps(reference), spikes);
    }

    [SharedDataFact]
    public void Exact_ReproducesExactSolution()
    {
        var (v, spikes) = RunLif("exact", reset: null);
        var reference = ReferenceFiles.ReadCsv(SharedData.PathOf("conformance/lif/lif_exact.csv"), hasHeader: false);
        for (var k = 0; k < 1000; k++)
        {
            var tolerance = k < 460 ? 1e-9 : 1e-3;
            Assert.True(Math.Abs(v[k] - reference[k][1]) <= tolerance, $"step {k}: v {v[k]} vs {reference[k][1]}");
        }

        Assert.Equal([460, 510, 710, 760], spikes);
        Assert.Equal(SpikeSteps(reference), spikes);
    }

    [SharedDataTheory]
    [InlineData("lava", "lif_lava_cpu_float.csv", 461)]
    [InlineData("rockpool", "lif_rockpool.csv", 450)]
    [InlineData("sinabs", "lif_sinabs.csv", 450)]
    public void Convention_ReproducesPlatformTrace(string convention, string file, int firstSpike)
    {
        var (v, spikes) = RunLif(convention, reset: null);
        var reference = ReferenceFiles.ReadCsv(SharedData.PathOf("conformance/lif/" + file), hasHeader: false);
        for (var k = 0; k < 1000; k++)
        {
            Assert.True(Math.Abs(v[k] - reference[k][1]) <= 1e-6, $"step {k}: v {v[k]} vs {reference[k][1]}");
        }

        Assert.Equal(firstSpike, spikes[0]);
        Assert.Equal(SpikeSteps(reference), spikes);
    }

    [SharedDataFact]
    public void SnnTorchWithZeroReset_ReproducesScaledTrace()
    {
        // The snnTorch trace is stored in units of 25 x NIR volts (threshold 2.5).
        var (v, spikes) = RunLif("snntorch", ResetRule.Zero);
        var reference = ReferenceFiles.ReadCsv(SharedData.PathOf("conformance/lif/lif_snntorch.csv"), hasHeader: false);
        for (var k = 0; k < 1000; k++)
        {
            Assert.True(Math.Abs(v[k] - (reference[k][1] / 25)) <= 1e-6, $"step {k}: v {v[k]} vs {reference[k][1] / 25}");
        }

        Assert.Equal([460, 510, 710, 760], spikes);
    }

    [SharedDataFact]
    public void Lowering_NorseConstants()
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/lif/lif_norse.nir"));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = "norse" });
        var population = Assert.Single(network.Populations);
        var projection = Assert.Single(network.Projections);

        // tau is stored as float32 0.0024999999441206455, so dt / tau is 0.04 to 8 digits.
        Assert.Equal(0.96, population.DecayV[0], 8);
        Assert.Equal(0.04, projection.Weight[0], 8);
        Assert.Equal(-1, projection.Source);
        Assert.Equal(0, projection.Delay);
        Assert.Equal(0.10000000149011612, population.Threshold[0]);
        Assert.Equal(ResetRule.Zero, population.Reset);
        Assert.Equal(0, network.InputDelay);
    }

    private static (double[] V, int[] SpikeSteps) RunLif(string convention, ResetRule? reset)
    {
        var graph = NirReader.Read(SharedData.PathOf("conformance/lif/lif_norse.nir"));
        var network = Lowerer.Lower(graph, new LoweringOptions { Dt = Dt, Convention = convention, Reset = reset });
        var input = ReferenceFiles.LifInput(SharedData.PathOf("conformance/lif/input.csv"));
        var result = new FloatSimulator(network).Run(input, new FloatSimulationOptions { TracePopulations = [0] });
        var trace = result.Traces[0];
        var steps = Enumerable.Range(0, 1000).Where(k => trace.Spikes[k] != 0).ToArray();
        return (trace.V, steps);
    }

    private static int[] SpikeSteps(double[][] reference)
    {
        return Enumerable.Range(0, reference.Length).Where(k => reference[k][2] != 0).ToArray();
    }
}
