using System.Security.Cryptography;
using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>A valid small image (one LIF core of 4 neurons fed by 3 input channels) and random mutations of it.</summary>
internal static class FuzzImages
{
    public const uint Channels = 3;

    /// <summary>Builds the valid image; <paramref name="threshold"/> makes variants with different digests.</summary>
    public static NeuroImage Valid(long threshold = 1000)
    {
        var core = new Core
        {
            Index = 0,
            Population = 0,
            PopulationOffset = 0,
            NeuronCount = 4,
            Stage = 0,
            Parameters = new NeuronParameters
            {
                Model = NeuronModel.Lif,
                Reset = ResetMode.Zero,
                DecayV = 58982,
                DecayFractionBits = 16,
                Threshold = threshold,
                WeightExponent = 2,
                StateBits = 32,
                StateScale = 1.0 / 1024,
            },
        };
        for (var channel = 0; channel < Channels; channel++)
        {
            var weights = new byte[8];
            for (var n = 0; n < 4; n++)
            {
                BitConverter.TryWriteBytes(weights.AsSpan(n * 2), (short)(60 + (channel * 40) + (n * 25)));
            }

            core.Axons.Add(new Axon
            {
                Source = new AxonSource { InputChannel = (uint)channel },
                Targets = ByteString.CopyFrom(0, 1, 1, 1),
                Weights = ByteString.CopyFrom(weights),
                Count = 4,
            });
        }

        return new NeuroImage
        {
            SchemaVersion = 1,
            CompilerVersion = "fuzz test image",
            Profile = new ProfileRef { Name = "generic" },
            Populations = { new Population { Name = "lif", Size = 4, FirstCore = 0, CoreCount = 1, Shape = { 4 } } },
            Cores = { core },
            Input = new InputMap { Channels = Channels, Shape = { Channels } },
            Output = new OutputMap { Population = 0, Size = 4, Node = "lif" },
        };
    }

    /// <summary>Serializes <paramref name="image"/> with its own digest field set.</summary>
    public static byte[] Seal(NeuroImage image)
    {
        image.Digest = ByteString.Empty;
        image.Digest = ByteString.CopyFrom(SHA256.HashData(image.ToByteArray()));
        return image.ToByteArray();
    }

    /// <summary>
    /// Returns the bytes of a randomly damaged image. Most keep a matching own digest so the
    /// damage reaches the chip loader; some change the schema version, the profile or the bytes.
    /// </summary>
    public static byte[] Mutated(Random random)
    {
        var image = Valid(random.Next(1, 5000));
        var mutations = random.Next(1, 4);
        for (var k = 0; k < mutations; k++)
        {
            Mutate(image, random);
        }

        var bytes = random.Next(10) == 0 ? image.ToByteArray() : Seal(image);
        if (random.Next(10) == 0 && bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
        }

        return bytes;
    }

    private static void Mutate(NeuroImage image, Random random)
    {
        var core = image.Cores.Count > 0 ? image.Cores[random.Next(image.Cores.Count)] : null;
        var axon = core is { Axons.Count: > 0 } ? core.Axons[random.Next(core.Axons.Count)] : null;
        switch (random.Next(22))
        {
            case 0 when core is not null:
                core.NeuronCount = Pick(random, 0, 1, 3, 5, 1000, uint.MaxValue);
                break;
            case 1 when core is not null:
                core.Population = Pick(random, 0, 1, 7, uint.MaxValue);
                break;
            case 2 when core is not null:
                core.Index = Pick(random, 0, 1, 9, uint.MaxValue);
                break;
            case 3 when core is not null:
                core.PopulationOffset = Pick(random, 0, 1, 4, uint.MaxValue);
                break;
            case 4:
                image.Populations[0].Size = Pick(random, 0, 1, 3, 5, uint.MaxValue);
                break;
            case 5:
                image.Populations[0].FirstCore = Pick(random, 0, 1, 2, uint.MaxValue);
                break;
            case 6:
                image.Populations[0].CoreCount = Pick(random, 0, 1, 2, uint.MaxValue);
                break;
            case 7 when axon is not null:
                axon.Targets = ByteString.CopyFrom(RandomBytes(random, random.Next(0, 12)));
                break;
            case 8 when axon is not null:
                axon.Weights = ByteString.CopyFrom(RandomBytes(random, random.Next(0, 12)));
                break;
            case 9 when axon is not null:
                axon.Count = Pick(random, 0, 1, 3, 4, 5, 100, uint.MaxValue);
                break;
            case 10 when axon is not null:
                axon.Source = new AxonSource { InputChannel = Pick(random, 0, 2, 3, 100, uint.MaxValue) };
                break;
            case 11 when axon is not null:
                axon.Source = new AxonSource { Neuron = new NeuronRef { Core = Pick(random, 0, 1, uint.MaxValue), Neuron = Pick(random, 0, 3, 4, uint.MaxValue) } };
                break;
            case 12 when axon is not null:
                axon.Delay = Pick(random, 0, 1, 15, 16, 1000, uint.MaxValue);
                break;
            case 13:
                image.Input.Channels = Pick(random, 0, 1, 2, 4, 1 << 20, uint.MaxValue);
                break;
            case 14:
                image.Output.Population = Pick(random, 0, 1, uint.MaxValue);
                break;
            case 15:
                image.Output.Size = Pick(random, 0, 1, 3, 5, uint.MaxValue);
                break;
            case 16 when core is not null:
                core.Parameters.StateBits = Pick(random, 0, 1, 8, 33, 64, 65, uint.MaxValue);
                break;
            case 17 when core is not null:
                core.Parameters.DecayFractionBits = Pick(random, 0, 31, 32, 63, 64, 200);
                core.Parameters.WeightExponent = Pick(random, 0, 31, 32, 63, 64, 200);
                break;
            case 18 when core is not null:
                core.Parameters.Model = (NeuronModel)random.Next(-1, 8);
                core.Parameters.Reset = (ResetMode)random.Next(-1, 5);
                break;
            case 19 when core is not null:
                core.Bias = ByteString.CopyFrom(RandomBytes(random, random.Next(0, 24)));
                break;
            case 20 when core is not null:
                image.Cores.Add(core.Clone());
                break;
            case 21:
                image.SchemaVersion = Pick(random, 0, 2, uint.MaxValue);
                break;
            default:
                image.Profile = random.Next(2) == 0 ? null : new ProfileRef { Name = "other" };
                break;
        }
    }

    private static uint Pick(Random random, params uint[] values) => values[random.Next(values.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
