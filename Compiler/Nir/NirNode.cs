namespace NeuroDeploy.Compiler.Nir;

/// <summary>One node of a flattened NIR graph, with the shapes the reader inferred.</summary>
public abstract class NirNode
{
    /// <summary>Full dotted path, e.g. <c>lif1.lif</c> for node <c>lif</c> of nested graph <c>lif1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The NIR type string as stored in the file (<c>Affine</c>, <c>CubaLIF</c>, ...).</summary>
    public abstract string TypeName { get; }

    /// <summary>Shape of the value the node receives (product = element count).</summary>
    public int[] InputShape { get; internal set; } = [];

    /// <summary>Shape of the value the node emits.</summary>
    public int[] OutputShape { get; internal set; } = [];

    public override string ToString() => $"{Name} ({TypeName})";
}
