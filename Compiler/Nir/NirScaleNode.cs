namespace NeuroDeploy.Compiler.Nir;

/// <summary>y = s * x elementwise.</summary>
public sealed class NirScaleNode : NirNode
{
    public override string TypeName => "Scale";

    public required NirTensor Scale { get; init; }
}
