using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>
/// Neuron arithmetic of docs/fixed-point.md on hand-built images. Each expected value is worked
/// out in the comment next to it.
/// </summary>
public sealed class ChipArithmeticTests
{
    [Fact]
    public void LifDecayRoundsTiesAwayFromZero()
    {
        // F = 2, dv = 3 (0.75). Four LIF neurons get one input spike at t = 0 with weights 3, -3, 1, -1.
        var image = Create(channels: 1);
        var core = AddPopulation(
            image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, threshold: 1000, decayV: 3, decayFractionBits: 2), 4);
        AddInputAxon(image.Cores[core], 0, 0, [0, 1, 2, 3], [3, -3, 1, -1]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [0], [0], [0]), record: [0]);
        var v = result.Traces[0].V;

        // n0: 3; mul(3) = 9/4 = 2.25 -> 2; mul(2) = 6/4 = 1.5 -> 2 (tie, away from zero); 2 again.
        Assert.Equal(new long[] { 3, 2, 2, 2 }, Column(v, 4, 0));

        // n1: -3; -9/4 = -2.25 -> -2 (floor would give -3); -6/4 = -1.5 -> -2 (tie, away from zero).
        Assert.Equal(new long[] { -3, -2, -2, -2 }, Column(v, 4, 1));

        // n2: 1; 3/4 = 0.75 -> 1 for ever.
        Assert.Equal(new long[] { 1, 1, 1, 1 }, Column(v, 4, 2));

        // n3: -1; -0.75 -> -1 for ever.
        Assert.Equal(new long[] { -1, -1, -1, -1 }, Column(v, 4, 3));

        // LIF keeps i = 0.
        Assert.All(result.Traces[0].I, value => Assert.Equal(0, value));
    }

    [Fact]
    public void LifDecayWithSixteenFractionBits()
    {
        // F = 16, dv = 32768 (0.5). Weight 5 at t = 0, then no input; bias 0.
        var image = Create(channels: 1);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, 1000, decayV: 32768), 2);
        AddInputAxon(image.Cores[core], 0, 0, [0, 1], [5, -5]);
        SetOutput(image, 0);

        var v = new Chip(image).Run(Input([1], [0], [0], [0]), [0]).Traces[0].V;

        // 5 -> 2.5 -> 3 -> 1.5 -> 2 -> 1; and the mirror image for -5.
        Assert.Equal(new long[] { 5, 3, 2, 1 }, Column(v, 2, 0));
        Assert.Equal(new long[] { -5, -3, -2, -1 }, Column(v, 2, 1));
    }

    [Fact]
    public void StateSaturatesAtStateBits()
    {
        // state_bits 8: range [-128, 127]. Threshold 127 never fires because the test is v > 127.
        var image = Create(channels: 1);
        var ifCore = AddPopulation(image, 0, Parameters(NeuronModel.If, ResetMode.Zero, 127, stateBits: 8), 2);
        AddInputAxon(image.Cores[ifCore], 0, 0, [0, 1], [100, -100]);
        var cubaCore = AddPopulation(
            image, 0, Parameters(NeuronModel.CubaLif, ResetMode.Zero, 127, decayV: One, decayI: One, stateBits: 8), 1);
        AddInputAxon(image.Cores[cubaCore], 0, 0, [0], [100]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [1], [1]), [0, 1]);

        // IF n0: 100, sat(200) = 127, sat(227) = 127.
        Assert.Equal(new long[] { 100, 127, 127 }, Column(result.Traces[0].V, 2, 0));

        // IF n1: -100, sat(-200) = -128, sat(-228) = -128.
        Assert.Equal(new long[] { -100, -128, -128 }, Column(result.Traces[0].V, 2, 1));

        // CUBA: i = 100, sat(200) = 127, sat(227) = 127; v = 100, sat(100 + 127) = 127, 127.
        Assert.Equal(new long[] { 100, 127, 127 }, result.Traces[1].I);
        Assert.Equal(new long[] { 100, 127, 127 }, result.Traces[1].V);
        Assert.All(result.OutputSpikes, spike => Assert.Equal(0, spike));
    }

    [Fact]
    public void CubaTwoStageChain()
    {
        // A (stage 0) and B (stage 1) are one CUBA neuron each: di = 0.5, dv = 0.75 (F = 16).
        // Input -> A weight 8; A -> B weight 20 with delay 0. A: threshold 10, B: threshold 100, reset ZERO.
        var image = Create(channels: 1);
        var cuba = Parameters(NeuronModel.CubaLif, ResetMode.Zero, 10, decayV: 49152, decayI: 32768);
        var a = AddPopulation(image, 0, cuba, 1);
        var b = AddPopulation(image, 1, cuba.Clone(), 1);
        image.Cores[b].Parameters.Threshold = 100;
        AddInputAxon(image.Cores[a], 0, 0, [0], [8]);
        AddNeuronAxon(image.Cores[b], a, 0, 0, [0], [20]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [1], [0], [0], [0]), [0, 1]);

        // A: t0 i = 8, v = 8. t1 i = 4 + 8 = 12, v = 6 + 12 = 18 > 10, spike, v = 0.
        // t2 i = 6, v = 0 + 6 = 6. t3 i = 3, v = 4.5 -> 5, + 3 = 8. t4 i = 1.5 -> 2, v = 6 + 2 = 8.
        Assert.Equal(new long[] { 8, 12, 6, 3, 2 }, result.Traces[0].I);
        Assert.Equal(new long[] { 8, 0, 6, 8, 8 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 0, 1, 0, 0, 0 }, result.Traces[0].Spikes);

        // B gets A's t1 spike in t1 (delay 0, higher stage). t1 i = 20, v = 20. t2 i = 10, v = 15 + 10 = 25.
        // t3 i = 5, v = 18.75 -> 19, + 5 = 24. t4 i = 2.5 -> 3, v = 18 + 3 = 21.
        Assert.Equal(new long[] { 0, 20, 10, 5, 3 }, result.Traces[1].I);
        Assert.Equal(new long[] { 0, 20, 25, 24, 21 }, result.Traces[1].V);
        Assert.Equal(new byte[] { 0, 1, 0, 0, 0 }, result.OutputSpikes);
    }

    [Fact]
    public void IfIntegratesWithoutLeak()
    {
        // IF, threshold 5, reset SUBTRACT, weight 3 every step. decay_v = 0 must not matter for IF.
        var image = Create(channels: 1);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.If, ResetMode.Subtract, 5, decayV: 0), 1);
        AddInputAxon(image.Cores[core], 0, 0, [0], [3]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [1], [1], [1], [1]), [0]);

        // 3; 6 > 5 spike -> 1; 4; 7 spike -> 2; 5 is not > 5, no spike.
        Assert.Equal(new long[] { 3, 1, 4, 2, 5 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 0, 1, 0, 1, 0 }, result.OutputSpikes);
        Assert.All(result.Traces[0].I, value => Assert.Equal(0, value));
    }

    [Fact]
    public void GradedInputRoundsWholeSum()
    {
        // Graded input with G = 2. LIF with dv = 0, so v equals the step's input. weight_exponent 1.
        // Channel 0 -> n0 mantissa 3 (w = 6), n1 mantissa -5 (w = -10); channel 1 -> n0 mantissa 1 (w = 2).
        // n0 has bias 1.
        var image = Create(channels: 2, graded: true, fractionBits: 2);
        var core = AddPopulation(
            image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, 1000, decayV: 0, weightExponent: 1), 2);
        AddInputAxon(image.Cores[core], 0, 0, [0, 1], [3, -5]);
        AddInputAxon(image.Cores[core], 1, 0, [0], [1]);
        SetBias(image.Cores[core], 1, 0);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1, 1], [1, 0], [-1, 0], [1, -1], [0, 3]), [0]);
        var v = result.Traces[0].V;

        // n0: t0 A = 6 + 2 = 8 -> 2, + 1 = 3 (rounding each event would give 2 + 1 = 3, + 1 = 4).
        // t1 A = 6 -> 1.5 -> 2, + 1 = 3. t2 A = -6 -> -2, + 1 = -1. t3 A = 6 - 2 = 4 -> 1, + 1 = 2.
        // t4 A = 2 * 3 = 6 -> 2, + 1 = 3.
        Assert.Equal(new long[] { 3, 3, -1, 2, 3 }, Column(v, 2, 0));

        // n1: t0 -10 -> -2.5 -> -3. t1 -3. t2 10 -> 3. t3 -3. t4 0.
        Assert.Equal(new long[] { -3, -3, 3, -3, 0 }, Column(v, 2, 1));

        // Events: t0 2, t1 1, t2 1, t3 2, t4 1 = 7. Channel 0 reaches 2 synapses and channel 1 one,
        // so multiply-accumulates = 3 + 2 + 2 + 3 + 1 = 11.
        Assert.Equal(7, result.Counters.InputEvents);
        Assert.Equal(11, result.Counters.MultiplyAccumulates);
        Assert.Equal(0, result.Counters.Accumulates);
    }
}
