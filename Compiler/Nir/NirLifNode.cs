namespace NeuroDeploy.Compiler.Nir;

/// <summary>LIF: tau dv/dt = (v_leak - v) + r I; spike when v &gt; v_threshold.</summary>
public sealed class NirLifNode : NirSpikingNode
{
    public override string TypeName => "LIF";

    public required NirTensor Tau { get; init; }

    public required NirTensor VLeak { get; init; }
}
