namespace NeuroDeploy.Compiler.Nir;

/// <summary>Graph input; its shape comes from <c>shape</c> (file version 0.1/0.2) or <c>input_type</c>.</summary>
public sealed class NirInputNode : NirNode
{
    public override string TypeName => "Input";

    public required int[] Shape { get; init; }
}
