namespace NeuroDeploy.Compiler.Nir;

/// <summary>Graph output; its shape comes from <c>shape</c> (file version 0.1/0.2) or <c>output_type</c>.</summary>
public sealed class NirOutputNode : NirNode
{
    public override string TypeName => "Output";

    public required int[] Shape { get; init; }
}
