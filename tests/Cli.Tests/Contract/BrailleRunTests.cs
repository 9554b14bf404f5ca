using System.Globalization;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>The Braille recurrent network on test sample 0, with the snnTorch guarded subtract reset.</summary>
public sealed class BrailleRunTests
{
    [SharedDataTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void SampleZeroGivesReferenceCounts(bool useFloat)
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("braille.json");
        string[] args =
        [
            "run", SharedData.PathOf(ContractFiles.BrailleModel), "--dt", "1e-4", "--convention", "snntorch", "--reset", "subtract-guarded",
            "--input", SharedData.PathOf(ContractFiles.BrailleSample), "--output", output,
        ];

        var result = ContractCli.Run(folder.Path, useFloat ? [.. args, "--float"] : args);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = ContractFiles.ReadJson(output);
        Assert.Equal([ReferenceCounts()], ContractFiles.Outputs(json));
        Assert.Equal([1], ContractFiles.Predictions(json));
        Assert.Equal(118, (long)json["spikes_per_layer"]!["lif1.lif"]!);
        Assert.Equal(132, (long)json["spikes_per_layer"]!["lif2"]!);
        LifRunTests.AssertResultFields(json, steps: 256);
    }

    [SharedDataFact]
    public void SubgraphWithoutLenientNamesEdge()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("subgraph.json");

        var result = ContractCli.Run(
            folder.Path, "run", SharedData.PathOf(ContractFiles.BrailleSubgraph), "--dt", "1e-4", "--convention", "snntorch",
            "--reset", "subtract-guarded", "--input", SharedData.PathOf(ContractFiles.BrailleSample), "--output", output);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("edge 'input -> lif'", error, StringComparison.Ordinal);
        Assert.Contains("'lif1.lif'", error, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [SharedDataFact]
    public void SubgraphWithLenientPrintsRepairs()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("subgraph.json");

        var result = ContractCli.Run(
            folder.Path, "run", SharedData.PathOf(ContractFiles.BrailleSubgraph), "--dt", "1e-4", "--convention", "snntorch",
            "--reset", "subtract-guarded", "--lenient", "--input", SharedData.PathOf(ContractFiles.BrailleSample), "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var repairs = result.StandardError.Split('\n').Where(line => line.Contains("repaired:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, repairs.Length);
        Assert.All(repairs, line => Assert.Contains("connected it to 'lif1.lif1'", line, StringComparison.Ordinal));
        var json = ContractFiles.ReadJson(output);
        Assert.Equal([ReferenceCounts()], ContractFiles.Outputs(json));
        Assert.Equal([1], ContractFiles.Predictions(json));
    }

    /// <summary>Reads the published output spike counts of the network without bias and with subtract reset.</summary>
    private static long[] ReferenceCounts()
    {
        var lines = File.ReadAllLines(SharedData.PathOf(ContractFiles.BrailleCounts));
        var header = lines[0].Split(',');
        var row = lines.Skip(1).Select(line => line.Split(',')).Single(cells => cells[0] == "noDelay_noBias_subtract");
        var counts = Enumerable.Range(0, header.Length)
            .Where(c => header[c].StartsWith("out", StringComparison.Ordinal))
            .Select(c => long.Parse(row[c], CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal([0L, 51, 21, 18, 3, 17, 22], counts);
        return counts;
    }
}
