using NeuroDeploy.Compiler.Golden;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Data;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Compiler.Tests.Equivalence;

/// <summary>
/// The golden model (dense, per layer) and the simulator (event-driven, per core) implement
/// docs/fixed-point.md independently. They must agree on every neuron's v, i and spike at every
/// step of real networks.
/// </summary>
public sealed class GoldenVersusChipTests
{
    [SharedDataFact]
    public void LifNorse_FixedPoint_MatchesBitForBit()
    {
        var input = CsvMatrix.Read(SharedData.PathOf("conformance/lif/input.csv"));
        var values = Enumerable.Range(0, input.RowCount).Select(r => (int)input[r, 2]).ToArray();
        var outcome = AssertEquivalent("conformance/lif/lif_norse.nir", "norse", null, values, input.RowCount, graded: false);
        Assert.Equal(4, outcome.OutputSpikes);
    }

    [SharedDataTheory]
    [InlineData("braille_noDelay_bias_zero.nir", false)]
    [InlineData("braille_noDelay_noBias_subtract.nir", false)]
    [InlineData("braille_noDelay_bias_zero_subgraph.nir", true)]
    [InlineData("braille_noDelay_noBias_subtract_subgraph.nir", true)]
    public void Braille_FixedPoint_MatchesBitForBit(string file, bool lenient)
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

        // The zero files reset to zero without storing v_reset; the subtract files use snnTorch's reset_delay=False rule.
        var reset = file.Contains("zero", StringComparison.Ordinal) ? ResetRule.Zero : ResetRule.SubtractGuardedRefire;
        var outcome = AssertEquivalent("conformance/braille/" + file, "snntorch", null, values, sample.RowCount, graded: false, lenient, reset);
        Assert.True(outcome.TotalSpikes > 0, "the Braille sample makes the network spike");
    }

    [SharedDataTheory]
    [InlineData("mixed_oscillator_delta_-1.50.nir")]
    [InlineData("mixed_oscillator_delta_2.00.nir")]
    [InlineData("mixed_oscillator_delta_10.00.nir")]
    public void DynamicalAlignment_FixedPoint_MatchesBitForBit(string file)
    {
        // Graded input in the encoder's range (|x| up to 40), fixed seed; 5 steps x 21 channels.
        var random = new Random(20261204);
        var steps = 5;
        var doubles = Enumerable.Range(0, steps * 21).Select(_ => (random.NextDouble() - 0.5) * 80).ToArray();
        var compiled = ModelCompiler.Compile(SharedData.PathOf("dynamical-alignment/" + file), new CompileOptions
        {
            Dt = 1e-4,
            Convention = "snntorch",
            GradedInput = true,
            InputBound = 40,
        });
        var fraction = compiled.Quantized.InputFractionBits;
        var values = doubles.Select(x => (int)Math.Round(Math.ScaleB(x, fraction), MidpointRounding.AwayFromZero)).ToArray();
        var outcome = AssertEquivalent(compiled, values, steps);
        Assert.True(outcome.TotalSpikes > 0, "graded input of this size makes the network spike");
    }

    [SharedDataFact]
    public void SinabsCnn_FixedPoint_MatchesBitForBit()
    {
        // Sparse random event counts on the (2, 34, 34) input, 8 steps, fixed seed.
        var random = new Random(7);
        var steps = 8;
        var values = Enumerable.Range(0, steps * 2 * 34 * 34).Select(_ => random.NextDouble() < 0.05 ? random.Next(1, 3) : 0).ToArray();
        var outcome = AssertEquivalent("conformance/cnn/cnn_sinabs.nir", "sinabs", 1e-3, values, steps, graded: false);
        Assert.True(outcome.TotalSpikes > 0, "the random events make the first layer spike");
    }

    private static EquivalenceOutcome AssertEquivalent(
        string relative, string convention, double? dt, int[] values, int steps, bool graded, bool lenient = false, ResetRule? reset = null)
    {
        var compiled = ModelCompiler.Compile(SharedData.PathOf(relative), new CompileOptions
        {
            Dt = dt ?? 1e-4,
            Convention = convention,
            GradedInput = graded,
            Lenient = lenient,
            Reset = reset,
        });
        return AssertEquivalent(compiled, values, steps);
    }

    private static EquivalenceOutcome AssertEquivalent(CompileResult compiled, int[] values, int steps)
    {
        var all = Enumerable.Range(0, compiled.Quantized.Populations.Count).ToArray();
        var golden = GoldenModel.Run(compiled.Quantized, values, steps, all);
        var chip = new Chip(compiled.Image).Run(new ChipInput(steps, compiled.Quantized.InputSize, values), all);

        long total = 0;
        for (var p = 0; p < all.Length; p++)
        {
            var name = compiled.Quantized.Populations[p].Name;
            var trace = chip.Traces[p];
            var size = compiled.Quantized.Populations[p].Size;
            for (var t = 0; t < steps; t++)
            {
                for (var n = 0; n < size; n++)
                {
                    var k = (t * size) + n;
                    if (golden.V[p]![k] != trace.V[k] || golden.I[p]![k] != trace.I[k] || golden.Spikes[p][k] != trace.Spikes[k])
                    {
                        Assert.Fail($"{name} neuron {n} step {t}: golden v={golden.V[p]![k]} i={golden.I[p]![k]} s={golden.Spikes[p][k]}, "
                            + $"chip v={trace.V[k]} i={trace.I[k]} s={trace.Spikes[k]}");
                    }
                }
            }

            Assert.Equal(golden.SpikeCount(p), chip.Counters.SpikesPerPopulation[p]);
            total += golden.SpikeCount(p);
        }

        Assert.Equal(golden.Accumulates, chip.Counters.Accumulates);
        Assert.Equal(golden.MultiplyAccumulates, chip.Counters.MultiplyAccumulates);
        Assert.Equal(golden.NeuronUpdates, chip.Counters.NeuronUpdates);
        Assert.Equal(golden.InputEvents, chip.Counters.InputEvents);
        return new EquivalenceOutcome(total, chip.OutputCounts().Sum());
    }

    private sealed record EquivalenceOutcome(long TotalSpikes, long OutputSpikes);
}
