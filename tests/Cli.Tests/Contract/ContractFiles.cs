using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>Reference files the contract tests use, and helpers to write inputs and read results.</summary>
internal static class ContractFiles
{
    public const string LifModel = "conformance/lif/lif_norse.nir";
    public const string LifInput = "conformance/lif/input.csv";
    public const string BrailleModel = "conformance/braille/braille_noDelay_noBias_subtract.nir";
    public const string BrailleSubgraph = "conformance/braille/braille_noDelay_noBias_subtract_subgraph.nir";
    public const string BrailleSample = "conformance/braille/braille_test_sample0.csv";
    public const string BrailleCounts = "conformance/braille/derived_sample0_lif2_spike_counts.csv";
    public const string AlignmentModel = "dynamical-alignment/mixed_oscillator_delta_2.00.nir";
    public const string AlignmentEncoder = "mixed-oscillator:delta=2";

    /// <summary>Compiles the single LIF neuron with the Norse convention into <paramref name="image"/>.</summary>
    public static void CompileLif(string image)
    {
        var result = ContractCli.Run(SharedData.RepositoryRoot, "compile", SharedData.PathOf(LifModel), "--dt", "1e-4", "--convention", "norse", "-o", image);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>Writes <paramref name="rows"/> x <paramref name="width"/> seeded uniform values in [-scale, scale] as a CSV without header.</summary>
    public static string WriteFeatures(TemporaryFolder folder, string name, int seed, int rows, int width, double scale)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            var row = Enumerable.Range(0, width).Select(_ => ((2 * random.NextDouble()) - 1) * scale);
            text.AppendLine(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }

        var path = folder.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Returns the steps at which neuron <paramref name="neuron"/> of a recorded node spiked.</summary>
    public static int[] SpikeSteps(JsonObject result, string node, int neuron)
    {
        var spikes = result["record"]![node]!["spikes"]!.AsArray();
        return Enumerable.Range(0, spikes.Count).Where(t => (int)spikes[t]![neuron]! != 0).ToArray();
    }

    public static long[][] Outputs(JsonObject result) =>
        result["outputs"]!.AsArray().Select(row => row!.AsArray().Select(x => (long)x!).ToArray()).ToArray();

    public static int[] Predictions(JsonObject result) =>
        result["predictions"]!.AsArray().Select(x => (int)x!).ToArray();
}
