namespace NeuroDeploy.Compiler.Reference;

/// <summary>Per-step state of one population, row-major [step, neuron], taken after the step's reset.</summary>
public sealed class PopulationTrace
{
    public required int Population { get; init; }

    public required int Size { get; init; }

    /// <summary>Membrane potential after the step (after the reset for the rules that reset in the step).</summary>
    public required double[] V { get; init; }

    /// <summary>Synaptic current after the step (0 unless CubaLif).</summary>
    public required double[] I { get; init; }

    /// <summary>1 where the neuron spiked in the step.</summary>
    public required byte[] Spikes { get; init; }
}
