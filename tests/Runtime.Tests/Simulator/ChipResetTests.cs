using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>The three reset modes, worked out by hand over several steps.</summary>
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
