using System.CommandLine;
using System.Globalization;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy run (IMAGE.ndimg | MODEL.nir [compile options]) --target sim:// --input FILE
/// [--encoder SPEC] [--normalize none|max-abs] [--float] [--record NODE[,NODE]] --output RESULT.json</c>.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "An image (.ndimg) or a NIR network (.nir), compiled on the fly." };
        var target = new Option<string>("--target") { Description = "Target URI: sim://, serial:///dev/ttyACM0?baud=3000000, tcp://HOST:PORT, grpc://HOST:PORT, usb://VID:PID.", DefaultValueFactory = _ => "sim://" };
        var input = new Option<string>("--input") { Description = "Input .npy or .csv: one sample [T, N] or a batch [B, T, N]; with --encoder, features [B, F].", Required = true };
        var encoder = new Option<string?>("--encoder") { Description = "Encoder SPEC applied to feature input, e.g. mixed-oscillator:delta=-1.5,tmax=8,h=0.01,steps=5." };
        var normalize = new Option<string>("--normalize") { Description = "Feature normalization before the encoder: none or max-abs (divide by the batch's largest |value|).", DefaultValueFactory = _ => "none" };
        var useFloat = new Option<bool>("--float") { Description = "Run the float reference model instead of the fixed-point image (needs a .nir model)." };
        var record = new Option<string?>("--record") { Description = "Comma-separated layer names whose per-step v and spikes of sample 0 go into the result." };
        var output = new Option<string>("--output", "-o") { Description = "RESULT.json to write.", Required = true };
        var arguments = new CompileArguments();
        var command = new Command("run", "Run a network on a target (or the float reference) and write outputs, spike counts and energy.");
        command.Arguments.Add(model);
        command.Options.Add(target);
        command.Options.Add(input);
        command.Options.Add(encoder);
        command.Options.Add(normalize);
        command.Options.Add(useFloat);
        command.Options.Add(record);
        command.Options.Add(output);
        arguments.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = result.GetValue(model)!;
            AtomicFile.CheckOutputPath(result.GetValue(output)!);
            var spec = result.GetValue(encoder);
            var inputPath = result.GetValue(input)!;
            CompileCommand.ParseNormalize(result.GetValue(normalize)!);
            NeuroImage? switched = null;
            SampleBatch batch;
            if (spec is not null && !IsNir(path) && ImageFiles.Read(path) is { Encoder: not null } flashed)
            {
                // The image carries an encoder program: replace only the program and let the board encode.
                switched = ChipRunner.SwitchEncoder(flashed, spec, result.GetValue(normalize)!);
                batch = ChipRunner.FeatureBatch(InputLoader.LoadFeatures(inputPath), inputPath);
            }
            else
            {
                batch = spec is null
                    ? InputLoader.LoadSamples(inputPath)
                    : InputLoader.Encode(InputLoader.LoadFeatures(inputPath), spec, result.GetValue(normalize)!, inputPath);
            }

            var recordNames = (result.GetValue(record) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var outcome = await ExecuteAsync(path, batch, spec, result.GetValue(target)!, result.GetValue(useFloat), recordNames,
                result, arguments, cancellationToken, switched).ConfigureAwait(false);
            var json = ResultJson.Build(outcome, path, batch, spec);
            AtomicFile.WriteAllText(result.GetValue(output)!, json.ToJsonString(JsonOutput.Options));
            PrintSummary(outcome, result.GetValue(output)!);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static async Task<RunOutcome> ExecuteAsync(
        string path,
        SampleBatch batch,
        string? encoderSpec,
        string targetUri,
        bool useFloat,
        string[] recordNames,
        ParseResult result,
        CompileArguments arguments,
        CancellationToken cancellationToken,
        NeuroImage? imageOverride = null)
    {
        if (IsNir(path))
        {
            var graded = encoderSpec is not null || !batch.IsSpikeCounts();
            var bound = encoderSpec is not null ? Math.Max(CompileCommand.EncoderBound(encoderSpec), batch.MaxAbs()) : Math.Max(1.0, batch.MaxAbs());
            var options = arguments.Read(result, graded, bound);
            var compiled = CompileCommand.Compile(path, options);
            var record = RecordIndices(compiled.Image, recordNames);
            if (useFloat)
            {
                return FloatRunner.Run(compiled, batch, record);
            }

            return await ChipRunner.RunAsync(compiled.Image, batch, targetUri, record, compiled.Profile,
                DenseMacs(compiled.Image), cancellationToken).ConfigureAwait(false);
        }

        if (useFloat)
        {
            throw new UsageException("--float runs the float reference of a NIR network; give the .nir model instead of an image.");
        }

        RejectCompileOptions(result, arguments, path);

        var image = imageOverride ?? ImageFiles.Read(path);
        var profile = HardwareProfile.Load(result.GetValue(arguments.Profile) is { } name && !string.Equals(name, "generic", StringComparison.Ordinal) ? name : image.Profile.Name);
        return await ChipRunner.RunAsync(image, batch, targetUri, RecordIndices(image, recordNames), profile,
            DenseMacs(image), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rejects compile options given with an image: the image was compiled already, so an option such
    /// as <c>--dt</c> would be ignored without notice. <c>--profile</c> stays allowed, because the run
    /// checks it against the image's profile.
    /// </summary>
    private static void RejectCompileOptions(ParseResult result, CompileArguments arguments, string path)
    {
        Option[] compileOnly = [arguments.Dt, arguments.Convention, arguments.Reset, arguments.Lenient, arguments.GradedInput, arguments.InputBound];
        foreach (var option in compileOnly)
        {
            if (result.GetResult(option) is { Implicit: false })
            {
                throw new UsageException(
                    $"{option.Name} applies when a .nir model is compiled, but {path} is an image; drop {option.Name} or run the .nir model.");
            }
        }
    }

    private static bool IsNir(string path) => path.EndsWith(".nir", StringComparison.OrdinalIgnoreCase);

    /// <summary>Multiply-accumulates of one dense ANN pass over the same synapses.</summary>
    public static long DenseMacs(NeuroImage image) => image.Cores.Sum(c => c.Axons.Sum(a => (long)a.Count));

    public static int[] RecordIndices(NeuroImage image, string[] names)
    {
        var indices = new List<int>();
        foreach (var name in names)
        {
            var index = image.Populations.ToList().FindIndex(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (index < 0)
            {
                throw new UsageException(
                    $"--record {name}: no such layer. Layers: {string.Join(", ", image.Populations.Select(p => p.Name))}.");
            }

            indices.Add(index);
        }

        return [.. indices];
    }

    private static void PrintSummary(RunOutcome outcome, string output)
    {
        var predictions = outcome.Predictions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Mode} on {outcome.Target}: {outcome.Outputs.Count} sample(s), predictions [{string.Join(", ", predictions.Take(20))}{(predictions.Length > 20 ? ", ..." : "")}]"));
        for (var p = 0; p < outcome.PopulationNames.Length; p++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {outcome.PopulationNames[p],-16} {outcome.SpikesPerPopulation[p],10} spikes"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  synaptic ops {outcome.Counts.Accumulates + outcome.Counts.MultiplyAccumulates}, neuron updates {outcome.Counts.NeuronUpdates}, "
            + $"energy {outcome.Energy.TotalJoules:E3} J (dense ANN {outcome.Energy.DenseAnnJoules:E3} J)"));
        Console.WriteLine($"wrote {output}");
    }
}
