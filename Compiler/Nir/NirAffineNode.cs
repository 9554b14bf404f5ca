namespace NeuroDeploy.Compiler.Nir;

/// <summary>y = W x + b, W of shape (out, in).</summary>
public sealed class NirAffineNode : NirNode
{
    public override string TypeName => "Affine";

    public required NirTensor Weight { get; init; }

    public required NirTensor Bias { get; init; }
}
