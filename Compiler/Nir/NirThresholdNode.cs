namespace NeuroDeploy.Compiler.Nir;

/// <summary>y = H(x - threshold), stateless.</summary>
public sealed class NirThresholdNode : NirNode
{
    public override string TypeName => "Threshold";

    public required NirTensor Threshold { get; init; }
}
