namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// What one sample produced: output spikes per step, counters, and the recorded state
/// of the populations that were asked for.
/// </summary>
public sealed class ChipRunResult
{
    public ChipRunResult(int steps, int outputSize, ChipCounters counters)
    {
        OutputSpikes = new byte[steps * outputSize];
        OutputSize = outputSize;
        Steps = steps;
        Counters = counters;
    }

    public int Steps { get; }

    public int OutputSize { get; }

    /// <summary>Row-major [step, output neuron], 1 where the neuron spiked.</summary>
    public byte[] OutputSpikes { get; }

    public ChipCounters Counters { get; }

    /// <summary>Recorded populations by index.</summary>
    public Dictionary<int, PopulationTrace> Traces { get; } = [];

    public long[] OutputCounts()
    {
        var counts = new long[OutputSize];
        for (var t = 0; t < Steps; t++)
        {
            for (var n = 0; n < OutputSize; n++)
            {
                counts[n] += OutputSpikes[(t * OutputSize) + n];
            }
        }

        return counts;
    }
}
