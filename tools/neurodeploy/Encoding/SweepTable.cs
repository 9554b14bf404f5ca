using System.Globalization;
using System.Text;

namespace NeuroDeploy.Cli;

/// <summary>Writes sweep rows as CSV and as a PNG plot of accuracy and spikes against the volume rate.</summary>
public static class SweepTable
{
    /// <summary>Returns the CSV text; the second column is named after the swept key.</summary>
    public static string ToCsv(IReadOnlyList<SweepRow> rows, string sweptKey)
    {
        var text = new StringBuilder();
        text.Append("setting,").Append(sweptKey)
            .Append(",volume_rate,largest_exponent,accuracy,spikes_per_inference,synaptic_ops_per_inference,energy_per_inference_joules\n");
        foreach (var row in rows)
        {
            // Canonical settings contain commas, so the setting column is always quoted.
            text.Append('"').Append(row.Setting.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                .Append(Number(row.SweptValue)).Append(',')
                .Append(Number(row.VolumeRate)).Append(',')
                .Append(Number(row.LargestExponent)).Append(',')
                .Append(row.Accuracy is { } accuracy ? Number(accuracy) : "").Append(',')
                .Append(Number(row.SpikesPerInference)).Append(',')
                .Append(Number(row.SynapticOpsPerInference)).Append(',')
                .Append(Number(row.EnergyPerInferenceJoules)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns a PNG with spikes per inference (left axis) and accuracy (right axis) against the volume rate.</summary>
    public static byte[] ToPng(IReadOnlyList<SweepRow> rows, string encoderName)
    {
        var plot = new ScottPlot.Plot();
        var volumeRates = rows.Select(r => r.VolumeRate).ToArray();
        var spikes = plot.Add.Scatter(volumeRates, rows.Select(r => r.SpikesPerInference).ToArray());
        spikes.LegendText = "spikes per inference";
        if (rows.All(r => r.Accuracy is not null))
        {
            var accuracy = plot.Add.Scatter(volumeRates, rows.Select(r => r.Accuracy!.Value).ToArray());
            accuracy.LegendText = "accuracy";
            accuracy.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "accuracy";
        }

        plot.Title(encoderName + " sweep");
        plot.XLabel("phase-space volume rate (sum of Lyapunov exponents)");
        plot.YLabel("spikes per inference");
        plot.ShowLegend();
        return plot.GetImageBytes(900, 540, ScottPlot.ImageFormat.Png);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
