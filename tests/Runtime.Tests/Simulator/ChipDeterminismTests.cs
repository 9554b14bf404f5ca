using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>The same image and input give the same result, whether run again or in a batch.</summary>
public sealed class ChipDeterminismTests
{
    private const int Channels = 8;
    private const int Steps = 30;

    /// <summary>
    /// A seeded three-stage network: 8 input channels; 16 LIF neurons on two cores; 12 CUBA neurons on
    /// one core with a delay-1 recurrent axon per neuron; 4 IF output neurons on two cores.
    /// </summary>
    private static NeuroImage RandomNetwork(int seed)
    {
        var random = new Random(seed);
        var image = Create(Channels);
        var hidden = AddPopulation(
            image, 0, Parameters(NeuronModel.Lif, ResetMode.Subtract, 40, decayV: 58000), 8, 8);
        var recurrent = AddPopulation(
            image,
            1,
            Parameters(NeuronModel.CubaLif, ResetMode.SubtractNextStep, 60, decayV: 60000, decayI: 40000),
            12);
        var output = AddPopulation(image, 2, Parameters(NeuronModel.If, ResetMode.Zero, 30, vReset: -3), 2, 2);

        for (var c = 0; c < Channels; c++)
        {
            AddInputAxon(image.Cores[hidden], (uint)c, 0, [.. Enumerable.Range(0, 8)], RandomWeights(random, 8, 10, 30));
            AddInputAxon(image.Cores[hidden + 1], (uint)c, 1, [0, 3, 5], RandomWeights(random, 3, 5, 25));
        }

        for (var k = hidden; k < hidden + 2; k++)
        {
            for (var n = 0; n < 8; n++)
            {
                AddNeuronAxon(image.Cores[recurrent], k, n, 0, [.. Enumerable.Range(0, 12)], RandomWeights(random, 12, -10, 30));
            }
        }

        for (var n = 0; n < 12; n++)
        {
            AddNeuronAxon(image.Cores[recurrent], recurrent, n, 1, [(n + 1) % 12], [(short)random.Next(-20, 20)]);
            AddNeuronAxon(image.Cores[output], recurrent, n, 0, [0, 1], RandomWeights(random, 2, -5, 25));
            AddNeuronAxon(image.Cores[output + 1], recurrent, n, 0, [0, 1], RandomWeights(random, 2, -5, 25));
        }

        SetOutput(image, 2);
        return image;
    }

    private static short[] RandomWeights(Random random, int count, int min, int max)
    {
        var weights = new short[count];
        for (var j = 0; j < count; j++)
        {
            weights[j] = (short)random.Next(min, max);
        }

        return weights;
    }

    private static ChipInput RandomInput(Random random)
    {
        var values = new int[Steps * Channels];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = random.Next(3) == 0 ? 1 : 0;
        }

        return new ChipInput(Steps, Channels, values);
    }

    private static void AssertSameResult(ChipRunResult expected, ChipRunResult actual)
    {
        Assert.Equal(expected.OutputSpikes, actual.OutputSpikes);
        Assert.Equal(expected.Counters.Accumulates, actual.Counters.Accumulates);
        Assert.Equal(expected.Counters.NeuronUpdates, actual.Counters.NeuronUpdates);
        Assert.Equal(expected.Counters.SpikesRouted, actual.Counters.SpikesRouted);
        Assert.Equal(expected.Counters.InputEvents, actual.Counters.InputEvents);
        Assert.Equal(expected.Counters.Cycles, actual.Counters.Cycles);
        Assert.Equal(expected.Counters.SpikesPerCore, actual.Counters.SpikesPerCore);
        Assert.Equal(expected.Counters.SpikesPerPopulation, actual.Counters.SpikesPerPopulation);
        Assert.Equal(expected.Traces.Keys.Order(), actual.Traces.Keys.Order());
        foreach (var (population, trace) in expected.Traces)
        {
            Assert.Equal(trace.V, actual.Traces[population].V);
            Assert.Equal(trace.I, actual.Traces[population].I);
            Assert.Equal(trace.Spikes, actual.Traces[population].Spikes);
        }
    }

    [Fact]
    public void RepeatedRunIsIdentical()
    {
        var chip = new Chip(RandomNetwork(seed: 7));
        var input = RandomInput(new Random(11));

        var first = chip.Run(input, [0, 1, 2]);
        var second = chip.Run(input, [0, 1, 2]);

        // Every population must spike, or the comparison would check little.
        Assert.All(first.Counters.SpikesPerPopulation, count => Assert.True(count > 0, "a population never spiked"));
        AssertSameResult(first, second);

        // Counts that follow from the shape alone: 32 neurons x 30 steps.
        Assert.Equal(32 * Steps, first.Counters.NeuronUpdates);
        Assert.Equal(first.Counters.SpikesPerCore.Sum(), first.Counters.SpikesPerPopulation.Sum());
    }

    [Fact]
    public void BatchMatchesSequentialRuns()
    {
        var chip = new Chip(RandomNetwork(seed: 3));
        var random = new Random(5);
        var inputs = Enumerable.Range(0, 16).Select(_ => RandomInput(random)).ToList();

        var sequential = inputs.Select(input => chip.Run(input, [1])).ToList();
        var batch = chip.RunBatch(inputs, maxDegreeOfParallelism: 4, record: [1]);

        Assert.Equal(inputs.Count, batch.Count);
        for (var j = 0; j < inputs.Count; j++)
        {
            AssertSameResult(sequential[j], batch[j]);
        }

        // The samples differ, so a batch that returned results out of order would fail above.
        Assert.Contains(sequential, result => !result.OutputSpikes.SequenceEqual(sequential[0].OutputSpikes));
    }
}
