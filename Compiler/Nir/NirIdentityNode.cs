namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// The Input or Output node of a nested graph after flattening: passes its value through
/// unchanged. Edges to or from the nested graph's name attach here.
/// </summary>
public sealed class NirIdentityNode : NirNode
{
    public override string TypeName => "Identity";

    public required int[] Shape { get; init; }

    /// <summary>True for the nested graph's Input node, false for its Output node.</summary>
    public required bool IsGraphInput { get; init; }
}
