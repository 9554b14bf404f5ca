namespace NeuroDeploy.Compiler.Nir;

/// <summary>Sum of each pooling window.</summary>
public sealed class NirSumPool2dNode : NirPool2dNode
{
    public override string TypeName => "SumPool2d";
}
