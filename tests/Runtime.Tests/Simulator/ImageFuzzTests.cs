using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using static NeuroDeploy.Runtime.Tests.Simulator.TestImages;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>
/// Images whose digests are valid but whose content is mutated at random: loading one either
/// succeeds or raises InvalidDataException, and a loaded image runs or rejects its input with
/// ArgumentException. No other exception type ever escapes.
/// </summary>
public sealed class ImageFuzzTests
{
    [Fact]
    public void MutatedImages_FailCleanly()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("NEURODEPLOY_IMAGE_FUZZ"), out var n) ? n : 5000;
        var baseline = TwoStageImage().ToByteArray();
        var random = new Random(1234);
        var loaded = 0;
        var rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var bytes = (byte[])baseline.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            NeuroImage image;
            try
            {
                image = NeuroImage.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                continue;
            }

            Chip chip;
            try
            {
                chip = new Chip(image);
            }
            catch (InvalidDataException)
            {
                rejected++;
                continue;
            }
            catch (Exception error)
            {
                Assert.Fail($"iteration {i}: loading raised {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
                return;
            }

            loaded++;
            try
            {
                chip.Run(new ChipInput(3, (int)image.Input.Channels, new int[3 * (int)image.Input.Channels]));
            }
            catch (ArgumentException)
            {
                // Input that does not fit the mutated input map.
            }
            catch (Exception error)
            {
                Assert.Fail($"iteration {i}: running raised {error.GetType().Name}: {error.Message}\n{error.StackTrace}");
            }
        }

        Assert.True(loaded > 0, "some mutations leave a valid image");
        Assert.True(rejected > 0, "some mutations are rejected");
    }

    private static NeuroImage TwoStageImage()
    {
        var image = Create(channels: 2);
        var a = AddPopulation(image, 0, Parameters(NeuronModel.Lif, ResetMode.Subtract, 5), 3);
        var b = AddPopulation(image, 1, Parameters(NeuronModel.CubaLif, ResetMode.SubtractNextStep, 7), 2, 1);
        AddInputAxon(image.Cores[a], 0, 0, [0, 1, 2], [3, 4, 5]);
        AddInputAxon(image.Cores[a], 1, 1, [0, 2], [6, -2]);
        AddNeuronAxon(image.Cores[a], a, 2, 1, [0], [-1]);
        AddNeuronAxon(image.Cores[b], a, 0, 0, [0], [5]);
        AddNeuronAxon(image.Cores[b], a, 1, 0, [0, 1], [2, 3]);
        AddNeuronAxon(image.Cores[b + 1], a, 2, 0, [0], [7]);
        SetOutput(image, 1);
        return image;
    }
}
