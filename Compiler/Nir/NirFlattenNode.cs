namespace NeuroDeploy.Compiler.Nir;

/// <summary>Merges dimensions start_dim..end_dim (counted without the batch dimension); data order is unchanged.</summary>
public sealed class NirFlattenNode : NirNode
{
    public override string TypeName => "Flatten";

    public required int StartDim { get; init; }

    public required int EndDim { get; init; }

    /// <summary>The stored <c>input_type</c>, or null when the file leaves it to inference.</summary>
    public int[]? DeclaredInputShape { get; init; }
}
