using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>The reset modes, worked out by hand over several steps.</summary>
public sealed class ChipResetTests
{
    private static readonly int[][] EveryStep = [[1], [1], [1], [1], [1], [1], [1]];

    /// <summary>One LIF neuron with no leak, threshold 5 and weight 4, driven every step.</summary>
    private static PopulationTrace RunConstantDrive(ResetMode reset, long vReset = 0)
    {
        var image = Create(channels: 1);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.Lif, reset, 5, vReset: vReset), 1);
        AddInputAxon(image.Cores[core], 0, 0, [0], [4]);
        SetOutput(image, 0);
        return new Chip(image).Run(Input(EveryStep), [0]).Traces[0];
    }

    [Fact]
    public void ZeroResetLoadsResetValue()
    {
        var trace = RunConstantDrive(ResetMode.Zero, vReset: -2);

        // 4; 8 > 5 spike -> v_reset -2; 2; 6 spike -> -2; 2; 6 spike -> -2; 2.
        Assert.Equal(new long[] { 4, -2, 2, -2, 2, -2, 2 }, trace.V);
        Assert.Equal(new byte[] { 0, 1, 0, 1, 0, 1, 0 }, trace.Spikes);
    }

    [Fact]
    public void SubtractResetInSpikingStep()
    {
        var trace = RunConstantDrive(ResetMode.Subtract);

        // 4; 8 spike -> 3; 7 spike -> 2; 6 spike -> 1; 5 no spike; 9 spike -> 4; 8 spike -> 3.
        Assert.Equal(new long[] { 4, 3, 2, 1, 5, 4, 3 }, trace.V);
        Assert.Equal(new byte[] { 0, 1, 1, 1, 0, 1, 1 }, trace.Spikes);
    }

    [Fact]
    public void SubtractNextStepKeepsSpikingVoltage()
    {
        var trace = RunConstantDrive(ResetMode.SubtractNextStep);

        // t0 4. t1 8 > 5 spike, v stays 8. t2 previous 8 > 5 so subtract: 12 - 5 = 7, spike.
        // t3 11 - 5 = 6, spike. t4 10 - 5 = 5, no spike. t5 previous 5 is not > 5: 9, spike.
        // t6 13 - 5 = 8, spike.
        Assert.Equal(new long[] { 4, 8, 7, 6, 5, 9, 8 }, trace.V);
        Assert.Equal(new byte[] { 0, 1, 1, 1, 0, 1, 1 }, trace.Spikes);
    }

    [Fact]
    public void SubtractNextStepSubtractsAfterDecay()
    {
        // dv = 0.5, threshold 5, weight 8 at t0 and t1 only. Population 0 uses SUBTRACT_NEXT_STEP,
        // population 1 the same neuron with SUBTRACT.
        var image = Create(channels: 1);
        var next = AddPopulation(
            image, 0, Parameters(NeuronModel.Lif, ResetMode.SubtractNextStep, 5, decayV: 32768), 1);
        var now = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Subtract, 5, decayV: 32768), 1);
        AddInputAxon(image.Cores[next], 0, 0, [0], [8]);
        AddInputAxon(image.Cores[now], 0, 0, [0], [8]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [1], [0], [0], [0]), [0, 1]);

        // SUBTRACT_NEXT_STEP: t0 8, spike, kept. t1 4 + 8 = 12, - 5 = 7, spike. t2 3.5 -> 4, - 5 = -1.
        // t3 previous -1 is not > 5: -0.5 -> -1 (tie away from zero). t4 -1.
        Assert.Equal(new long[] { 8, 7, -1, -1, -1 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0 }, result.Traces[0].Spikes);

        // SUBTRACT: t0 8 spike -> 3. t1 1.5 -> 2, + 8 = 10 spike -> 5. t2 2.5 -> 3. t3 1.5 -> 2. t4 1.
        Assert.Equal(new long[] { 3, 5, 3, 2, 1 }, result.Traces[1].V);
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0 }, result.Traces[1].Spikes);
    }

    [Fact]
    public void SubtractGuardedMatchesSubtractBelowThreshold()
    {
        var trace = RunConstantDrive(ResetMode.SubtractGuarded);

        // The stored v never exceeds 5, so rst stays false and each spike subtracts once, as SUBTRACT:
        // 4; 8 spike -> 3; 7 spike -> 2; 6 spike -> 1; 5 no spike; 9 spike -> 4; 8 spike -> 3.
        Assert.Equal(new long[] { 4, 3, 2, 1, 5, 4, 3 }, trace.V);
        Assert.Equal(new byte[] { 0, 1, 1, 1, 0, 1, 1 }, trace.Spikes);
    }

    [Fact]
    public void SubtractGuardedNeedsTwiceThreshold()
    {
        // No leak, threshold 5, weight 12 at t0 and t1 only. Population 0 uses SUBTRACT_GUARDED,
        // population 1 SUBTRACT and population 2 SUBTRACT_NEXT_STEP on the same input.
        var image = Create(channels: 1);
        foreach (var reset in new[] { ResetMode.SubtractGuarded, ResetMode.Subtract, ResetMode.SubtractNextStep })
        {
            var core = AddPopulation(image, 0, Parameters(NeuronModel.Lif, reset, 5), 1);
            AddInputAxon(image.Cores[core], 0, 0, [0], [12]);
        }

        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [1], [0], [0], [0], [0]), [0, 1, 2]);

        // SUBTRACT_GUARDED: t0 rst false, 12 spike, s != rst so 12 - 5 = 7.
        // t1 rst (7 > 5): 7 + 12 - 5 = 14, spike, s == rst so 14 stays. t2 rst: 14 - 5 = 9, spike, 9 stays.
        // t3 rst: 9 - 5 = 4, no spike, s != rst so 4 + 5 = 9. t4 and t5 the same: 9 is stuck below 2θ = 10.
        Assert.Equal(new long[] { 7, 14, 9, 9, 9, 9 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 1, 1, 1, 0, 0, 0 }, result.Traces[0].Spikes);

        // SUBTRACT: 12 -> 7, 19 -> 14, 14 -> 9, 9 -> 4 (all spike), then 4, 4.
        Assert.Equal(new long[] { 7, 14, 9, 4, 4, 4 }, result.Traces[1].V);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 0, 0 }, result.Traces[1].Spikes);

        // SUBTRACT_NEXT_STEP: 12 spike; 24 - 5 = 19 spike; 14 spike; 9 spike; 4; 4 (4 is not > 5, no subtract).
        Assert.Equal(new long[] { 12, 19, 14, 9, 4, 4 }, result.Traces[2].V);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 0, 0 }, result.Traces[2].Spikes);
    }

    [Fact]
    public void SubtractResetSaturates()
    {
        // state_bits 8 (range [-128, 127]), IF, threshold -100, SUBTRACT: subtracting a negative
        // threshold raises v, so the reset itself has to saturate. Weight 100 at t0 only.
        var image = Create(channels: 1);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.If, ResetMode.Subtract, -100, stateBits: 8), 1);
        AddInputAxon(image.Cores[core], 0, 0, [0], [100]);
        SetOutput(image, 0);

        var trace = new Chip(image).Run(Input([1], [0], [0]), [0]).Traces[0];

        // t0 100 > -100 spike, sat(100 + 100) = 127. t1 127 > -100 spike, sat(227) = 127. t2 the same.
        Assert.Equal(new long[] { 127, 127, 127 }, trace.V);
        Assert.Equal(new byte[] { 1, 1, 1 }, trace.Spikes);
    }
}
