namespace NeuroDeploy.Compiler.Nir;

/// <summary>y(t) = x(t - delay), delay in seconds per element.</summary>
public sealed class NirDelayNode : NirNode
{
    public override string TypeName => "Delay";

    public required NirTensor Delay { get; init; }
}
