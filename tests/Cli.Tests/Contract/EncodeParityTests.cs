using NeuroDeploy.Data;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>
/// <c>encode</c> writes, value for value, what <c>run --encoder</c> feeds the first layer, so a run of
/// the written .npy gives the same result as a run on the features.
/// </summary>
public sealed class EncodeParityTests
{
    [Theory]
    [InlineData("none", 1.0)]
    [InlineData("max-abs", 2.5)]
    public void NpyEqualsLoaderValues(string normalize, double scale)
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 11, rows: 6, width: 7, scale);
        var npy = folder.File("encoded.npy");

        var result = ContractCli.Run(
            folder.Path, "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "--normalize", normalize, "--output", npy);

        Assert.True(result.ExitCode == 0, result.ToString());
        var written = Npy.Read(npy);
        Assert.Equal("<f4", written.DType);
        Assert.Equal([6, 5, 21], written.Shape);
        var expected = InputLoader.Encode(InputLoader.LoadFeatures(features), ContractFiles.AlignmentEncoder, normalize, features);
        Assert.Equal(expected.Values.Length, written.Data.Length);
        for (var k = 0; k < expected.Values.Length; k++)
        {
            Assert.True(
                expected.Values[k] == written.Data[k],
                $"value {k}: run feeds {expected.Values[k]:R}, encode wrote {written.Data[k]:R}");
        }
    }

    [Fact]
    public void LoaderValuesAreFloat32()
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 12, rows: 4, width: 7, scale: 3.0);

        var batch = InputLoader.Encode(InputLoader.LoadFeatures(features), ContractFiles.AlignmentEncoder, "max-abs", features);

        Assert.All(batch.Values, value => Assert.Equal(value, (double)(float)value));
    }

    [SharedDataTheory]
    [InlineData("none", 1.0, false)]
    [InlineData("none", 1.0, true)]
    [InlineData("max-abs", 2.5, false)]
    [InlineData("max-abs", 2.5, true)]
    public void RunOfNpyEqualsRunWithEncoder(string normalize, double scale, bool useFloat)
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 13, rows: 6, width: 7, scale);
        var npy = folder.File("encoded.npy");
        var model = SharedData.PathOf(ContractFiles.AlignmentModel);
        var encoded = ContractCli.Run(
            folder.Path, "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "--normalize", normalize, "--output", npy);
        Assert.True(encoded.ExitCode == 0, encoded.ToString());
        string[] floatOption = useFloat ? ["--float"] : [];

        var withEncoder = ContractCli.Run(
            folder.Path,
            ["run", model, "--dt", "1e-4", "--encoder", ContractFiles.AlignmentEncoder, "--normalize", normalize, "--input", features,
            "--record", "lif1", .. floatOption, "--output", "with-encoder.json"]);
        var fromNpy = ContractCli.Run(
            folder.Path, ["run", model, "--dt", "1e-4", "--input", npy, "--record", "lif1", .. floatOption, "--output", "from-npy.json"]);

        Assert.True(withEncoder.ExitCode == 0, withEncoder.ToString());
        Assert.True(fromNpy.ExitCode == 0, fromNpy.ToString());
        var a = ContractFiles.ReadJson(folder.File("with-encoder.json"));
        var b = ContractFiles.ReadJson(folder.File("from-npy.json"));
        string[] fields = ["outputs", "predictions", "spikes_per_layer", "synaptic_ops", "neuron_updates", "spikes_routed", "record"];
        foreach (var field in fields)
        {
            Assert.True(a[field]!.ToJsonString() == b[field]!.ToJsonString(), $"'{field}' differs between the run with --encoder and the run of encode's .npy");
        }

        Assert.Equal(6, ContractFiles.Outputs(a).Length);
        LifRunTests.AssertResultFields(a, steps: 5);
    }
}
