namespace NeuroDeploy.Compiler.Nir;

/// <summary>1-D convolution (cross-correlation as in PyTorch), weight (C_out, C_in / groups, K).</summary>
public sealed class NirConv1dNode : NirNode
{
    public override string TypeName => "Conv1d";

    public required NirTensor Weight { get; init; }

    public required NirTensor Bias { get; init; }

    public required int Stride { get; init; }

    /// <summary>Zero padding on each side, already resolved from <c>same</c>/<c>valid</c>.</summary>
    public required int Padding { get; init; }

    public required int Dilation { get; init; }

    public required int Groups { get; init; }

    /// <summary>Stored <c>input_shape</c> (length L), or null when inferred from the incoming edge.</summary>
    public int? DeclaredInputLength { get; init; }

    /// <summary>Stored padding string (<c>same</c> or <c>valid</c>), or null when numeric.</summary>
    public string? PaddingMode { get; init; }
}
