namespace NeuroDeploy.Compiler.Golden;

/// <summary>
/// What the golden model computed for one sample: per-step state of the recorded populations
/// (row-major [step, neuron], after reset), spikes of every population, and operation counts.
/// </summary>
public sealed class GoldenResult
{
    public required int Steps { get; init; }

    /// <summary>Spikes per population, row-major [step, neuron].</summary>
    public required byte[][] Spikes { get; init; }

    /// <summary>v after each step for recorded populations (null where not recorded).</summary>
    public required long[]?[] V { get; init; }

    /// <summary>i after each step for recorded populations (null where not recorded).</summary>
    public required long[]?[] I { get; init; }

    public long Accumulates { get; set; }

    public long MultiplyAccumulates { get; set; }

    public long NeuronUpdates { get; set; }

    public long InputEvents { get; set; }

    public long SpikeCount(int population) => Spikes[population].Sum(x => (long)x);
}
