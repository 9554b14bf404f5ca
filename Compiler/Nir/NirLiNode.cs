namespace NeuroDeploy.Compiler.Nir;

/// <summary>LI: tau dv/dt = (v_leak - v) + r I, no spikes.</summary>
public sealed class NirLiNode : NirNeuronNode
{
    public override string TypeName => "LI";

    public override bool Spiking => false;

    public required NirTensor Tau { get; init; }

    public required NirTensor VLeak { get; init; }
}
