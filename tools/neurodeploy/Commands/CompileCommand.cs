using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Encoders;
using Spectre.Console;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy compile MODEL.nir --dt SECONDS [--encoder SPEC [--normalize none|max-abs]] [...] -o IMAGE.ndimg</c>.
/// </summary>
public static class CompileCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The trained network, a NIR file (.nir)." };
        var output = new Option<string>("--output", "-o") { Description = "Image file to write (.ndimg).", Required = true };
        var encoder = new Option<string?>("--encoder")
        {
            Description = "Encoder SPEC the network is fed by, e.g. mixed-oscillator:delta=-1.5. Sets graded input and its range, "
                + "and embeds the fixed-point encoder program in the image when the system has one (otherwise the encoder runs on the host).",
        };
        var normalize = new Option<string>("--normalize")
        {
            Description = "Feature normalization the host applies before the on-board encoder: none or max-abs (divide by the batch's largest |value|).",
            DefaultValueFactory = _ => "none",
        };
        var arguments = new CompileArguments();
        var command = new Command("compile", "Compile a NIR network into a fixed-point image for a hardware profile.");
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.Options.Add(encoder);
        command.Options.Add(normalize);
        arguments.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var path = result.GetValue(model)!;
            var spec = result.GetValue(encoder);
            var parsed = spec is null ? null : ParseSpec(spec);

            // A spike encoder emits 0 or 1 on one channel per feature, so the image takes spike input.
            var graded = parsed is not null && parsed.Definition.Kind == EncoderKind.Dynamical;
            var options = arguments.Read(result, graded, graded ? EncoderBound(spec) : 1.0) with
            {
                Encoder = parsed,
                Normalize = ParseNormalize(result.GetValue(normalize)!),
            };
            var compiled = Compile(path, options);
            var bytes = compiled.Image.ToByteArray();
            AtomicFile.WriteAllBytes(result.GetValue(output)!, bytes);
            PrintSummary(compiled, result.GetValue(output)!, bytes.Length);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static CompileResult Compile(string path, CompileOptions options)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Model file {path} not found.");
        }

        var compiled = ModelCompiler.Compile(path, options);
        foreach (var repair in compiled.Graph.Repairs)
        {
            Console.Error.WriteLine($"warning: {path}: repaired: {repair}");
        }

        return compiled;
    }

    /// <summary>Parses an encoder SPEC; invalid text is a usage error.</summary>
    public static EncoderSpec ParseSpec(string text)
    {
        try
        {
            return EncoderSpec.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>Validates a normalization name and returns it in canonical form.</summary>
    public static string ParseNormalize(string text)
    {
        try
        {
            return FeatureNormalizer.Name(FeatureNormalizer.Parse(text));
        }
        catch (FormatException ex)
        {
            throw new UsageException("--normalize: " + ex.Message, ex);
        }
    }

    /// <summary>The largest value an encoder emits for features in [-1, 1], or 1 without an encoder.</summary>
    public static double EncoderBound(string? spec)
    {
        if (spec is null)
        {
            return 1.0;
        }

        try
        {
            var bounds = EncoderAnalysis.Bounds(EncoderSpec.Parse(spec), 21);
            return bounds.SampledMax;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static void PrintSummary(CompileResult compiled, string output, int bytes)
    {
        var image = compiled.Image;
        var table = new Table().AddColumns("layer", "neurons", "cores", "synapses", "2^P", "w exp", "max |dw|", "weights rounded to 0");
        foreach (var q in compiled.Quantized.Report.Populations)
        {
            var population = image.Populations.First(p => string.Equals(p.Name, q.Population, StringComparison.Ordinal));
            table.AddRow(
                Markup.Escape(q.Population),
                population.Size.ToString(CultureInfo.InvariantCulture),
                population.CoreCount.ToString(CultureInfo.InvariantCulture),
                q.Synapses.ToString(CultureInfo.InvariantCulture),
                q.StateExponent.ToString(CultureInfo.InvariantCulture),
                q.WeightExponent.ToString(CultureInfo.InvariantCulture),
                q.MaxWeightError.ToString("G3", CultureInfo.InvariantCulture),
                q.SynapsesDropped.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        if (image.Encoder is { } program)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"encoder program {program.Spec} (normalize {program.Normalize}): {EncoderPrograms.Describe(program)}; input map steps {image.Input.Steps}"));
        }

        if (compiled.EncoderNote is { } note)
        {
            Console.Error.WriteLine("note: " + note + " The image carries no encoder program; run it with --encoder SPEC to encode on the host.");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {output}: {bytes} bytes, {image.Cores.Count} of {compiled.Profile.Cores} cores ({compiled.Profile.Name}), "
            + $"sha256 {Convert.ToHexStringLower(image.Digest.Span)}"));
    }
}
