namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// A NIR graph as read from a file: nested graphs flattened into dotted node paths, every edge
/// checked to connect existing nodes, and every node's input and output shape inferred.
/// </summary>
public sealed class NirGraph
{
    private readonly Dictionary<string, NirNode> _byName;

    internal NirGraph(string sourcePath, string version, List<NirNode> nodes, List<NirEdge> edges, List<string> repairs)
    {
        SourcePath = sourcePath;
        Version = version;
        Nodes = nodes;
        Edges = edges;
        Repairs = repairs;
        _byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>The file the graph was read from, for messages.</summary>
    public string SourcePath { get; }

    /// <summary>The file's NIR format version (<c>0.1.1</c>, <c>0.2.0</c>, <c>1.0.0</c>, ...).</summary>
    public string Version { get; }

    /// <summary>All nodes, nested ones under dotted paths, in stored order.</summary>
    public IReadOnlyList<NirNode> Nodes { get; }

    /// <summary>All edges by full node path, in stored order.</summary>
    public IReadOnlyList<NirEdge> Edges { get; }

    /// <summary>What a lenient read changed, one sentence each; empty after a strict read.</summary>
    public IReadOnlyList<string> Repairs { get; }

    /// <summary>Time step in seconds stored in the graph's metadata (<c>metadata/dt</c>), if any.</summary>
    public double? Dt { get; internal init; }

    public NirNode this[string name] => _byName.TryGetValue(name, out var node)
        ? node
        : throw new KeyNotFoundException($"node '{name}' is not in {SourcePath}");

    public bool TryGetNode(string name, out NirNode node) => _byName.TryGetValue(name, out node!);

    public IEnumerable<NirEdge> EdgesFrom(string name) => Edges.Where(e => string.Equals(e.Source, name, StringComparison.Ordinal));

    public IEnumerable<NirEdge> EdgesTo(string name) => Edges.Where(e => string.Equals(e.Target, name, StringComparison.Ordinal));
}
