using System.Buffers.Binary;
using System.IO.Compression;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary><c>eval</c> on the first 200 images of the Fashion-MNIST subset shipped in the repository.</summary>
public sealed class EvalContractTests
{
    private const string Images = "examples/data/fashion-mnist-subset/t10k-images-idx3-ubyte.gz";
    private const string Labels = "examples/data/fashion-mnist-subset/t10k-labels-idx1-ubyte.gz";

    [Fact]
    public void SubsetReportFields()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("eval.json");

        var result = ContractCli.Run(
            SharedData.RepositoryRoot, "eval", "examples/fashion-mnist-expansive/fashion-mnist-expansive.nir",
            "--dataset", $"idx:{Images},{Labels}", "--limit", "200", "--dt", "1e-4", "--target", "sim://", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = ContractFiles.ReadJson(output);
        string[] fields =
        [
            "samples", "float_accuracy", "target_accuracy", "spikes_per_inference", "synaptic_ops_per_inference",
            "energy_per_inference_joules", "confusion",
        ];
        foreach (var field in fields)
        {
            Assert.True(json.ContainsKey(field), $"eval JSON lacks '{field}'");
        }

        Assert.Equal(200, (int)json["samples"]!);
        Assert.Equal(0.845, (double)json["float_accuracy"]!);
        Assert.Equal(0.845, (double)json["target_accuracy"]!);
        Assert.Equal(1.0, (double)json["prediction_agreement"]!);
        Assert.Equal("sim://", (string)json["target"]!);
        Assert.Equal("generic", (string)json["energy_profile"]!);
        Assert.True((double)json["spikes_per_inference"]! > 0);
        Assert.True((double)json["synaptic_ops_per_inference"]! > 0);
        Assert.True((double)json["energy_per_inference_joules"]! > 0);

        var labels = ReadLabels(Path.Combine(SharedData.RepositoryRoot, Labels), 200);
        var confusion = json["confusion"]!.AsArray().Select(row => row!.AsArray().Select(x => (long)x!).ToArray()).ToArray();
        Assert.Equal(10, confusion.Length);
        var correct = 0L;
        for (var label = 0; label < confusion.Length; label++)
        {
            Assert.Equal(10, confusion[label].Length);
            Assert.Equal(labels.Count(l => l == label), confusion[label].Sum());
            correct += confusion[label][label];
        }

        Assert.Equal(169, correct);
    }

    /// <summary>Reads the first <paramref name="count"/> labels of a gzip-compressed IDX label file.</summary>
    private static int[] ReadLabels(string path, int count)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[8];
        stream.ReadExactly(header);
        Assert.Equal(0x0801, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)) >= count);
        var labels = new byte[count];
        stream.ReadExactly(labels);
        return labels.Select(b => (int)b).ToArray();
    }
}
