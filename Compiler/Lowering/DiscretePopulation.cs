namespace NeuroDeploy.Compiler.Lowering;

/// <summary>
/// One NIR neuron node after discretization with a time step and a convention: per-neuron
/// constants of the per-step update that <see cref="NeuronKind"/> names. Input gains
/// (dt/tau, r, w_in) are already folded into the weights of the incoming projections and
/// into <see cref="BiasI"/>.
/// </summary>
public sealed class DiscretePopulation
{
    public required string Name { get; init; }

    /// <summary>Output shape of the NIR node (product = <see cref="Size"/>).</summary>
    public required int[] Shape { get; init; }

    public int Size => DecayV.Length;

    public required NeuronKind Kind { get; init; }

    public required ResetRule Reset { get; init; }

    /// <summary>Membrane decay per step (1 for IF).</summary>
    public required double[] DecayV { get; init; }

    /// <summary>Synaptic current decay per step (0 unless CubaLif).</summary>
    public required double[] DecayI { get; init; }

    /// <summary>Constant added to the step's input before the current update (Affine bias, scaled).</summary>
    public required double[] BiasI { get; init; }

    /// <summary>Constant added to v every step (the v_leak term, scaled).</summary>
    public required double[] BiasV { get; init; }

    public required double[] Threshold { get; init; }

    public required double[] VReset { get; init; }
}
