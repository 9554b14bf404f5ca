namespace NeuroDeploy.Compiler.Nir;

/// <summary>A stateful neuron node; all its parameters have the node's shape.</summary>
public abstract class NirNeuronNode : NirNode
{
    /// <summary>Resistance r.</summary>
    public required NirTensor R { get; init; }

    /// <summary>Shape shared by all parameters, which is the node's input and output shape.</summary>
    public int[] Shape => R.Shape.Length == 0 ? [1] : R.Shape;

    public int Size => R.Length;

    /// <summary>True for models that emit spikes (LIF, CubaLIF, IF).</summary>
    public abstract bool Spiking { get; }
}
