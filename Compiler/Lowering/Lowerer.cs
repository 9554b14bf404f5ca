using System.Globalization;
using NeuroDeploy.Compiler.Nir;

namespace NeuroDeploy.Compiler.Lowering;

/// <summary>
/// Lowers a continuous-time NIR graph to a <see cref="DiscreteNetwork"/>: neuron nodes become
/// populations, the linear nodes between two of them are composed into one sparse projection
/// with the neuron's input gain folded in, and every edge that closes a cycle gets a one-step delay.
/// </summary>
public static class Lowerer
{
    public static DiscreteNetwork Lower(NirGraph graph, LoweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        if (!LoweringConventions.Names.Contains(options.Convention, StringComparer.Ordinal))
        {
            throw new LoweringException(
                $"convention '{options.Convention}' is unknown; use one of {string.Join(", ", LoweringConventions.Names)}");
        }

        var dt = options.Dt ?? graph.Dt ?? throw new LoweringException(
            $"{graph.SourcePath}: the file stores no time step; give it with --dt SECONDS, for example --dt 1e-4");
        if (!double.IsFinite(dt) || dt <= 0)
        {
            throw new LoweringException(
                $"time step --dt = {dt.ToString(CultureInfo.InvariantCulture)} is invalid; it must be a positive number of seconds");
        }

        var context = new LoweringGraph(graph, dt);
        var inputs = graph.Nodes.OfType<NirInputNode>().ToList();
        if (inputs.Count != 1)
        {
            throw new LoweringException(
                $"{graph.SourcePath}: the graph has {inputs.Count} Input nodes; lowering supports exactly one");
        }

        var order = context.PopulationOrder();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var populations = new List<DiscretePopulation>();
        var gains = new List<double[]>();
        foreach (var node in order)
        {
            var (population, gain) = NeuronDiscretizer.Discretize(node, dt, options.Convention, options.Reset);
            index[node.Name] = populations.Count;
            populations.Add(population);
            gains.Add(gain);
        }

        index[inputs[0].Name] = -1;
        var projections = new List<Projection>();
        for (var p = 0; p < populations.Count; p++)
        {
            var drive = context.DriveOf(order[p].Name);
            var gain = gains[p];
            for (var k = 0; k < gain.Length; k++)
            {
                populations[p].BiasI[k] = drive.Bias[k] * gain[k];
            }

            foreach (var ((source, delay), matrix) in drive.Terms.OrderBy(t => index[t.Key.Source]).ThenBy(t => t.Key.Delay))
            {
                projections.Add(ToProjection(index[source], p, delay, matrix, gain, order[p], graph.SourcePath));
            }
        }

        return new DiscreteNetwork
        {
            InputNode = inputs[0].Name,
            InputShape = inputs[0].Shape,
            Populations = populations,
            Projections = projections,
            OutputPopulation = index[context.OutputPopulation()],
            Dt = dt,
            Convention = options.Convention,
            InputDelay = string.Equals(options.Convention, LoweringConventions.Lava, StringComparison.Ordinal) ? 1 : 0,
        };
    }

    private static Projection ToProjection(
        int source, int target, int delay, SparseMatrix matrix, double[] gain, NirNode targetNode, string file)
    {
        if (delay > 1)
        {
            throw new LoweringException(
                $"{file}: node '{targetNode.Name}' receives input delayed by {delay} steps; "
                + "only delays of 0 and 1 step are supported yet");
        }

        var weight = new double[matrix.Value.Length];
        for (var i = 0; i < matrix.Rows; i++)
        {
            for (var q = matrix.RowStart[i]; q < matrix.RowStart[i + 1]; q++)
            {
                weight[q] = matrix.Value[q] * gain[i];
            }
        }

        return new Projection
        {
            Source = source,
            Target = target,
            Delay = delay,
            RowStart = (int[])matrix.RowStart.Clone(),
            Column = (int[])matrix.Column.Clone(),
            Weight = weight,
        };
    }
}
