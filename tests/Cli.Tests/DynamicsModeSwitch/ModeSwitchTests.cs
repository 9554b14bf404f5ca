using System.Globalization;
using NeuroDeploy.Cli.Tests.Dynamics;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Runtime.Simulator.Encoding;
using NeuroDeploy.Testing;
using Xunit.Abstractions;

namespace NeuroDeploy.Cli.Tests.DynamicsModeSwitch;

public sealed class ModeSwitchTests(ITestOutputHelper output)
{
    private static readonly double[] Deltas = [-1.5, 2, 10];

    [SharedDataFact]
    public async Task SwitchingKeepsNetworkAndReportsSpikes()
    {
        var bound = Deltas.Max(d => EncoderAnalysis.Bounds(Spec(d)).SampledMax);
        var features = CliHost.RandomFeatures(seed: 16, rows: 16, width: 7);
        var totals = new Dictionary<(double Network, double Encoder), long>();
        foreach (var networkDelta in Deltas)
        {
            var path = SharedData.PathOf(string.Create(CultureInfo.InvariantCulture, $"dynamical-alignment/mixed_oscillator_delta_{networkDelta:F2}.nir"));
            var compiled = ModelCompiler.Compile(path, new CompileOptions { Dt = 1e-4, GradedInput = true, InputBound = bound });
            var image = compiled.Image;
            var fractionBits = (int)image.Input.FractionBits;
            foreach (var encoderDelta in Deltas)
            {
                var program = EncoderPrograms.Build(Spec(encoderDelta), 7, fractionBits);

                var switched = EncoderSwitch.Replace(image, program);

                Assert.Equal(image.NetworkDigest, switched.NetworkDigest);
                Assert.Equal(image.Cores, switched.Cores);
                Assert.Equal(image.Populations, switched.Populations);
                Assert.Equal(image.Input, switched.Input);
                Assert.NotEqual(image.Digest, switched.Digest);
                Assert.Equal(program, ImageDigest.ParseVerified(Google.Protobuf.MessageExtensions.ToByteArray(switched)).Encoder);

                if (networkDelta == encoderDelta || (networkDelta == -1.5 && encoderDelta == 2))
                {
                    var outcome = await RunAsync(switched, compiled, features);
                    totals[(networkDelta, encoderDelta)] = outcome.SpikesPerPopulation.Sum();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"network delta {networkDelta}, encoder delta {encoderDelta}: spikes per sample [{string.Join(", ", outcome.SpikesPerPopulation.Select(s => (s / 16.0).ToString("F1", CultureInfo.InvariantCulture)))}] ({string.Join(", ", outcome.PopulationNames)}), energy per sample {outcome.Energy.TotalJoules / 16:E3} J"));
                }
            }
        }

        // The expansive network with its own encoder fires several times more than either dissipative pair,
        // and more than with the dissipative encoder swapped in.
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(2, 2)], $"{totals[(-1.5, -1.5)]} vs {totals[(2, 2)]} spikes");
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(10, 10)], $"{totals[(-1.5, -1.5)]} vs {totals[(10, 10)]} spikes");
        Assert.True(totals[(-1.5, -1.5)] > totals[(-1.5, 2)], $"{totals[(-1.5, -1.5)]} vs {totals[(-1.5, 2)]} spikes");
    }

    private static EncoderSpec Spec(double delta) =>
        EncoderSpec.Parse("mixed-oscillator:delta=" + delta.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Encodes the features with the image's own encoder program, as the board would, and runs the chip.</summary>
    private static async Task<RunOutcome> RunAsync(NeuroImage image, CompileResult compiled, double[] features)
    {
        var interpreter = new EncoderInterpreter(image.Encoder);
        var inputs = new List<ChipInput>();
        for (var s = 0; s < features.Length / 7; s++)
        {
            var integers = features.Skip(s * 7).Take(7).Select((v, f) => EncoderInterpreter.ToFeature(v, f)).ToArray();
            inputs.Add(new ChipInput(interpreter.Steps, 21, interpreter.Encode(integers)));
        }

        var results = await ChipRunner.RunInputsAsync(image, inputs, "sim://", [], compiled.Profile, CancellationToken.None);
        return ChipRunner.Summarize(image, results, "sim://", compiled.Profile, RunCommand.DenseMacs(image) * inputs.Count);
    }
}
