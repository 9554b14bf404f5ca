using System.CommandLine;
using System.Globalization;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy sweep MODEL --encoder 'mixed-oscillator:delta=-2..10:step=0.5' --input FEATURES [--labels FILE]
/// --target URI --output SWEEP.csv [--plot SWEEP.png]</c>: compiles the network once and runs it under each encoder
/// setting, recording dynamics, accuracy, spikes, synaptic operations and energy per inference.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The network, a NIR file (.nir); it is compiled once for all settings." };
        var encoder = new Option<string>("--encoder")
        {
            Description = "Encoder sweep SPEC with one ranged key, e.g. mixed-oscillator:delta=-2..10:step=0.5.",
            Required = true,
        };
        var input = new Option<string>("--input") { Description = "Features [B, F] as .npy or .csv (one row per sample).", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Class labels, one per sample, as .csv or .npy; without them accuracy is left empty." };
        var normalize = new Option<string>("--normalize") { Description = "none, or max-abs: divide every feature by the batch's largest |value|.", DefaultValueFactory = _ => "none" };
        var target = new Option<string>("--target") { Description = "Target URI, e.g. sim://.", DefaultValueFactory = _ => "sim://" };
        var output = new Option<string>("--output", "-o") { Description = "SWEEP.csv to write, one row per setting.", Required = true };
        var plot = new Option<string?>("--plot") { Description = "SWEEP.png to write: accuracy and spikes per inference against the volume rate." };
        var arguments = new CompileArguments();
        var command = new Command("sweep", "Run a network under every setting of an encoder sweep and tabulate dynamics, accuracy, spikes and energy.");
        command.Arguments.Add(model);
        command.Options.Add(encoder);
        command.Options.Add(input);
        command.Options.Add(labels);
        command.Options.Add(normalize);
        command.Options.Add(target);
        command.Options.Add(output);
        command.Options.Add(plot);
        arguments.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = result.GetValue(model)!;
            if (!path.EndsWith(".nir", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"{path}: sweep compiles the network itself; give the .nir model, not an image.");
            }

            // Check every output path before the sweep runs, so a bad --plot leaves no CSV behind.
            var csvPath = result.GetValue(output)!;
            var csvFull = AtomicFile.CheckOutputPath(csvPath);
            var plotPath = result.GetValue(plot);
            if (plotPath is not null && string.Equals(AtomicFile.CheckOutputPath(plotPath), csvFull, StringComparison.Ordinal))
            {
                throw new UsageException($"--plot {plotPath} is the same file as --output {csvPath}; give the plot its own .png name.");
            }

            var settings = SweepRunner.ParseSettings(result.GetValue(encoder)!);
            var featurePath = result.GetValue(input)!;
            var features = InputLoader.LoadFeatures(featurePath);
            var labelValues = result.GetValue(labels) is { } labelPath ? SweepRunner.LoadLabels(labelPath) : null;
            var options = arguments.Read(result, gradedInput: true, SweepRunner.InputBound(settings));
            var rows = await SweepRunner.RunAsync(path, settings, features, labelValues, result.GetValue(normalize)!,
                result.GetValue(target)!, options, featurePath, cancellationToken).ConfigureAwait(false);

            var csv = SweepTable.ToCsv(rows, SweepRunner.SweptKey(settings));
            var png = plotPath is null ? null : SweepTable.ToPng(rows, settings[0].Name);
            AtomicFile.WriteAllText(csvPath, csv);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {csvPath}: {rows.Count} setting(s)"));
            if (plotPath is not null)
            {
                AtomicFile.WriteAllBytes(plotPath, png);
                Console.WriteLine($"wrote {plotPath}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
