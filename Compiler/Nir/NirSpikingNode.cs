namespace NeuroDeploy.Compiler.Nir;

/// <summary>A neuron node with a firing threshold and an optional reset potential.</summary>
public abstract class NirSpikingNode : NirNeuronNode
{
    public required NirTensor VThreshold { get; init; }

    /// <summary>The stored <c>v_reset</c>; null when the file has none (older NIR versions).</summary>
    public NirTensor? VReset { get; init; }

    public override bool Spiking => true;
}
