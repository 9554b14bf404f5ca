namespace NeuroDeploy.Compiler.Nir;

/// <summary>2-D convolution (cross-correlation as in PyTorch), weight (C_out, C_in / groups, kH, kW).</summary>
public sealed class NirConv2dNode : NirNode
{
    public override string TypeName => "Conv2d";

    public required NirTensor Weight { get; init; }

    public required NirTensor Bias { get; init; }

    /// <summary>(height, width).</summary>
    public required int[] Stride { get; init; }

    /// <summary>Zero padding per side (height, width); for <c>same</c> it is resolved once the input is known.</summary>
    public required int[] Padding { get; set; }

    public required int[] Dilation { get; init; }

    public required int Groups { get; init; }

    /// <summary>Stored spatial <c>input_shape</c> (H, W), or null when inferred from the incoming edge.</summary>
    public int[]? DeclaredInputShape { get; init; }

    /// <summary>Stored padding string (<c>same</c> or <c>valid</c>), or null when numeric.</summary>
    public string? PaddingMode { get; init; }
}
