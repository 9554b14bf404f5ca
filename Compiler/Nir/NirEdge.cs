namespace NeuroDeploy.Compiler.Nir;

/// <summary>A directed edge between two nodes of a flattened graph, by full dotted node path.</summary>
public sealed record NirEdge(string Source, string Target)
{
    public override string ToString() => Source + " -> " + Target;
}
