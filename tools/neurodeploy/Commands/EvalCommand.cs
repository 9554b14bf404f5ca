using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuroDeploy.Data;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy eval MODEL.nir --dataset fashion-mnist|idx:IMAGES,LABELS|npy:X,Y [--limit N] --target URI</c>:
/// float and target accuracy side by side, confusion matrix, spikes, synaptic operations and energy per inference.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "NIR network; MODEL.preproc.json and MODEL.encoder.txt beside it are used when present." };
        var dataset = new Option<string>("--dataset") { Description = "fashion-mnist (Debian package, else the repository's subset), idx:IMAGES,LABELS or npy:X,Y.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N samples." };
        var target = new Option<string>("--target") { Description = "Target URI, e.g. sim://.", DefaultValueFactory = _ => "sim://" };
        var preprocess = new Option<string?>("--preprocess") { Description = "Preprocessing file (.preproc.json); default MODEL.preproc.json beside the model." };
        var encoder = new Option<string?>("--encoder") { Description = "Encoder SPEC; default the content of MODEL.encoder.txt beside the model." };
        var output = new Option<string?>("--output", "-o") { Description = "RESULT.json to write." };
        var plots = new Option<string?>("--plots") { Description = "Folder for PNG plots (spike raster of sample 0, energy breakdown); default beside --output." };
        var arguments = new CompileArguments();
        var command = new Command("eval", "Evaluate a network on a labelled dataset: float reference and target accuracy, spikes and energy.");
        command.Arguments.Add(model);
        command.Options.Add(dataset);
        command.Options.Add(limit);
        command.Options.Add(target);
        command.Options.Add(preprocess);
        command.Options.Add(encoder);
        command.Options.Add(output);
        command.Options.Add(plots);
        arguments.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = result.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"Model file {path} not found.");
            }

            var outputPath = result.GetValue(output);
            if (outputPath is not null)
            {
                AtomicFile.CheckOutputPath(outputPath);
            }

            if (result.GetValue(plots) is { } plotOption && File.Exists(plotOption))
            {
                throw new UsageException($"--plots {plotOption} is a file; give a folder for the PNG plots.");
            }

            if (result.GetValue(plots) is { } plotFolderOption && !Directory.Exists(plotFolderOption))
            {
                throw new UsageException($"--plots folder {plotFolderOption} does not exist; create it first.");
            }

            if (!path.EndsWith(".nir", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException(
                    $"eval takes a NIR model (.nir), so it can run the float reference beside the board; {path} is not one.");
            }

            if (result.GetValue(limit) is < 1 and var badLimit)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture, $"--limit {badLimit} is invalid; give a number of samples of at least 1."));
            }

            var stem = Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path));
            var spec = result.GetValue(encoder) ?? ReadIfExists(stem + ".encoder.txt")?.Trim()
                ?? throw new UsageException($"No encoder: give --encoder SPEC or put it in {stem}.encoder.txt.");
            var preprocessPath = result.GetValue(preprocess) ?? stem + ".preproc.json";

            var data = Dataset.Load(result.GetValue(dataset)!);
            if (result.GetValue(limit) is { } n)
            {
                if (n > data.Count)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"note: --limit {n} is more than the {data.Count} samples of {data.Description}; evaluating all {data.Count}."));
                }

                data = data.Take(Math.Min(n, data.Count));
            }

            var features = Preprocess(data, preprocessPath);
            var batch = InputLoader.Encode(features, spec, "none", data.Description);
            var bound = Math.Max(CompileCommand.EncoderBound(spec), batch.MaxAbs());
            var compiled = CompileCommand.Compile(path, arguments.Read(result, gradedInput: true, bound));
            var all = Enumerable.Range(0, compiled.Image.Populations.Count).ToArray();

            var targetUri = result.GetValue(target)!;
            var (floatOutcome, targetOutcome) = await ChunkedEvaluation.RunAsync(compiled, batch, targetUri, all, cancellationToken)
                .ConfigureAwait(false);

            var report = Report(path, data, spec, floatOutcome, targetOutcome);
            if (outputPath is not null)
            {
                AtomicFile.WriteAllText(outputPath, report.ToJsonString(JsonOutput.Options));
            }

            var plotFolder = result.GetValue(plots) ?? (outputPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(outputPath)));
            if (plotFolder is not null)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                Plots.SpikeRaster(Path.Combine(plotFolder, name + ".raster.png"), $"{name}: spikes of sample 0 on {targetUri}", targetOutcome.Records);
                Plots.EnergyBreakdown(Path.Combine(plotFolder, name + ".energy.png"), $"{name}: estimated energy per inference ({compiled.Profile.Name})", targetOutcome.Energy, data.Count);
            }

            Print(path, data, report);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static NdArray Preprocess(LabeledDataset data, string preprocessPath)
    {
        if (!File.Exists(preprocessPath))
        {
            return data.ToNdArray();
        }

        var preprocessing = Preprocessing.Load(preprocessPath);
        if (preprocessing.InputSize != data.FeatureCount)
        {
            throw new UsageException(
                $"{preprocessPath} expects {preprocessing.InputSize} input features but {data.Description} has {data.FeatureCount}; "
                + "use the dataset the model was trained on.");
        }

        return preprocessing.Apply(data);
    }

    public static JsonObject Report(string model, LabeledDataset data, string spec, RunOutcome floatOutcome, RunOutcome targetOutcome)
    {
        var samples = data.Count;
        var floatPredictions = floatOutcome.Predictions();
        var targetPredictions = targetOutcome.Predictions();
        var classes = Math.Max(data.Labels.DefaultIfEmpty(0).Max() + 1, targetOutcome.Outputs.FirstOrDefault()?.Length ?? 0);
        var confusion = new long[classes, classes];
        var floatCorrect = 0;
        var targetCorrect = 0;
        var agree = 0;
        for (var s = 0; s < samples; s++)
        {
            floatCorrect += floatPredictions[s] == data.Labels[s] ? 1 : 0;
            targetCorrect += targetPredictions[s] == data.Labels[s] ? 1 : 0;
            agree += floatPredictions[s] == targetPredictions[s] ? 1 : 0;
            confusion[data.Labels[s], targetPredictions[s]]++;
        }

        var confusionJson = new JsonArray();
        for (var r = 0; r < classes; r++)
        {
            confusionJson.Add(new JsonArray(Enumerable.Range(0, classes).Select(c => (JsonNode)confusion[r, c]).ToArray()));
        }

        double PerInference(double total) => samples == 0 ? 0 : total / samples;
        var spikesPerLayer = new JsonObject();
        for (var p = 0; p < targetOutcome.PopulationNames.Length; p++)
        {
            spikesPerLayer[targetOutcome.PopulationNames[p]] = PerInference(targetOutcome.SpikesPerPopulation[p]);
        }

        var breakdown = new JsonObject();
        foreach (var (key, value) in targetOutcome.Energy.BreakdownJoules)
        {
            breakdown[key] = PerInference(value);
        }

        var sources = new JsonObject();
        foreach (var (key, value) in targetOutcome.Energy.Sources)
        {
            sources[key] = value;
        }

        return new JsonObject
        {
            ["model"] = Path.GetFileName(model),
            ["dataset"] = data.Description,
            ["dataset_source"] = data.Source.ToString(),
            ["encoder"] = spec,
            ["target"] = targetOutcome.Target,
            ["samples"] = samples,
            ["float_accuracy"] = PerInference(floatCorrect),
            ["target_accuracy"] = PerInference(targetCorrect),
            ["prediction_agreement"] = PerInference(agree),
            ["spikes_per_inference"] = PerInference(targetOutcome.SpikesPerPopulation.Sum()),
            ["float_spikes_per_inference"] = PerInference(floatOutcome.SpikesPerPopulation.Sum()),
            ["spikes_per_layer_per_inference"] = spikesPerLayer,
            ["synaptic_ops_per_inference"] = PerInference(targetOutcome.Counts.Accumulates + targetOutcome.Counts.MultiplyAccumulates),
            ["neuron_updates_per_inference"] = PerInference(targetOutcome.Counts.NeuronUpdates),
            ["energy_per_inference_joules"] = PerInference(targetOutcome.Energy.TotalJoules),
            ["energy_breakdown_per_inference_joules"] = breakdown,
            ["dense_ann_energy_per_inference_joules"] = PerInference(targetOutcome.Energy.DenseAnnJoules),
            ["energy_profile"] = targetOutcome.Energy.Profile,
            ["energy_sources"] = sources,
            ["confusion"] = confusionJson,
        };
    }

    private static void Print(string model, LabeledDataset data, JsonObject report)
    {
        string Number(string key, string format) => ((double)report[key]!).ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"{Path.GetFileName(model)} on {data.Description} ({data.Count} samples, target {report["target"]}):");
        Console.WriteLine($"  float accuracy        {Number("float_accuracy", "P2")}");
        Console.WriteLine($"  board accuracy        {Number("target_accuracy", "P2")}");
        Console.WriteLine($"  spikes / inference    {Number("spikes_per_inference", "F1")}");
        Console.WriteLine($"  synaptic ops / inf.   {Number("synaptic_ops_per_inference", "F0")}");
        Console.WriteLine($"  energy / inference    {Number("energy_per_inference_joules", "E3")} J (dense ANN {Number("dense_ann_energy_per_inference_joules", "E3")} J)");
    }
}
