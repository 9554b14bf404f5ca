namespace NeuroDeploy.Compiler.Nir;

/// <summary>y = W x, W of shape (out, in).</summary>
public sealed class NirLinearNode : NirNode
{
    public override string TypeName => "Linear";

    public required NirTensor Weight { get; init; }
}
