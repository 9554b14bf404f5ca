namespace NeuroDeploy.Compiler.Reference;

/// <summary>Operations counted the way the hardware counts them, over one run.</summary>
public sealed class OperationCounts
{
    /// <summary>Synaptic accumulates: one per synapse reached by a binary spike (population spikes, and input values of exactly 1).</summary>
    public long Accumulates { get; internal set; }

    /// <summary>Synaptic multiply-accumulates: one per synapse reached by a nonzero network input value other than 1.</summary>
    public long MultiplyAccumulates { get; internal set; }

    /// <summary>Neuron state updates: one per neuron per step.</summary>
    public long NeuronUpdates { get; internal set; }

    /// <summary>Accumulates plus multiply-accumulates.</summary>
    public long SynapticOperations => Accumulates + MultiplyAccumulates;
}
