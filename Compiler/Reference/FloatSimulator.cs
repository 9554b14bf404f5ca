using System.Globalization;
using NeuroDeploy.Compiler.Lowering;

namespace NeuroDeploy.Compiler.Reference;

/// <summary>
/// Runs a <see cref="DiscreteNetwork"/> in float64, step by step in the order its remarks define;
/// the reference the fixed-point models are compared against.
/// </summary>
public sealed class FloatSimulator
{
    private readonly DiscreteNetwork _network;
    private readonly ColumnProjection[] _projections;

    public FloatSimulator(DiscreteNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _projections = network.Projections.Select(p => new ColumnProjection(p, SourceSize(network, p))).ToArray();
    }

    /// <summary>
    /// Runs one sample. <paramref name="input"/> is row-major [steps, InputSize]; the step count is
    /// its length divided by the input size. All states start at 0.
    /// </summary>
    public FloatSimulationResult Run(double[] input, FloatSimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= new FloatSimulationOptions();
        var inputSize = _network.InputSize;
        if (input.Length % inputSize != 0)
        {
            throw new ArgumentException(
                $"input has {input.Length} values, not a multiple of the network input size {inputSize}",
                nameof(input));
        }

        var steps = input.Length / inputSize;
        var populations = _network.Populations;
        var count = populations.Count;
        var v = populations.Select(p => new double[p.Size]).ToArray();
        var i = populations.Select(p => new double[p.Size]).ToArray();
        var spikes = populations.Select(p => new double[p.Size]).ToArray();
        var previousSpikes = populations.Select(p => new double[p.Size]).ToArray();
        var counts = populations.Select(p => new long[p.Size]).ToArray();
        var drive = populations.Select(p => new double[p.Size]).ToArray();
        var currentInput = new double[inputSize];
        var previousInput = new double[inputSize];
        var traces = CreateTraces(options, steps);
        var outputPopulation = _network.OutputPopulation;
        var outputSpikes = new byte[steps * populations[outputPopulation].Size];
        var operations = new OperationCounts();

        for (var t = 0; t < steps; t++)
        {
            (previousInput, currentInput) = (currentInput, previousInput);
            var source = t - _network.InputDelay;
            if (source >= 0)
            {
                Array.Copy(input, source * inputSize, currentInput, 0, inputSize);
            }
            else
            {
                Array.Clear(currentInput);
            }

            for (var p = 0; p < count; p++)
            {
                (previousSpikes[p], spikes[p]) = (spikes[p], previousSpikes[p]);
            }

            for (var p = 0; p < count; p++)
            {
                var population = populations[p];
                var u = drive[p];
                Array.Copy(population.BiasI, u, u.Length);
                foreach (var projection in _projections)
                {
                    if (projection.Target != p)
                    {
                        continue;
                    }

                    if (projection.Source < 0)
                    {
                        projection.AccumulateInput(projection.Delay == 0 ? currentInput : previousInput, u, operations);
                    }
                    else
                    {
                        var sourceSpikes = projection.Delay == 0 ? spikes[projection.Source] : previousSpikes[projection.Source];
                        projection.AccumulateSpikes(sourceSpikes, u, operations);
                    }
                }

                Update(population, u, v[p], i[p], spikes[p]);
                operations.NeuronUpdates += population.Size;
                for (var k = 0; k < population.Size; k++)
                {
                    if (spikes[p][k] != 0)
                    {
                        counts[p][k]++;
                    }
                }

                if (traces.TryGetValue(p, out var trace))
                {
                    var offset = t * population.Size;
                    Array.Copy(v[p], 0, trace.V, offset, population.Size);
                    Array.Copy(i[p], 0, trace.I, offset, population.Size);
                    for (var k = 0; k < population.Size; k++)
                    {
                        trace.Spikes[offset + k] = (byte)spikes[p][k];
                    }
                }
            }

            var outputSize = populations[outputPopulation].Size;
            for (var k = 0; k < outputSize; k++)
            {
                outputSpikes[(t * outputSize) + k] = (byte)spikes[outputPopulation][k];
            }
        }

        return new FloatSimulationResult
        {
            Steps = steps,
            SpikeCounts = counts,
            OutputSpikes = outputSpikes,
            OutputCounts = counts[outputPopulation],
            Traces = traces,
            Operations = operations,
        };
    }

    /// <summary>Advances one population by one step; <paramref name="spikes"/> receives 0 or 1 per neuron.</summary>
    private static void Update(DiscretePopulation population, double[] u, double[] v, double[] i, double[] spikes)
    {
        for (var k = 0; k < population.Size; k++)
        {
            var threshold = population.Threshold[k];
            var previous = v[k];
            var input = u[k];
            if (population.Kind == NeuronKind.CubaLif)
            {
                i[k] = (population.DecayI[k] * i[k]) + u[k];
                input = i[k];
            }

            var decay = population.Kind == NeuronKind.If ? 1.0 : population.DecayV[k];
            var next = (decay * previous) + input + population.BiasV[k];
            switch (population.Reset)
            {
                case ResetRule.Zero:
                    spikes[k] = next > threshold ? 1 : 0;
                    v[k] = spikes[k] != 0 ? population.VReset[k] : next;
                    break;
                case ResetRule.Subtract:
                    spikes[k] = next > threshold ? 1 : 0;
                    v[k] = next - (spikes[k] * threshold);
                    break;
                case ResetRule.SubtractNextStep:
                    next -= previous > threshold ? threshold : 0;
                    spikes[k] = next > threshold ? 1 : 0;
                    v[k] = next;
                    break;
                case ResetRule.SubtractGuardedRefire:
                    var carried = previous > threshold ? 1.0 : 0.0;
                    next -= carried * threshold;
                    spikes[k] = next > threshold ? 1 : 0;
                    v[k] = next - ((spikes[k] - carried) * threshold);
                    break;
                default:
                    throw new InvalidOperationException(
                        $"population '{population.Name}': reset rule {population.Reset} is not implemented");
            }
        }
    }

    private static int SourceSize(DiscreteNetwork network, Projection projection)
    {
        return projection.Source < 0 ? network.InputSize : network.Populations[projection.Source].Size;
    }

    private Dictionary<int, PopulationTrace> CreateTraces(FloatSimulationOptions options, int steps)
    {
        var traces = new Dictionary<int, PopulationTrace>();
        foreach (var p in options.TracePopulations)
        {
            if (p < 0 || p >= _network.Populations.Count)
            {
                throw new ArgumentException(
                    $"trace population {p.ToString(CultureInfo.InvariantCulture)} does not exist; "
                    + $"the network has {_network.Populations.Count} populations",
                    nameof(options));
            }

            var size = _network.Populations[p].Size;
            traces[p] = new PopulationTrace
            {
                Population = p,
                Size = size,
                V = new double[steps * size],
                I = new double[steps * size],
                Spikes = new byte[steps * size],
            };
        }

        return traces;
    }
}
