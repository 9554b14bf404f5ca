using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary><c>export</c> writes a NIR file that runs, in float, with the spikes of the image it came from.</summary>
public sealed class ExportContractTests
{
    [SharedDataFact]
    public void ExportedImage_RunsWithSameSpikes()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var exported = folder.File("lif-export.nir");

        var export = ContractCli.Run(folder.Path, "export", image, "-o", exported);
        var run = ContractCli.Run(folder.Path, "run", exported, "--convention", "norse", "--float",
            "--input", SharedData.PathOf(ContractFiles.LifInput), "--record", "1", "--output", folder.File("run.json"));

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([460, 510, 710, 760], ContractFiles.SpikeSteps(ContractFiles.ReadJson(folder.File("run.json")), "1", 0));
    }

    [SharedDataFact]
    public void ExportImageWithDt_ExitsTwo()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var before = folder.Entries();

        var result = ContractCli.Run(folder.Path, "export", image, "--dt", "1e-4", "-o", folder.File("out.nir"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dt", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, folder.Entries());
    }
}
