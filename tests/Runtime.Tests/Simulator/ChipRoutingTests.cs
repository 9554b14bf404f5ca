using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>Spike delivery, delays, counters and cycles, worked out by hand.</summary>
public sealed class ChipRoutingTests
{
    [Fact]
    public void DelayOneRecurrentAxonOntoItself()
    {
        // LIF without leak, threshold 5, reset ZERO. Input weight 6; the neuron feeds itself with
        // weight 4 and delay 1.
        var image = Create(channels: 1);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, 5), 1);
        AddInputAxon(image.Cores[core], 0, 0, [0], [6]);
        AddNeuronAxon(image.Cores[core], core, 0, 1, [0], [4]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [0], [1], [0], [0]), [0]);

        // t0 6 spike -> 0. t1 the t0 spike arrives: 4. t2 4 + 6 = 10 spike -> 0. t3 4. t4 4.
        Assert.Equal(new long[] { 0, 4, 0, 4, 4 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 1, 0, 1, 0, 0 }, result.OutputSpikes);

        // Accumulates: 2 input events + 2 spikes, one synapse each. The axon stays on the core: no routing.
        Assert.Equal(4, result.Counters.Accumulates);
        Assert.Equal(0, result.Counters.SpikesRouted);

        // Cycles per step: 16 + 1 neuron x 2 + operations taking effect (1, 1, 1, 1, 0) = 19, 19, 19, 19, 18.
        Assert.Equal(94, result.Counters.Cycles);
    }

    [Fact]
    public void TwoStagesCountRoutedSpikes()
    {
        // Population A: core 0, stage 0, two IF neurons, threshold 0, reset ZERO; input weight 1 to both.
        // Population B: cores 1 and 2, stage 1, one IF neuron each, threshold 6, reset ZERO.
        // A0 -> core 1 weight 5 and core 2 weight 7 (delay 0).
        // A1 -> core 1 weight 2 (delay 0) and 3 (delay 1), and -> A0 weight -1 (delay 1, same core).
        var image = Create(channels: 1);
        var a = AddPopulation(image, 0, Parameters(NeuronModel.If, ResetMode.Zero, 0), 2);
        var b = AddPopulation(image, 1, Parameters(NeuronModel.If, ResetMode.Zero, 6), 1, 1);
        AddInputAxon(image.Cores[a], 0, 0, [0, 1], [1, 1]);
        AddNeuronAxon(image.Cores[a], a, 1, 1, [0], [-1]);
        AddNeuronAxon(image.Cores[b], a, 0, 0, [0], [5]);
        AddNeuronAxon(image.Cores[b], a, 1, 0, [0], [2]);
        AddNeuronAxon(image.Cores[b], a, 1, 1, [0], [3]);
        AddNeuronAxon(image.Cores[b + 1], a, 0, 0, [0], [7]);
        SetOutput(image, 0);

        var result = new Chip(image).Run(Input([1], [0], [1]), [0, 1]);

        // A0: t0 1 spike -> 0. t1 -1 from A1's t0 spike. t2 -1 + 1 = 0, no spike.
        // A1: t0 1 spike -> 0. t1 0. t2 1 spike -> 0.
        Assert.Equal(new long[] { 0, 0, -1, 0, 0, 0 }, result.Traces[0].V);
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0, 1 }, result.OutputSpikes);

        // B0 (core 1): t0 5 + 2 = 7 > 6 spike -> 0. t1 3 (A1's delayed event). t2 3 + 2 = 5.
        // B1 (core 2): t0 7 spike -> 0. t1 0. t2 0.
        Assert.Equal(new long[] { 0, 0, 3, 0, 5, 0 }, result.Traces[1].V);
        Assert.Equal(new byte[] { 1, 1, 0, 0, 0, 0 }, result.Traces[1].Spikes);

        // Routed: A0's spike reaches cores 1 and 2 (2); each A1 spike reaches core 1 (twice, counted once)
        // and its own core (not counted): 1 + 1. Total 4.
        Assert.Equal(4, result.Counters.SpikesRouted);

        // Accumulates: input 2 + 2; A0 t0 2; A1 t0 3; A1 t2 3. Total 12.
        Assert.Equal(12, result.Counters.Accumulates);
        Assert.Equal(2, result.Counters.InputEvents);
        Assert.Equal(12, result.Counters.NeuronUpdates);
        Assert.Equal(new long[] { 3, 1, 1 }, result.Counters.SpikesPerCore);
        Assert.Equal(new long[] { 3, 2 }, result.Counters.SpikesPerPopulation);

        // Cycles (generic: 16 per step, 2 per neuron, 1 per synaptic operation):
        // t0 core 0: 4 + 2 input = 6; stage 1: max(core 1: 2 + 2, core 2: 2 + 1) = 4; 16 + 6 + 4 = 26.
        // t1 core 0: 4 + 1 (A1 -> A0 delayed) = 5; max(core 1: 2 + 1, core 2: 2) = 3; 16 + 5 + 3 = 24.
        // t2 core 0: 4 + 2 input = 6; max(core 1: 2 + 1, core 2: 2) = 3; 16 + 6 + 3 = 25.
        Assert.Equal(75, result.Counters.Cycles);
        Assert.Equal(3, result.Counters.Steps);
    }

    [Fact]
    public void CountersAndCyclesForSmallCase()
    {
        // One LIF core of 3 neurons, no leak, threshold 100. Channel 0 -> n0 weight 1, n2 weight 2
        // (delay 0); channel 1 -> n1 weight 4 (delay 1). Spike input x counts events.
        var image = Create(channels: 2);
        var core = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Zero, 100), 3);
        AddInputAxon(image.Cores[core], 0, 0, [0, 2], [1, 2]);
        AddInputAxon(image.Cores[core], 1, 1, [1], [4]);
        SetOutput(image, 0);
        var input = Input([2, 1], [0, 1]);

        var generic = new Chip(image).Run(input, [0]);
        var custom = new Chip(image, new ChipCycleCosts(NeuronUpdate: 3, SynapticOperation: 5, StepOverhead: 7))
            .Run(input, [0]);

        // t0: x = 2 on channel 0: n0 += 2, n2 += 4. x = 1 on channel 1: n1 += 4 at t1. t1: channel 1's
        // second event lands at t2, which this run does not reach.
        Assert.Equal(new long[] { 2, 0, 4, 2, 4, 4 }, generic.Traces[0].V);

        // Input events: 3 nonzero values. Accumulates: 2 synapses x 2 + 1 + 1 = 6. The last one is
        // counted when delivered although its step never runs.
        Assert.Equal(3, generic.Counters.InputEvents);
        Assert.Equal(6, generic.Counters.Accumulates);
        Assert.Equal(0, generic.Counters.MultiplyAccumulates);
        Assert.Equal(6, generic.Counters.NeuronUpdates);
        Assert.Equal(0, generic.Counters.SpikesRouted);
        Assert.Equal(2, generic.Counters.Steps);

        // Generic cycles: t0 16 + 3 x 2 + 4 = 26; t1 16 + 6 + 1 = 23. Total 49.
        Assert.Equal(49, generic.Counters.Cycles);

        // Custom cycles: t0 7 + 3 x 3 + 4 x 5 = 36; t1 7 + 9 + 5 = 21. Total 57.
        Assert.Equal(57, custom.Counters.Cycles);
    }
}
