using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuroDeploy.Cli.Tests.Dynamics;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Compiler.Reference;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Testing;
using Xunit.Abstractions;

namespace NeuroDeploy.Cli.Tests.DynamicsModeSwitch;

public sealed class ModeSwitchTests(ITestOutputHelper output)
{
    private const int Samples = 16;
    private const int Width = 7;

    private static readonly double[] Deltas = [-1.5, 2, 10];

    /// <summary>
    /// Each network is compiled once with the delta -1.5 program, whose range is the widest, so its graded input format
    /// covers every setting. The program is then switched to delta 2 and delta 10, and the board encodes the features.
    /// </summary>
    [SharedDataFact]
    public async Task SwitchingOnBoardKeepsNetwork()
    {
        var features = CliHost.RandomFeatures(seed: 16, rows: Samples, width: Width);
        var totals = new Dictionary<(double Network, double Encoder), long>();
        foreach (var networkDelta in Deltas)
        {
            var compiled = ModelCompiler.Compile(ModelPath(networkDelta), CompileOptionsFor(Spec(-1.5)));
            Assert.Equal(Spec(-1.5).ToString(), compiled.Image.Encoder.Spec);
            foreach (var encoderDelta in Deltas)
            {
                var image = encoderDelta == -1.5
                    ? compiled.Image
                    : ChipRunner.SwitchEncoder(compiled.Image, Spec(encoderDelta).ToString(), "none");

                Assert.Equal(compiled.Image.NetworkDigest, image.NetworkDigest);
                Assert.Equal(compiled.Image.Cores, image.Cores);
                Assert.Equal(compiled.Image.Input, image.Input);
                Assert.Equal(Spec(encoderDelta).ToString(), image.Encoder.Spec);

                var onBoard = await RunOnBoardAsync(image, compiled, features);
                totals[(networkDelta, encoderDelta)] = onBoard.SpikesPerPopulation.Sum();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"network delta {networkDelta}, encoder delta {encoderDelta}: spikes per sample [{Format(onBoard.SpikesPerPopulation)}] ({string.Join(", ", onBoard.PopulationNames)}), total {onBoard.SpikesPerPopulation.Sum() / (double)Samples:F1}, energy per sample {onBoard.Energy.TotalJoules / Samples:E3} J"));
                if (networkDelta != encoderDelta)
                {
                    continue;
                }

                var reference = FloatSpikes(compiled, Spec(encoderDelta), features);
                output.WriteLine($"  float encoder + float network: [{Format(reference)}]");
                for (var p = 0; p < reference.Length; p++)
                {
                    var difference = Math.Abs(onBoard.SpikesPerPopulation[p] - reference[p]);
                    Assert.True(
                        difference <= 0.03 * reference[p],
                        $"network {networkDelta}, {onBoard.PopulationNames[p]}: {onBoard.SpikesPerPopulation[p]} spikes on board vs {reference[p]} float");
                }
            }
        }

        // On the expansive network, the expansive setting fires several times more than either dissipative setting,
        // and more than either dissipative network with its own setting.
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(-1.5, 2)], $"{totals[(-1.5, -1.5)]} vs {totals[(-1.5, 2)]} spikes");
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(-1.5, 10)], $"{totals[(-1.5, -1.5)]} vs {totals[(-1.5, 10)]} spikes");
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(2, 2)], $"{totals[(-1.5, -1.5)]} vs {totals[(2, 2)]} spikes");
        Assert.True(totals[(-1.5, -1.5)] > 5 * totals[(10, 10)], $"{totals[(-1.5, -1.5)]} vs {totals[(10, 10)]} spikes");
    }

    /// <summary>
    /// <c>run IMAGE --input FEATURES.csv</c> on an image with a program equals <c>encode --fixed-point</c> fed to the
    /// same image as graded rows [B, T, C].
    /// </summary>
    [SharedDataFact]
    public void RunFeaturesEqualsFixedPointEncode()
    {
        var folder = CliHost.TemporaryFolder();
        var spec = Spec(2).ToString();
        var features = CliHost.RandomFeatures(seed: 7, rows: 6, width: Width).Select(v => 3 * v).ToArray();
        var featuresPath = CliHost.WriteCsv(folder, features, Width);
        var imagePath = Path.Combine(folder, "da.ndimg");
        var encodedPath = Path.Combine(folder, "encoded.npy");
        var rowsPath = Path.Combine(folder, "rows.npy");
        var onBoardPath = Path.Combine(folder, "on-board.json");
        var fromRowsPath = Path.Combine(folder, "from-rows.json");

        Assert.Equal(0, Invoke("compile", ModelPath(2), "--dt", "1e-4", "--encoder", spec, "--normalize", "max-abs", "-o", imagePath));
        Assert.Equal(0, Invoke("run", imagePath, "--input", featuresPath, "-o", onBoardPath));
        Assert.Equal(0, Invoke("encode", "--encoder", spec, "--input", featuresPath, "--normalize", "max-abs", "--fixed-point", "--raw", "-o", encodedPath));

        // The raw integers with G fraction bits, written as float64 (exact), are the graded rows the run quantizes back.
        var image = ImageDigest.ParseVerified(File.ReadAllBytes(imagePath));
        var encoded = Npy.Read(encodedPath);
        var fractionBits = (int)image.Input.FractionBits;
        Npy.Write(rowsPath, new NdArray(encoded.Shape, encoded.Data.Select(v => Math.ScaleB(v, -fractionBits)).ToArray()));
        Assert.Equal(0, Invoke("run", imagePath, "--input", rowsPath, "-o", fromRowsPath));

        var onBoard = JsonNode.Parse(File.ReadAllText(onBoardPath))!;
        var fromRows = JsonNode.Parse(File.ReadAllText(fromRowsPath))!;
        Assert.Equal(6, (int)onBoard["samples"]!);
        foreach (var key in new[] { "outputs", "spikes_per_layer", "spikes_per_core", "accumulates", "multiply_accumulates", "neuron_updates", "input_events", "cycles" })
        {
            Assert.Equal(fromRows[key]!.ToJsonString(), onBoard[key]!.ToJsonString());
        }
    }

    [SharedDataFact]
    public void SwitchRejectsProgramWithoutRoom()
    {
        var compiled = ModelCompiler.Compile(ModelPath(2), CompileOptionsFor(Spec(2)));

        // The delta 2 image's input format (16 fraction bits) cannot hold the expansive trajectories.
        Assert.Throws<UsageException>(() => ChipRunner.SwitchEncoder(compiled.Image, Spec(-1.5).ToString(), "none"));
    }

    private static int Invoke(params string[] args)
    {
        var root = new RootCommand("neurodeploy (test host)");
        root.Subcommands.Add(CompileCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(EncodeCommand.Create());
        var parsed = root.Parse(args);
        Assert.Empty(parsed.Errors);
        return parsed.Invoke();
    }

    private static string ModelPath(double delta) =>
        SharedData.PathOf(string.Create(CultureInfo.InvariantCulture, $"dynamical-alignment/mixed_oscillator_delta_{delta:F2}.nir"));

    private static EncoderSpec Spec(double delta) =>
        EncoderSpec.Parse("mixed-oscillator:delta=" + delta.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The options <c>compile --dt 1e-4 --encoder SPEC</c> passes.</summary>
    private static CompileOptions CompileOptionsFor(EncoderSpec spec) => new()
    {
        Dt = 1e-4,
        GradedInput = true,
        InputBound = CompileCommand.EncoderBound(spec.ToString()),
        Encoder = spec,
    };

    private static string Format(IEnumerable<long> spikes) =>
        string.Join(", ", spikes.Select(s => (s / (double)Samples).ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Runs the features on the in-process board, which encodes them with the image's program.</summary>
    private static async Task<RunOutcome> RunOnBoardAsync(NeuroImage image, CompileResult compiled, double[] features)
    {
        var inputs = Enumerable.Range(0, Samples)
            .Select(s => ChipInput.FromFeatures(features.AsSpan(s * Width, Width)))
            .ToList();
        var results = await ChipRunner.RunInputsAsync(image, inputs, "sim://", [], compiled.Profile, CancellationToken.None);
        return ChipRunner.Summarize(image, results, "sim://", compiled.Profile, RunCommand.DenseMacs(image) * inputs.Count);
    }

    /// <summary>Returns spikes per layer of the float encoder feeding the float network (FloatSimulator).</summary>
    private static long[] FloatSpikes(CompileResult compiled, EncoderSpec spec, double[] features)
    {
        var encoder = EncoderFactory.Create(spec);
        var encoded = encoder.EncodeBatch(features, Width);
        var rowLength = encoded.Length / Samples;
        var simulator = new FloatSimulator(compiled.Discrete);
        var spikes = new long[compiled.Discrete.Populations.Count];
        for (var s = 0; s < Samples; s++)
        {
            var result = simulator.Run(encoded.AsSpan(s * rowLength, rowLength).ToArray());
            for (var p = 0; p < spikes.Length; p++)
            {
                spikes[p] += result.TotalSpikes(p);
            }
        }

        return spikes;
    }
}
