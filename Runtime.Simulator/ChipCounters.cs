namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Operation counts of one run, as the hardware would count them. docs/fixed-point.md
/// defines when each counter increments.
/// </summary>
public sealed class ChipCounters
{
    public ChipCounters(int populations, int cores)
    {
        SpikesPerPopulation = new long[populations];
        SpikesPerCore = new long[cores];
    }

    /// <summary>Synaptic accumulates: one per (spike event, target synapse).</summary>
    public long Accumulates { get; set; }

    /// <summary>Synaptic multiply-accumulates: one per (nonzero graded event, target synapse).</summary>
    public long MultiplyAccumulates { get; set; }

    /// <summary>Neuron state updates: one per neuron per time step.</summary>
    public long NeuronUpdates { get; set; }

    /// <summary>Spike events delivered from a neuron on one core to a different core.</summary>
    public long SpikesRouted { get; set; }

    /// <summary>Input events that entered the chip (nonzero input values).</summary>
    public long InputEvents { get; set; }

    public long Steps { get; set; }

    public long Cycles { get; set; }

    public long[] SpikesPerPopulation { get; }

    public long[] SpikesPerCore { get; }

    /// <summary>Synaptic operations: accumulates plus multiply-accumulates.</summary>
    public long SynapticOperations => Accumulates + MultiplyAccumulates;

    public void Add(ChipCounters other)
    {
        Accumulates += other.Accumulates;
        MultiplyAccumulates += other.MultiplyAccumulates;
        NeuronUpdates += other.NeuronUpdates;
        SpikesRouted += other.SpikesRouted;
        InputEvents += other.InputEvents;
        Steps += other.Steps;
        Cycles += other.Cycles;
        for (var i = 0; i < SpikesPerPopulation.Length; i++)
        {
            SpikesPerPopulation[i] += other.SpikesPerPopulation[i];
        }

        for (var i = 0; i < SpikesPerCore.Length; i++)
        {
            SpikesPerCore[i] += other.SpikesPerCore[i];
        }
    }
}
