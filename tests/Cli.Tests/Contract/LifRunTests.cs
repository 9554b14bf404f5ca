using System.Text.Json.Nodes;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>The single LIF neuron of lif_norse.nir spikes at steps 460, 510, 710 and 760, as its Norse trace does.</summary>
public sealed class LifRunTests
{
    private static readonly int[] NorseSpikeSteps = [460, 510, 710, 760];

    [SharedDataFact]
    public void ImageRunMatchesNorse()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var output = folder.File("lif.json");

        var result = ContractCli.Run(
            folder.Path, "run", image, "--target", "sim://", "--input", SharedData.PathOf(ContractFiles.LifInput), "--record", "1", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = ContractFiles.ReadJson(output);
        Assert.Equal([[4L]], ContractFiles.Outputs(json));
        Assert.Equal([0], ContractFiles.Predictions(json));
        Assert.Equal(NorseSpikeSteps, ContractFiles.SpikeSteps(json, "1", 0));
        Assert.Equal("fixed-point", (string)json["mode"]!);
        Assert.Equal(4, (long)json["spikes_per_layer"]!["1"]!);
        Assert.Equal(34, (long)json["synaptic_ops"]!);
        Assert.Equal(1000, (long)json["neuron_updates"]!);
        Assert.Equal(0, (long)json["spikes_routed"]!);
        AssertResultFields(json, steps: 1000);
    }

    [SharedDataFact]
    public void FloatRunMatchesNorse()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("lif-float.json");

        var result = ContractCli.Run(
            folder.Path, "run", SharedData.PathOf(ContractFiles.LifModel), "--dt", "1e-4", "--convention", "norse", "--float",
            "--target", "sim://", "--input", SharedData.PathOf(ContractFiles.LifInput), "--record", "1", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = ContractFiles.ReadJson(output);
        Assert.Equal([[4L]], ContractFiles.Outputs(json));
        Assert.Equal([0], ContractFiles.Predictions(json));
        Assert.Equal(NorseSpikeSteps, ContractFiles.SpikeSteps(json, "1", 0));
        Assert.Equal("float", (string)json["mode"]!);
        Assert.Equal(4, (long)json["spikes_per_layer"]!["1"]!);
        Assert.Equal(34, (long)json["synaptic_ops"]!);
        Assert.Equal(1000, (long)json["neuron_updates"]!);
        AssertResultFields(json, steps: 1000);
    }

    [SharedDataFact]
    public void NirRunEqualsImageRun()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var input = SharedData.PathOf(ContractFiles.LifInput);

        var fromImage = ContractCli.Run(folder.Path, "run", image, "--input", input, "--record", "1", "-o", "image.json");
        var fromModel = ContractCli.Run(
            folder.Path, "run", SharedData.PathOf(ContractFiles.LifModel), "--dt", "1e-4", "--convention", "norse",
            "--input", input, "--record", "1", "-o", "model.json");

        Assert.True(fromImage.ExitCode == 0, fromImage.ToString());
        Assert.True(fromModel.ExitCode == 0, fromModel.ToString());
        var imageJson = ContractFiles.ReadJson(folder.File("image.json"));
        var modelJson = ContractFiles.ReadJson(folder.File("model.json"));
        Assert.Equal(imageJson["record"]!.ToJsonString(), modelJson["record"]!.ToJsonString());
        Assert.Equal(imageJson["energy"]!.ToJsonString(), modelJson["energy"]!.ToJsonString());
        Assert.Equal(imageJson["outputs"]!.ToJsonString(), modelJson["outputs"]!.ToJsonString());
    }

    /// <summary>Checks the fields every RESULT.json of run has, and that the energy total is the sum of its breakdown.</summary>
    internal static void AssertResultFields(JsonObject json, int steps)
    {
        string[] fields = ["outputs", "predictions", "spikes_per_layer", "synaptic_ops", "neuron_updates", "spikes_routed", "energy", "samples", "steps"];
        foreach (var field in fields)
        {
            Assert.True(json.ContainsKey(field), $"RESULT.json lacks '{field}'");
        }

        Assert.Equal(steps, (int)json["steps"]!);
        Assert.Equal(ContractFiles.Outputs(json).Length, (int)json["samples"]!);
        Assert.Equal(ContractFiles.Outputs(json).Length, ContractFiles.Predictions(json).Length);
        Assert.Equal(
            (long)json["synaptic_ops"]!,
            (long)json["accumulates"]! + (long)json["multiply_accumulates"]!);

        var energy = json["energy"]!.AsObject();
        string[] energyFields = ["total_joules", "breakdown", "profile", "sources"];
        foreach (var field in energyFields)
        {
            Assert.True(energy.ContainsKey(field), $"energy lacks '{field}'");
        }

        Assert.Equal("generic", (string)energy["profile"]!);
        var breakdown = energy["breakdown"]!.AsObject();
        Assert.NotEmpty(breakdown);
        var sum = breakdown.Sum(entry => (double)entry.Value!);
        Assert.Equal((double)energy["total_joules"]!, sum);
        var sources = energy["sources"]!.AsObject();
        foreach (var (key, _) in breakdown)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)sources[key]), $"energy source of '{key}' is missing");
        }

        if (json["record"] is JsonObject record)
        {
            foreach (var (node, trace) in record)
            {
                Assert.Equal(steps, trace!["v"]!.AsArray().Count);
                Assert.Equal(steps, trace["spikes"]!.AsArray().Count);
                Assert.True(json["spikes_per_layer"]!.AsObject().ContainsKey(node), $"recorded node '{node}' is not a layer");
            }
        }
    }
}
