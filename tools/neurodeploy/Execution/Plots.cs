using NeuroDeploy.Compiler.Energy;

namespace NeuroDeploy.Cli;

/// <summary>PNG plots of a run: one sample's spike raster per layer, and the energy breakdown.</summary>
public static class Plots
{
    public static void SpikeRaster(string path, string title, IReadOnlyDictionary<string, RecordedTrace> records)
    {
        var plot = new ScottPlot.Plot();
        var offset = 0;
        var ticks = new List<ScottPlot.Tick>();
        foreach (var (name, trace) in records)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var size = trace.Spikes.Length == 0 ? 0 : trace.Spikes[0].Length;
            for (var t = 0; t < trace.Spikes.Length; t++)
            {
                for (var n = 0; n < size; n++)
                {
                    if (trace.Spikes[t][n] != 0)
                    {
                        xs.Add(t);
                        ys.Add(offset + n);
                    }
                }
            }

            if (xs.Count > 0)
            {
                var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
                points.LegendText = name;
                points.MarkerSize = 3;
            }

            ticks.Add(new ScottPlot.Tick(offset + (size / 2.0), name));
            offset += size + 2;
        }

        plot.Title(title);
        plot.XLabel("time step");
        plot.YLabel("neuron (layers stacked)");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 700);
    }

    public static void EnergyBreakdown(string path, string title, EnergyEstimate energy, int samples)
    {
        var plot = new ScottPlot.Plot();
        var labels = energy.BreakdownJoules.Keys.Append("dense ANN").ToArray();
        var values = energy.BreakdownJoules.Values.Append(energy.DenseAnnJoules)
            .Select(j => j / Math.Max(1, samples) * 1e9).ToArray();
        var bars = plot.Add.Bars(values);
        bars.ValueLabelStyle.Bold = false;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);
        plot.Title(title);
        plot.YLabel("energy per inference (nJ)");
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, 900, 600);
    }
}
