namespace NeuroDeploy.Compiler.Nir;

/// <summary>Mean of each pooling window (divided by the full kernel area, padding included).</summary>
public sealed class NirAvgPool2dNode : NirPool2dNode
{
    public override string TypeName => "AvgPool2d";
}
