using NeuroDeploy.Cli.Tests.Contract;
using NeuroDeploy.Cli.Tests.Dynamics;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Sweep;

/// <summary><c>sweep</c> checks every output path before it runs, so a bad one leaves no file behind.</summary>
public sealed class SweepOutputPathTests
{
    private const string Model = "dynamical-alignment/mixed_oscillator_delta_2.00.nir";

    [SharedDataFact]
    public void Sweep_MissingPlotFolderWritesNothing()
    {
        using var folder = new TemporaryFolder();
        var features = CliHost.WriteCsv(folder.Path, CliHost.RandomFeatures(seed: 1, rows: 2, width: 7), 7);
        var csv = folder.File("o.csv");
        var missing = Path.Combine(folder.Path, "missing");

        var result = ContractCli.Run(
            folder.Path, "sweep", SharedData.PathOf(Model), "--encoder", "mixed-oscillator:delta=2",
            "--input", features, "--dt", "1e-4", "-o", csv, "--plot", Path.Combine(missing, "o.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: Output folder {missing} does not exist; create it first.", result.StandardError.TrimEnd());
        Assert.False(File.Exists(csv), "o.csv was written although --plot is invalid.");
    }

    [SharedDataFact]
    public void Sweep_PlotSameAsOutputExitsTwo()
    {
        using var folder = new TemporaryFolder();
        var features = CliHost.WriteCsv(folder.Path, CliHost.RandomFeatures(seed: 1, rows: 2, width: 7), 7);
        var csv = folder.File("o.csv");

        var result = ContractCli.Run(
            folder.Path, "sweep", SharedData.PathOf(Model), "--encoder", "mixed-oscillator:delta=2",
            "--input", features, "--dt", "1e-4", "-o", csv, "--plot", csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --plot {csv} is the same file as --output {csv}; give the plot its own .png name.", result.StandardError.TrimEnd());
        Assert.False(File.Exists(csv), "o.csv was written although --plot names the same file.");
    }
}
