using System.Globalization;
using NeuroDeploy.Cli.Tests.Dynamics;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Sweep;

public sealed class SweepCommandTests
{
    private const string Model = "dynamical-alignment/mixed_oscillator_delta_2.00.nir";

    [SharedDataFact]
    public void SmallDeltaSweepWritesRows()
    {
        var folder = CliHost.TemporaryFolder();
        var features = CliHost.WriteCsv(folder, CliHost.RandomFeatures(seed: 2025, rows: 8, width: 7), 7);
        var csv = Path.Combine(folder, "sweep.csv");
        var png = Path.Combine(folder, "sweep.png");

        var code = CliHost.Invoke(
            "sweep", SharedData.PathOf(Model), "--encoder", "mixed-oscillator:delta=0..4:step=2",
            "--input", features, "--dt", "1e-4", "--target", "sim://", "--output", csv, "--plot", png);

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(
            "setting,delta,volume_rate,largest_exponent,accuracy,spikes_per_inference,synaptic_ops_per_inference,energy_per_inference_joules",
            lines[0]);
        var rows = lines.Skip(1).Select(ParseRow).ToArray();
        Assert.Equal(3, rows.Length);
        double[] deltas = [0, 2, 4];
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(deltas[i], rows[i].Delta);
            Assert.Equal(-2 * deltas[i], rows[i].VolumeRate, 1e-3);
            Assert.Equal("", rows[i].Accuracy);
            Assert.True(rows[i].Energy > 0);
        }

        // Delta 0 (conservative) fires most; see docs/encoders.md for why delta 2 and 4 are close.
        Assert.True(rows[0].Spikes > rows[1].Spikes, $"spikes {rows[0].Spikes} at delta 0, {rows[1].Spikes} at delta 2");
        Assert.True(rows[0].Spikes > rows[2].Spikes, $"spikes {rows[0].Spikes} at delta 0, {rows[2].Spikes} at delta 4");
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [SharedDataFact]
    public void LabelsGiveAccuracy()
    {
        var folder = CliHost.TemporaryFolder();
        var features = CliHost.WriteCsv(folder, CliHost.RandomFeatures(seed: 2025, rows: 8, width: 7), 7);
        var labels = Path.Combine(folder, "labels.csv");
        File.WriteAllText(labels, "0\n1\n2\n3\n4\n5\n6\n7\n");
        var csv = Path.Combine(folder, "sweep.csv");

        var code = CliHost.Invoke(
            "sweep", SharedData.PathOf(Model), "--encoder", "mixed-oscillator:delta=2",
            "--input", features, "--labels", labels, "--dt", "1e-4", "--output", csv);

        Assert.Equal(0, code);
        var row = ParseRow(File.ReadAllLines(csv)[1]);
        var accuracy = double.Parse(row.Accuracy, CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0, 1);
        Assert.Equal(0, (accuracy * 8) % 1);
    }

    [SharedDataFact]
    public void LabelCountMismatchExitsTwo()
    {
        var folder = CliHost.TemporaryFolder();
        var features = CliHost.WriteCsv(folder, CliHost.RandomFeatures(seed: 1, rows: 4, width: 7), 7);
        var labels = Path.Combine(folder, "labels.csv");
        File.WriteAllText(labels, "0\n1\n");

        var code = CliHost.Invoke(
            "sweep", SharedData.PathOf(Model), "--encoder", "mixed-oscillator:delta=2",
            "--input", features, "--labels", labels, "--dt", "1e-4", "--output", Path.Combine(folder, "sweep.csv"));

        Assert.Equal(ExitCodes.BadInput, code);
    }

    [Fact]
    public void InvalidSweepExitsTwo()
    {
        var folder = CliHost.TemporaryFolder();
        var model = Path.Combine(folder, "model.nir");
        File.WriteAllText(model, "");
        var features = CliHost.WriteCsv(folder, CliHost.RandomFeatures(seed: 1, rows: 2, width: 7), 7);

        var code = CliHost.Invoke(
            "sweep", model, "--encoder", "mixed-oscillator:delta=0..4", "--input", features, "--output", Path.Combine(folder, "s.csv"));

        Assert.Equal(ExitCodes.BadInput, code);
    }

    private static (double Delta, double VolumeRate, string Accuracy, double Spikes, double Energy) ParseRow(string line)
    {
        // The quoted setting is the first column; the rest are plain numbers.
        var rest = line[(line.LastIndexOf('"') + 2)..].Split(',');
        return (
            double.Parse(rest[0], CultureInfo.InvariantCulture),
            double.Parse(rest[1], CultureInfo.InvariantCulture),
            rest[3],
            double.Parse(rest[4], CultureInfo.InvariantCulture),
            double.Parse(rest[6], CultureInfo.InvariantCulture));
    }
}
