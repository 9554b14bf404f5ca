using System.Globalization;
using NeuroDeploy.Compiler.Nir;

namespace NeuroDeploy.Compiler.Lowering;

/// <summary>Edge structure of a graph during lowering: cycle-closing edges, population order and composed drives.</summary>
internal sealed class LoweringGraph
{
    private readonly NirGraph _graph;
    private readonly double _dt;
    private readonly HashSet<NirEdge> _backEdges = [];
    private readonly Dictionary<string, List<NirEdge>> _incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Drive> _linearDrives = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    public LoweringGraph(NirGraph graph, double dt)
    {
        _graph = graph;
        _dt = dt;
        foreach (var node in graph.Nodes)
        {
            _incoming[node.Name] = [];
        }

        foreach (var edge in graph.Edges)
        {
            _incoming[edge.Target].Add(edge);
        }

        FindBackEdges();
    }

    /// <summary>Edges that close a cycle in a depth-first search from the inputs; they carry a one-step delay.</summary>
    public IReadOnlySet<NirEdge> BackEdges => _backEdges;

    public static bool IsPopulation(NirNode node) => node is NirNeuronNode or NirThresholdNode;

    /// <summary>Population nodes in an order where every edge that is not cycle-closing goes forward.</summary>
    public List<NirNode> PopulationOrder()
    {
        var pending = _graph.Nodes.ToDictionary(
            n => n.Name, n => _incoming[n.Name].Count(e => !_backEdges.Contains(e)), StringComparer.Ordinal);
        var order = new List<NirNode>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (done.Count < _graph.Nodes.Count)
        {
            // The first ready node in stored order keeps the order stable for equal graphs.
            var next = _graph.Nodes.FirstOrDefault(n => !done.Contains(n.Name) && pending[n.Name] == 0)
                ?? throw new LoweringException($"{_graph.SourcePath}: the graph has a cycle that lowering cannot order");
            done.Add(next.Name);
            order.Add(next);
            foreach (var edge in _graph.EdgesFrom(next.Name).Where(e => !_backEdges.Contains(e)))
            {
                pending[edge.Target]--;
            }
        }

        foreach (var node in order)
        {
            if (!IsPopulation(node) && !LinearNodeMatrices.IsLinear(node) && node is not NirInputNode and not NirOutputNode)
            {
                throw new LoweringException($"node '{node.Name}' ({node.TypeName}) cannot be lowered yet");
            }
        }

        return order.Where(IsPopulation).ToList();
    }

    /// <summary>The summed input of a population as a function of the populations and the network input.</summary>
    public Drive DriveOf(string population)
    {
        var node = _graph[population];
        var drive = new Drive(LinearNodeMatrices.Size(node.InputShape));
        foreach (var edge in _incoming[population])
        {
            drive.Add(SourceDrive(edge.Source), _backEdges.Contains(edge) ? 1 : 0);
        }

        return drive;
    }

    /// <summary>The population whose spikes reach the Output node, through pass-through nodes only.</summary>
    public string OutputPopulation()
    {
        var outputs = _graph.Nodes.OfType<NirOutputNode>().ToList();
        if (outputs.Count != 1)
        {
            throw new LoweringException(
                $"{_graph.SourcePath}: the graph has {outputs.Count} Output nodes; lowering supports exactly one");
        }

        var current = outputs[0].Name;
        while (true)
        {
            var feeding = _incoming[current];
            if (feeding.Count != 1)
            {
                throw new LoweringException(
                    $"{_graph.SourcePath}: node '{current}' has {feeding.Count} incoming edges; the Output node must be "
                    + "fed by exactly one neuron node");
            }

            var source = _graph[feeding[0].Source];
            if (IsPopulation(source))
            {
                return source.Name;
            }

            if (source is not NirIdentityNode and not NirFlattenNode)
            {
                throw new LoweringException(
                    $"{_graph.SourcePath}: the Output node is fed by '{source.Name}' ({source.TypeName}); a readout "
                    + "through weights is not supported yet, so end the graph with a neuron node");
            }

            current = source.Name;
        }
    }

    private Drive SourceDrive(string name)
    {
        var node = _graph[name];
        if (IsPopulation(node) || node is NirInputNode)
        {
            var size = LinearNodeMatrices.Size(node.OutputShape);
            var identity = new Drive(size);
            identity.AddTerm(name, 0, SparseMatrix.Identity(size));
            return identity;
        }

        if (!LinearNodeMatrices.IsLinear(node))
        {
            throw new LoweringException(
                $"node '{name}' ({node.TypeName}) cannot sit between two neuron nodes; it is not a linear node");
        }

        if (_linearDrives.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(name))
        {
            throw new LoweringException(
                $"{_graph.SourcePath}: node '{name}' lies on a cycle of linear nodes with no neuron node; "
                + "such a loop has no discrete-time meaning");
        }

        var input = new Drive(LinearNodeMatrices.Size(node.InputShape));
        foreach (var edge in _incoming[name])
        {
            input.Add(SourceDrive(edge.Source), _backEdges.Contains(edge) ? 1 : 0);
        }

        var (matrix, bias) = LinearNodeMatrices.Build(node);
        var result = input.Transform(matrix, bias);
        if (node is NirDelayNode delay)
        {
            var shifted = new Drive(result.Bias.Length);
            shifted.Add(result, DelaySteps(delay));
            result = shifted;
        }

        _inProgress.Remove(name);
        _linearDrives[name] = result;
        return result;
    }

    private int DelaySteps(NirDelayNode node)
    {
        var steps = node.Delay.Values.Select(d => d / _dt).Distinct().ToList();
        var first = steps[0];
        var whole = Math.Round(first);
        if (steps.Any(s => Math.Abs(s - first) > 1e-9 * Math.Max(1, first)) || Math.Abs(first - whole) > 1e-6)
        {
            throw new LoweringException(
                $"node '{node.Name}' (Delay), field 'delay': values / dt = "
                + string.Join(", ", steps.Take(4).Select(s => s.ToString("G6", CultureInfo.InvariantCulture)))
                + " steps; only one whole number of steps for all elements is supported");
        }

        return (int)whole;
    }

    private void FindBackEdges()
    {
        var state = _graph.Nodes.ToDictionary(n => n.Name, _ => 0, StringComparer.Ordinal);
        var roots = _graph.Nodes.OfType<NirInputNode>().Cast<NirNode>().Concat(_graph.Nodes);
        foreach (var root in roots)
        {
            if (state[root.Name] != 0)
            {
                continue;
            }

            // Iterative depth-first search; 1 = on the stack, 2 = finished.
            var stack = new Stack<(string Node, IEnumerator<NirEdge> Next)>();
            state[root.Name] = 1;
            stack.Push((root.Name, _graph.EdgesFrom(root.Name).ToList().GetEnumerator()));
            while (stack.Count > 0)
            {
                var (current, next) = stack.Peek();
                if (!next.MoveNext())
                {
                    state[current] = 2;
                    stack.Pop();
                    continue;
                }

                var edge = next.Current;
                switch (state[edge.Target])
                {
                    case 0:
                        state[edge.Target] = 1;
                        stack.Push((edge.Target, _graph.EdgesFrom(edge.Target).ToList().GetEnumerator()));
                        break;
                    case 1:
                        _backEdges.Add(edge);
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
