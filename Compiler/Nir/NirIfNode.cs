namespace NeuroDeploy.Compiler.Nir;

/// <summary>IF: dv/dt = r I; spike when v &gt; v_threshold.</summary>
public sealed class NirIfNode : NirSpikingNode
{
    public override string TypeName => "IF";
}
