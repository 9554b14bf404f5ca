namespace NeuroDeploy.Compiler.Nir;

/// <summary>2-D pooling over (C, H, W) input, per channel.</summary>
public abstract class NirPool2dNode : NirNode
{
    /// <summary>(height, width).</summary>
    public required int[] KernelSize { get; init; }

    public required int[] Stride { get; init; }

    public required int[] Padding { get; init; }
}
