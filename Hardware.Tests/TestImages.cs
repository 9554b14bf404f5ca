using System.Security.Cryptography;
using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>Small hand-made images: one LIF core of 4 neurons fed by 3 input channels.</summary>
public static class TestImages
{
    /// <summary>Builds an image; <paramref name="variant"/> changes the threshold, <paramref name="padding"/> adds provenance bytes to reach a size.</summary>
    public static byte[] Build(int variant = 0, string profile = "generic", int padding = 0)
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
                Threshold = 1000 + (variant * 100),
                VReset = 0,
                WeightExponent = 2,
                StateBits = 32,
                StateScale = 1.0 / 1024,
            },
        };
        for (var channel = 0; channel < 3; channel++)
        {
            var weights = new byte[8];
            for (var n = 0; n < 4; n++)
            {
                BitConverter.TryWriteBytes(weights.AsSpan(n * 2), (short)(60 + (channel * 40) + (n * 25)));
            }

            core.Axons.Add(new Axon
            {
                Source = new AxonSource { InputChannel = (uint)channel },
                Delay = 0,
                Targets = ByteString.CopyFrom(0, 1, 1, 1),
                Weights = ByteString.CopyFrom(weights),
                Count = 4,
            });
        }

        var image = new NeuroImage
        {
            SchemaVersion = 1,
            CompilerVersion = "hand-made test image",
            Profile = new ProfileRef { Name = profile },
            Provenance = new Provenance { SourceFile = padding > 0 ? new string('p', padding) : "test" },
            Populations = { new Population { Name = "lif", Size = 4, FirstCore = 0, CoreCount = 1, Shape = { 4 } } },
            Cores = { core },
            Input = new InputMap { Channels = 3, Shape = { 3 }, Graded = false, FractionBits = 0 },
            Output = new OutputMap { Population = 0, Size = 4, Node = "lif" },
        };
        image.Digest = ByteString.CopyFrom(SHA256.HashData(image.ToByteArray()));
        return image.ToByteArray();
    }

    /// <summary>A spike input of <paramref name="steps"/> steps over the 3 channels, from a seed.</summary>
    public static Runtime.Simulator.ChipInput Input(int steps, int seed)
    {
        var random = new Random(seed);
        var values = new int[steps * 3];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = random.Next(3) == 0 ? 1 : 0;
        }

        return new Runtime.Simulator.ChipInput(steps, 3, values);
    }
}
