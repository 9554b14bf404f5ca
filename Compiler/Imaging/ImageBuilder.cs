using System.Buffers.Binary;
using Google.Protobuf;
using NeuroDeploy.Compiler.Mapping;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Imaging;

/// <summary>Assembles the image from a quantized network and its placement on cores.</summary>
public static class ImageBuilder
{
    public const uint SchemaVersion = 1;

    /// <summary>The compiler version written into images; changing it changes every image's bytes.</summary>
    public static string CompilerVersion { get; } = "neurodeploy " + typeof(ImageBuilder).Assembly.GetName().Version?.ToString(3);

    /// <summary>Builds and seals the image without an encoder program.</summary>
    public static NeuroImage Build(
        QuantizedNetwork network,
        IReadOnlyList<CoreAssignment> assignments,
        HardwareProfile profile,
        Provenance provenance) =>
        Build(network, assignments, profile, provenance, encoder: null);

    /// <summary>
    /// Builds and seals the image. With an encoder program, the image carries it and <c>InputMap.steps</c> is the
    /// program's sample count.
    /// </summary>
    public static NeuroImage Build(
        QuantizedNetwork network,
        IReadOnlyList<CoreAssignment> assignments,
        HardwareProfile profile,
        Provenance provenance,
        EncoderProgram? encoder)
    {
        var image = new NeuroImage
        {
            SchemaVersion = SchemaVersion,
            CompilerVersion = CompilerVersion,
            Profile = new ProfileRef { Name = profile.Name, Digest = ByteString.CopyFrom(profile.Digest) },
            Provenance = provenance,
            Input = new InputMap
            {
                Channels = (uint)network.InputSize,
                Graded = network.GradedInput,
                FractionBits = (uint)network.InputFractionBits,
            },
            Output = new OutputMap
            {
                Population = (uint)network.OutputPopulation,
                Size = (uint)network.Populations[network.OutputPopulation].Size,
                Node = network.Populations[network.OutputPopulation].Name,
            },
        };
        image.Input.Shape.AddRange(network.InputShape.Select(x => (uint)x));
        if (encoder is not null)
        {
            image.Input.Steps = encoder.Samples;
            image.Encoder = encoder.Clone();
        }

        var coresOf = assignments.GroupBy(a => a.Population).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Offset).ToArray());
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            var cores = coresOf[p];
            var entry = new Population
            {
                Name = population.Name,
                Size = (uint)population.Size,
                FirstCore = (uint)cores[0].Core,
                CoreCount = (uint)cores.Length,
            };
            entry.Shape.AddRange(population.Shape.Select(x => (uint)x));
            image.Populations.Add(entry);
        }

        foreach (var assignment in assignments)
        {
            image.Cores.Add(BuildCore(network, assignment, coresOf, profile));
        }

        ImageDigest.Seal(image);
        return image;
    }

    private static Core BuildCore(
        QuantizedNetwork network,
        CoreAssignment assignment,
        Dictionary<int, CoreAssignment[]> coresOf,
        HardwareProfile profile)
    {
        var population = network.Populations[assignment.Population];
        var core = new Core
        {
            Index = (uint)assignment.Core,
            Population = (uint)assignment.Population,
            PopulationOffset = (uint)assignment.Offset,
            NeuronCount = (uint)assignment.Count,
            Stage = (uint)assignment.Population,
            Parameters = new NeuronParameters
            {
                Model = ChipModelMapping.ToModel(population.Kind)
                    ?? throw new CompileException($"Layer '{population.Name}': neuron kind {population.Kind} has no chip model."),
                Reset = ChipModelMapping.ToResetMode(population.Reset)
                    ?? throw new CompileException($"Layer '{population.Name}': reset rule {population.Reset} has no chip equivalent yet."),
                DecayV = (uint)population.DecayV,
                DecayI = (uint)population.DecayI,
                DecayFractionBits = (uint)network.DecayFractionBits,
                Threshold = population.Threshold,
                VReset = population.VReset,
                WeightExponent = (uint)population.WeightExponent,
                StateBits = (uint)profile.StateBits,
                StateScale = population.StateScale,
            },
        };

        var slice = population.Bias.AsSpan(assignment.Offset, assignment.Count);
        if (slice.ContainsAnyExcept(0))
        {
            var bias = new byte[assignment.Count * 4];
            for (var n = 0; n < assignment.Count; n++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bias.AsSpan(n * 4), slice[n]);
            }

            core.Bias = ByteString.CopyFrom(bias);
        }

        var projections = network.Projections.Where(x => x.Target == assignment.Population).ToArray();
        for (var j = 0; j < projections.Length; j++)
        {
            var projection = projections[j];
            var bySource = new SortedDictionary<int, (List<int> Targets, List<short> Weights)>();
            for (var local = 0; local < assignment.Count; local++)
            {
                var row = assignment.Offset + local;
                for (var k = projection.RowStart[row]; k < projection.RowStart[row + 1]; k++)
                {
                    if (!bySource.TryGetValue(projection.Column[k], out var list))
                    {
                        list = ([], []);
                        bySource.Add(projection.Column[k], list);
                    }

                    list.Targets.Add(local);
                    list.Weights.Add(projection.Mantissa[k]);
                }
            }

            foreach (var (column, list) in bySource)
            {
                var axon = new Axon { Delay = (uint)projection.Delay, Source = SourceOf(projection.Source, column, coresOf) };
                SynapseCodec.Encode(axon, list.Targets.ToArray(), list.Weights.ToArray());
                core.Axons.Add(axon);
            }
        }

        return core;
    }

    private static AxonSource SourceOf(int sourcePopulation, int column, Dictionary<int, CoreAssignment[]> coresOf)
    {
        if (sourcePopulation < 0)
        {
            return new AxonSource { InputChannel = (uint)column };
        }

        foreach (var assignment in coresOf[sourcePopulation])
        {
            if (column >= assignment.Offset && column < assignment.Offset + assignment.Count)
            {
                return new AxonSource
                {
                    Neuron = new NeuronRef { Core = (uint)assignment.Core, Neuron = (uint)(column - assignment.Offset) },
                };
            }
        }

        throw new InvalidOperationException($"Neuron {column} of population {sourcePopulation} is on no core.");
    }
}
