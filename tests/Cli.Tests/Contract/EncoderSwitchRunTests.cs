using System.Text.Json.Nodes;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>
/// <c>run IMAGE --encoder SPEC</c> on an image that carries an encoder program replaces only the
/// program: the network is not re-mapped and the board encodes the features.
/// </summary>
public sealed class EncoderSwitchRunTests
{
    [SharedDataFact]
    public void RunWithEncoder_SwitchesProgramOnly()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("alignment.ndimg");
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 5, rows: 8, width: 7, scale: 1.0);
        var compile = ContractCli.Run(folder.Path, "compile", SharedData.PathOf("dynamical-alignment/mixed_oscillator_delta_-1.50.nir"),
            "--dt", "1e-4", "--encoder", "mixed-oscillator:delta=-1.5", "-o", image);
        Assert.True(compile.ExitCode == 0, compile.ToString());

        var own = Run(folder, image, features, "mixed-oscillator:delta=-1.5", "own.json");
        var dissipative = Run(folder, image, features, "mixed-oscillator:delta=2", "dissipative.json");
        var implicitOwn = ContractCli.Run(folder.Path, "run", image, "--input", features, "--output", folder.File("implicit.json"));

        Assert.True(implicitOwn.ExitCode == 0, implicitOwn.ToString());
        Assert.Contains("unchanged", dissipative.Error, StringComparison.Ordinal);
        Assert.Equal(5, (int)own.Json["steps"]!);
        Assert.Equal(8, (int)own.Json["samples"]!);
        var ownSpikes = TotalSpikes(own.Json);
        var dissipativeSpikes = TotalSpikes(dissipative.Json);
        Assert.True(ownSpikes > 3 * dissipativeSpikes, $"expansive setting {ownSpikes} spikes, dissipative {dissipativeSpikes}");

        // Without --encoder the image's own program runs: the same result as switching to it.
        var implicitJson = ContractFiles.ReadJson(folder.File("implicit.json"));
        Assert.Equal(own.Json["outputs"]!.ToJsonString(), implicitJson["outputs"]!.ToJsonString());
        Assert.Equal(own.Json["spikes_per_layer"]!.ToJsonString(), implicitJson["spikes_per_layer"]!.ToJsonString());
    }

    private static (JsonObject Json, string Error) Run(TemporaryFolder folder, string image, string features, string spec, string output)
    {
        var result = ContractCli.Run(folder.Path, "run", image, "--input", features, "--encoder", spec, "--output", folder.File(output));
        Assert.True(result.ExitCode == 0, result.ToString());
        return (ContractFiles.ReadJson(folder.File(output)), result.StandardError);
    }

    private static long TotalSpikes(JsonObject result) =>
        result["spikes_per_layer"]!.AsObject().Sum(pair => (long)pair.Value!);
}
