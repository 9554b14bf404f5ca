using System.Buffers.Binary;
using System.Globalization;
using NeuroDeploy.Compiler.Imaging;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Rebuilds the quantized network from an image alone (populations, per-core parameters, biases and
/// synapse tables), so that what runs on the board can be exported to NIR without the model file.
/// </summary>
public static class NirWriteImage
{
    /// <summary>Name given to the Input node, because an image does not store the model's input node name.</summary>
    public const string InputNodeName = "input";

    /// <summary>
    /// Decodes <paramref name="image"/> into a <see cref="QuantizedNetwork"/>. Projections are ordered by
    /// target, source and delay, as the quantizer orders them.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A population has no core, its cores disagree on a parameter, a bias or synapse table is malformed,
    /// or a state scale is not a power of two.
    /// </exception>
    public static QuantizedNetwork ToQuantizedNetwork(NeuroImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var populations = new List<QuantizedPopulation>();
        for (var p = 0; p < image.Populations.Count; p++)
        {
            populations.Add(DecodePopulation(image, p));
        }

        var first = image.Cores.Count > 0
            ? image.Cores[0].Parameters
            : throw new InvalidDataException("The image has no cores.");
        var channels = checked((int)image.Input.Channels);
        return new QuantizedNetwork
        {
            InputNode = InputNodeName,
            InputShape = image.Input.Shape.Count > 0 ? image.Input.Shape.Select(x => checked((int)x)).ToArray() : [channels],
            GradedInput = image.Input.Graded,
            InputFractionBits = checked((int)image.Input.FractionBits),
            Populations = populations,
            Projections = DecodeProjections(image),
            OutputPopulation = checked((int)image.Output.Population),
            StateBits = checked((int)first.StateBits),
            DecayFractionBits = checked((int)first.DecayFractionBits),
            Report = new QuantizationReport(),
        };
    }

    private static QuantizedPopulation DecodePopulation(NeuroImage image, int index)
    {
        var population = image.Populations[index];
        var cores = image.Cores.Where(c => c.Population == index).ToList();
        if (cores.Count == 0)
        {
            throw new InvalidDataException($"Population '{population.Name}' has no core in the image.");
        }

        var parameters = cores[0].Parameters;
        if (cores.Any(c => !c.Parameters.Equals(parameters)))
        {
            throw new InvalidDataException($"The cores of population '{population.Name}' have different neuron parameters.");
        }

        var size = checked((int)population.Size);
        var bias = new int[size];
        foreach (var core in cores)
        {
            var bytes = core.Bias.Span;
            var count = checked((int)core.NeuronCount);
            if (bytes.Length != 0 && bytes.Length != 4 * count)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Core {core.Index} has {bytes.Length} bias bytes; expected 0 or {4 * count} (int32 per neuron)."));
            }

            for (var n = 0; n < bytes.Length / 4; n++)
            {
                bias[checked((int)core.PopulationOffset) + n] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * n, 4));
            }
        }

        return new QuantizedPopulation
        {
            Name = population.Name,
            Shape = population.Shape.Count > 0 ? population.Shape.Select(x => checked((int)x)).ToArray() : [size],
            Size = size,
            Kind = ChipModelMapping.ToKind(parameters.Model)
                ?? throw new InvalidDataException($"Population '{population.Name}' has neuron model {parameters.Model}."),
            Reset = ChipModelMapping.ToResetRule(parameters.Reset)
                ?? throw new InvalidDataException($"Population '{population.Name}' has reset mode {parameters.Reset}."),
            StateExponent = StateExponent(population.Name, parameters.StateScale),
            WeightExponent = checked((int)parameters.WeightExponent),
            DecayV = parameters.DecayV,
            DecayI = parameters.DecayI,
            Threshold = parameters.Threshold,
            VReset = parameters.VReset,
            Bias = bias,
        };
    }

    /// <summary>Returns P with state_scale = 2^-P.</summary>
    private static int StateExponent(string population, double stateScale)
    {
        var exponent = -Math.ILogB(stateScale);
        if (!(stateScale > 0) || Math.ScaleB(1.0, -exponent) != stateScale)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Population '{population}' has state scale {stateScale}, which is not a power of two."));
        }

        return exponent;
    }

    private static List<QuantizedProjection> DecodeProjections(NeuroImage image)
    {
        // (target, source, delay) -> synapses as (row, column, mantissa); source -1 is the input.
        var groups = new SortedDictionary<(int Target, int Source, int Delay), List<(int Row, int Column, short Mantissa)>>();
        foreach (var core in image.Cores)
        {
            var target = checked((int)core.Population);
            var offset = checked((int)core.PopulationOffset);
            foreach (var axon in core.Axons)
            {
                var (source, column) = SourceOf(image, axon);
                var key = (target, source, checked((int)axon.Delay));
                if (!groups.TryGetValue(key, out var synapses))
                {
                    synapses = [];
                    groups[key] = synapses;
                }

                var (targets, weights) = SynapseCodec.Decode(axon, checked((int)core.NeuronCount));
                for (var k = 0; k < targets.Length; k++)
                {
                    synapses.Add((offset + targets[k], column, weights[k]));
                }
            }
        }

        var projections = new List<QuantizedProjection>();
        foreach (var ((target, source, delay), synapses) in groups)
        {
            synapses.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
            var rows = checked((int)image.Populations[target].Size);
            var rowStart = new int[rows + 1];
            foreach (var synapse in synapses)
            {
                rowStart[synapse.Row + 1]++;
            }

            for (var n = 0; n < rows; n++)
            {
                rowStart[n + 1] += rowStart[n];
            }

            projections.Add(new QuantizedProjection
            {
                Source = source,
                Target = target,
                Delay = delay,
                RowStart = rowStart,
                Column = synapses.Select(s => s.Column).ToArray(),
                Mantissa = synapses.Select(s => s.Mantissa).ToArray(),
            });
        }

        return projections;
    }

    /// <summary>Returns the source population (-1 for the input) and the column within it of an axon.</summary>
    private static (int Source, int Column) SourceOf(NeuroImage image, Axon axon)
    {
        if (axon.Source.SourceCase == AxonSource.SourceOneofCase.InputChannel)
        {
            return (-1, checked((int)axon.Source.InputChannel));
        }

        var reference = axon.Source.Neuron;
        if (reference is null || reference.Core >= image.Cores.Count)
        {
            throw new InvalidDataException("An axon names no source or a core that is not in the image.");
        }

        var core = image.Cores[checked((int)reference.Core)];
        return (checked((int)core.Population), checked((int)(core.PopulationOffset + reference.Neuron)));
    }
}
