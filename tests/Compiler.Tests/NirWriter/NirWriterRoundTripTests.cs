using System.Globalization;
using NeuroDeploy.Compiler.Golden;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Data;
using NeuroDeploy.Testing;
using Xunit.Abstractions;
using NirFileWriter = NeuroDeploy.Compiler.Nir.NirWriter;

namespace NeuroDeploy.Compiler.Tests.NirWriter;

/// <summary>
/// Exports compiled conformance networks to NIR, imports them again and checks that the float model of
/// the exported file is the integer model's parameters as float64 and spikes like the golden model.
/// </summary>
public sealed class NirWriterRoundTripTests
{
    private const double Dt = 1e-4;

    private readonly ITestOutputHelper _output;

    public NirWriterRoundTripTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SharedDataFact]
    public void LifNorse_RoundTrip_SpikesAtGoldenSteps()
    {
        var input = CsvMatrix.Read(SharedData.PathOf("conformance/lif/input.csv"));
        var values = Enumerable.Range(0, input.RowCount).Select(r => (int)input[r, 2]).ToArray();
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/lif/lif_norse.nir"),
            new CompileOptions { Dt = Dt, Convention = "norse" });
        using var roundTrip = new NirRoundTrip(compiled, "norse", reset: null);

        Assert.Equal(Dt, roundTrip.Graph.Dt);
        Assert.Equal(NirFileWriter.FormatVersion, roundTrip.Graph.Version);
        Assert.Equal(["Affine", "Input", "LIF", "Output"], roundTrip.Graph.Nodes.Select(n => n.TypeName).Order(StringComparer.Ordinal));
        CheckParameters(roundTrip);

        var golden = GoldenModel.Run(compiled.Quantized, values, input.RowCount);
        var floatRun = new FloatSimulator(roundTrip.Discrete).Run(values.Select(x => (double)x).ToArray(),
            new FloatSimulationOptions { TracePopulations = [0] });
        var goldenSteps = Enumerable.Range(0, input.RowCount).Where(t => golden.Spikes[0][t] == 1).ToArray();
        var floatSteps = Enumerable.Range(0, input.RowCount).Where(t => floatRun.Traces[0].Spikes[t] == 1).ToArray();

        Assert.Equal(ResetRule.Zero, roundTrip.Discrete.Populations[0].Reset);
        Assert.Equal([460, 510, 710, 760], goldenSteps);
        Assert.Equal(goldenSteps, floatSteps);
    }

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero.nir")]
    [InlineData("braille_noDelay_noBias_subtract.nir")]
    public void Braille_RoundTrip_OutputCountsEqualGolden(string file)
    {
        var sample = CsvMatrix.Read(SharedData.PathOf("conformance/braille/braille_test_sample0.csv"));
        var values = new int[sample.RowCount * 12];
        for (var t = 0; t < sample.RowCount; t++)
        {
            for (var c = 0; c < 12; c++)
            {
                values[(t * 12) + c] = (int)sample[t, c + 1];
            }
        }

        var reset = file.Contains("zero", StringComparison.Ordinal) ? ResetRule.Zero : ResetRule.SubtractGuardedRefire;
        var compiled = ModelCompiler.Compile(SharedData.PathOf("conformance/braille/" + file),
            new CompileOptions { Dt = Dt, Convention = "snntorch", Reset = reset });
        using var roundTrip = new NirRoundTrip(compiled, "snntorch", reset);

        Assert.Equal(
            ["CubaLIF", "CubaLIF"],
            roundTrip.Graph.Nodes.Where(n => n is NirNeuronNode).Select(n => n.TypeName));
        Assert.Equal(
            ["Affine", "Affine", "Linear"],
            roundTrip.Graph.Nodes.Where(n => n is NirAffineNode or NirLinearNode).Select(n => n.TypeName).Order(StringComparer.Ordinal));
        var recurrent = Assert.Single(roundTrip.Discrete.Projections, p => p.Delay == 1);
        Assert.Equal(recurrent.Source, recurrent.Target);
        CheckParameters(roundTrip);

        var (mismatches, goldenCounts, floatCounts) = CompareSpikes(roundTrip, values.Select(x => (double)x).ToArray(), values, sample.RowCount);
        _output.WriteLine($"{file}: {mismatches} spike entries differ; golden output counts [{string.Join(", ", goldenCounts)}], float [{string.Join(", ", floatCounts)}]");
        Assert.Equal(goldenCounts, floatCounts);
        Assert.Equal(0, mismatches);
    }

    [SharedDataFact]
    public void DynamicalAlignment_RoundTrip_SpikesEqualGolden()
    {
        var random = new Random(7);
        var inputs = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 5 * 21).Select(_ => (random.NextDouble() * 4) - 2).ToArray()).ToArray();
        var compiled = ModelCompiler.Compile(SharedData.PathOf("dynamical-alignment/mixed_oscillator_delta_2.00.nir"),
            new CompileOptions { Dt = Dt, Convention = "snntorch", GradedInput = true, InputBound = 2 });
        using var roundTrip = new NirRoundTrip(compiled, "snntorch", reset: null);

        Assert.Equal(["LIF", "LIF", "LIF", "LIF"], roundTrip.Graph.Nodes.Where(n => n is NirNeuronNode).Select(n => n.TypeName));
        Assert.All(roundTrip.Discrete.Populations, p => Assert.Equal(ResetRule.SubtractNextStep, p.Reset));
        CheckParameters(roundTrip);

        var fraction = compiled.Quantized.InputFractionBits;
        var total = 0;
        foreach (var input in inputs)
        {
            // The float run gets the graded input the board gets: x rounded to G fraction bits.
            var ints = input.Select(x => (int)Math.Round(Math.ScaleB(x, fraction), MidpointRounding.AwayFromZero)).ToArray();
            var dequantized = ints.Select(x => Math.ScaleB(x, -fraction)).ToArray();
            var (mismatches, _, _) = CompareSpikes(roundTrip, dequantized, ints, 5);
            total += mismatches;
        }

        _output.WriteLine($"{total} spike entries differ over {inputs.Length} samples");
        Assert.Equal(0, total);
    }

    [Fact]
    public void Write_NonPositiveDt_Throws()
    {
        var network = new Quantization.QuantizedNetwork
        {
            InputNode = "input",
            InputShape = [1],
            GradedInput = false,
            InputFractionBits = 0,
            Populations = [],
            Projections = [],
            OutputPopulation = 0,
            StateBits = 32,
            DecayFractionBits = 16,
            Report = new Quantization.QuantizationReport(),
        };
        using var stream = new MemoryStream();

        var error = Assert.Throws<ArgumentException>(() => NirFileWriter.Write(stream, network, 0));

        Assert.Contains("Time step 0", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks every stored weight and bias against the dequantized integer values (exact), and the
    /// lowered decays, thresholds and weights against them (1e-12).
    /// </summary>
    private static void CheckParameters(NirRoundTrip roundTrip)
    {
        var quantized = roundTrip.Quantized;
        var discrete = roundTrip.Discrete;
        var f = quantized.DecayFractionBits;
        Assert.Equal(quantized.Populations.Select(p => p.Name), discrete.Populations.Select(p => p.Name));
        for (var p = 0; p < quantized.Populations.Count; p++)
        {
            var integer = quantized.Populations[p];
            var lowered = discrete.Populations[p];
            Assert.Equal(integer.Shape, lowered.Shape);
            Assert.Equal(integer.Kind, lowered.Kind);
            Assert.Equal(integer.Reset, lowered.Reset);
            for (var n = 0; n < integer.Size; n++)
            {
                Assert.Equal(Math.ScaleB(integer.Threshold, -integer.StateExponent), lowered.Threshold[n]);
                if (integer.Kind != NeuronKind.If)
                {
                    Assert.Equal(Math.ScaleB(integer.DecayV, -f), lowered.DecayV[n], 1e-12);
                }

                if (integer.Kind == NeuronKind.CubaLif)
                {
                    Assert.Equal(Math.ScaleB(integer.DecayI, -f), lowered.DecayI[n], 1e-12);
                }

                var bias = Math.ScaleB(integer.Bias[n], -integer.StateExponent);
                Assert.Equal(bias, lowered.BiasI[n] + lowered.BiasV[n], 1e-12);
            }
        }

        Assert.Equal(quantized.Projections.Count, discrete.Projections.Count);
        foreach (var projection in quantized.Projections)
        {
            var target = quantized.Populations[projection.Target];
            var exponent = target.WeightExponent - target.StateExponent;
            var node = roundTrip.Graph[roundTrip.WeightNodeName(projection)];
            var stored = node switch
            {
                NirAffineNode affine => affine.Weight,
                NirLinearNode linear => linear.Weight,
                _ => throw new InvalidOperationException($"node {node.Name} is {node.TypeName}"),
            };
            var columns = stored.Shape[1];
            var expected = new double[stored.Length];
            for (var n = 0; n < projection.RowStart.Length - 1; n++)
            {
                for (var k = projection.RowStart[n]; k < projection.RowStart[n + 1]; k++)
                {
                    expected[(n * columns) + projection.Column[k]] = Math.ScaleB(projection.Mantissa[k], exponent);
                }
            }

            Assert.Equal(expected, stored.Values);

            var lowered = Assert.Single(discrete.Projections, x =>
                x.Source == projection.Source && x.Target == projection.Target && x.Delay == projection.Delay);
            Assert.Equal(projection.RowStart, lowered.RowStart);
            Assert.Equal(projection.Column, lowered.Column);
            for (var k = 0; k < projection.SynapseCount; k++)
            {
                var weight = Math.ScaleB(projection.Mantissa[k], exponent);
                Assert.True(Math.Abs(lowered.Weight[k] - weight) <= 1e-12 * Math.Abs(weight),
                    string.Create(CultureInfo.InvariantCulture, $"{node.Name} synapse {k}: lowered {lowered.Weight[k]}, dequantized {weight}"));
            }
        }
    }

    /// <summary>Runs the golden model and the float model of the exported file and counts differing spike entries.</summary>
    private (int Mismatches, long[] GoldenCounts, long[] FloatCounts) CompareSpikes(NirRoundTrip roundTrip, double[] floatInput, int[] intInput, int steps)
    {
        var quantized = roundTrip.Quantized;
        var all = Enumerable.Range(0, quantized.Populations.Count).ToArray();
        var golden = GoldenModel.Run(quantized, intInput, steps);
        var floatRun = new FloatSimulator(roundTrip.Discrete).Run(floatInput, new FloatSimulationOptions { TracePopulations = all });
        var mismatches = 0;
        foreach (var p in all)
        {
            var size = quantized.Populations[p].Size;
            for (var k = 0; k < steps * size; k++)
            {
                if (golden.Spikes[p][k] != floatRun.Traces[p].Spikes[k])
                {
                    mismatches++;
                    if (mismatches <= 10)
                    {
                        _output.WriteLine($"population {quantized.Populations[p].Name}, step {k / size}, neuron {k % size}: golden {golden.Spikes[p][k]}, float {floatRun.Traces[p].Spikes[k]}");
                    }
                }
            }
        }

        var output = quantized.OutputPopulation;
        var outputSize = quantized.Populations[output].Size;
        var goldenCounts = new long[outputSize];
        for (var k = 0; k < steps * outputSize; k++)
        {
            goldenCounts[k % outputSize] += golden.Spikes[output][k];
        }

        return (mismatches, goldenCounts, floatRun.OutputCounts);
    }
}
