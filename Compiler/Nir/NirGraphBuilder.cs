namespace NeuroDeploy.Compiler.Nir;

/// <summary>Flattens a NIRGraph group and its nested graphs into one node list and one edge list.</summary>
internal sealed class NirGraphBuilder
{
    private readonly string _file;
    private readonly NirReadOptions _options;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public NirGraphBuilder(string file, NirReadOptions options)
    {
        _file = file;
        _options = options;
    }

    public List<NirNode> Nodes { get; } = [];

    public List<NirEdge> Edges { get; } = [];

    public List<string> Repairs { get; } = [];

    /// <summary>
    /// Adds the nodes and edges of one graph level with <paramref name="prefix"/> before each name,
    /// and returns the graph's display name.
    /// </summary>
    public string AddGraph(Hdf5Group graph, string prefix, string graphName, bool nested)
    {
        var type = TypeOf(graph, prefix.Length == 0 ? "(top level)" : prefix.TrimEnd('.'));
        if (!string.Equals(type, "NIRGraph", StringComparison.Ordinal))
        {
            throw new NirFormatException($"{_file}: graph {graphName}: type is '{type}', expected 'NIRGraph'");
        }

        if (!graph.Groups.TryGetValue("nodes", out var nodesGroup))
        {
            throw new NirFormatException($"{_file}: graph {graphName}: group 'nodes' is missing; re-export the model");
        }

        // Local name -> full path of the node an edge endpoint refers to, per direction.
        var asSource = new Dictionary<string, string>(StringComparer.Ordinal);
        var asTarget = new Dictionary<string, string>(StringComparer.Ordinal);
        var localNeurons = new List<string>();
        foreach (var name in nodesGroup.ChildOrder)
        {
            var path = prefix + name;
            if (!nodesGroup.Groups.TryGetValue(name, out var nodeGroup))
            {
                throw new NirFormatException(
                    $"{_file}: node '{path}' is a dataset, expected a group with a 'type' dataset");
            }

            var nodeType = TypeOf(nodeGroup, path);
            if (string.Equals(nodeType, "NIRGraph", StringComparison.Ordinal))
            {
                var before = Nodes.Count;
                AddGraph(nodeGroup, path + ".", $"'{path}'", nested: true);
                var boundary = Nodes.Skip(before).ToList();
                asTarget[name] = SingleBoundary(boundary, path, path + ".", "Input", input: true);
                asSource[name] = SingleBoundary(boundary, path, path + ".", "Output", input: false);
                foreach (var inner in boundary)
                {
                    var local = inner.Name[prefix.Length..];
                    asSource.TryAdd(local, inner.Name);
                    asTarget.TryAdd(local, inner.Name);
                }

                continue;
            }

            var fields = new NirNodeFields(_file, path, nodeType, nodeGroup);
            var node = NirNodeParser.Parse(fields);
            if (nested && node is NirInputNode input)
            {
                node = new NirIdentityNode { Name = path, Shape = input.Shape, IsGraphInput = true };
            }
            else if (nested && node is NirOutputNode output)
            {
                node = new NirIdentityNode { Name = path, Shape = output.Shape, IsGraphInput = false };
            }

            if (!_names.Add(path))
            {
                throw new NirFormatException(
                    $"{_file}: node path '{path}' occurs twice after flattening nested graphs; rename one of the nodes");
            }

            Nodes.Add(node);
            asSource[name] = path;
            asTarget[name] = path;
            if (node is NirNeuronNode)
            {
                localNeurons.Add(path);
            }
        }

        foreach (var (source, target) in ReadEdges(graph, graphName))
        {
            var from = Resolve(source, asSource, prefix, graphName, source, target, nested, localNeurons);
            var to = Resolve(target, asTarget, prefix, graphName, source, target, nested, localNeurons);
            Edges.Add(new NirEdge(from, to));
        }

        return graphName;
    }

    private string Resolve(
        string local,
        Dictionary<string, string> map,
        string prefix,
        string graphName,
        string source,
        string target,
        bool nested,
        List<string> localNeurons)
    {
        if (map.TryGetValue(local, out var path))
        {
            return path;
        }

        var missing = prefix + local;
        var edgeText = $"'{source} -> {target}'";
        if (_options.Lenient && nested && localNeurons.Count == 1)
        {
            Repairs.Add(
                $"edge {edgeText} of graph {graphName} named node '{missing}', which does not exist; "
                + $"connected it to '{localNeurons[0]}', the only neuron node of that graph");
            return localNeurons[0];
        }

        var known = string.Join(", ", map.Keys.Order(StringComparer.Ordinal));
        var fix = nested && localNeurons.Count == 1
            ? $"rename the edge endpoint, or import leniently (--lenient on the command line) to connect it to '{localNeurons[0]}'"
            : "rename the edge endpoint to one of the existing nodes";
        throw new NirFormatException(
            $"{_file}: edge {edgeText} of graph {graphName} names node '{missing}', which does not exist "
            + $"(nodes there: {known}); {fix}");
    }

    private List<(string Source, string Target)> ReadEdges(Hdf5Group graph, string graphName)
    {
        if (!graph.Datasets.TryGetValue("edges", out var edges))
        {
            throw new NirFormatException($"{_file}: graph {graphName}: dataset 'edges' is missing; re-export the model");
        }

        if (edges.Strings is null)
        {
            throw new NirFormatException(
                $"{_file}: graph {graphName}, field 'edges': element type {edges.TypeName}, expected strings");
        }

        var isPairs = edges.Shape.Length == 2 && edges.Shape[1] == 2;
        var isEmpty = edges.Strings.Length == 0;
        if (!isPairs && !isEmpty)
        {
            throw new NirFormatException(
                $"{_file}: graph {graphName}, field 'edges': shape {NirNodeParser.ShapeText(edges.Shape)}, "
                + "expected N x 2 (source, target)");
        }

        var result = new List<(string, string)>();
        for (var k = 0; k + 1 < edges.Strings.Length; k += 2)
        {
            result.Add((edges.Strings[k], edges.Strings[k + 1]));
        }

        return result;
    }

    private string SingleBoundary(List<NirNode> inner, string graphPath, string prefix, string kind, bool input)
    {
        // The boundary nodes of this nested graph are its own identity nodes, not those of deeper graphs.
        var candidates = inner
            .OfType<NirIdentityNode>()
            .Where(n => n.IsGraphInput == input && !n.Name[prefix.Length..].Contains('.', StringComparison.Ordinal))
            .Select(n => n.Name)
            .ToList();
        if (candidates.Count != 1)
        {
            throw new NirFormatException(
                $"{_file}: nested graph '{graphPath}' has {candidates.Count} {kind} nodes; "
                + $"an edge to or from the graph by name needs exactly one");
        }

        return candidates[0];
    }

    private string TypeOf(Hdf5Group group, string path)
    {
        if (!group.Datasets.TryGetValue("type", out var type) || type.Strings is not { Length: 1 })
        {
            throw new NirFormatException(
                $"{_file}: node '{path}', field 'type': missing or not one string; every NIR node group needs it");
        }

        return type.Strings[0];
    }
}
