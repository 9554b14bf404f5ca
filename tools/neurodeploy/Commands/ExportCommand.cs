using System.CommandLine;
using System.Globalization;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Quantization;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy export IMAGE.ndimg -o OUT.nir</c> or <c>neurodeploy export MODEL.nir --dt SECONDS [compile options]
/// -o OUT.nir</c>: writes the quantized network as NIR with dequantized parameters. An image is exported as it is, with
/// the time step it records; a model is compiled first.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("INPUT")
        {
            Description = "A compiled image (.ndimg), exported as it runs on the board, or a NIR model (.nir), compiled with the options below first.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "NIR file to write (.nir): the quantized network with dequantized weights, decays and thresholds.",
            Required = true,
        };
        var arguments = new CompileArguments();
        var command = new Command(
            "export",
            "Export the fixed-point network of an image or a NIR model as NIR, for checking in other tools "
                + "(import it with a forward-Euler convention, snntorch or norse, and the same --reset).");
        command.Arguments.Add(model);
        command.Options.Add(output);
        arguments.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var outputPath = AtomicFile.CheckOutputPath(result.GetValue(output)!);
            var input = result.GetValue(model)!;
            QuantizedNetwork network;
            double dt;
            if (input.EndsWith(".ndimg", StringComparison.OrdinalIgnoreCase))
            {
                RejectCompileOptions(result, arguments);
                var image = ImageFiles.Read(input);
                network = NirWriteImage.ToQuantizedNetwork(image);
                dt = NirWriter.ImageDt(image);
            }
            else
            {
                var compiled = CompileCommand.Compile(input, arguments.Read(result, gradedInput: false, inputBound: 1.0));
                network = compiled.Quantized;
                dt = compiled.Discrete.Dt;
            }

            using var stream = new MemoryStream();
            try
            {
                NirWriter.Write(stream, network, dt);
            }
            catch (NotSupportedException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            AtomicFile.WriteAllBytes(outputPath, stream.ToArray());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {result.GetValue(output)}: {network.Populations.Count} populations, "
                + $"{network.Projections.Count} projections, dt {dt} s, NIR {NirWriter.FormatVersion}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Rejects compile options given with an image, because the image already fixes what they set.</summary>
    private static void RejectCompileOptions(ParseResult result, CompileArguments arguments)
    {
        Option[] options = [arguments.Dt, arguments.Convention, arguments.Reset, arguments.Profile, arguments.Lenient, arguments.GradedInput, arguments.InputBound];
        var given = options.FirstOrDefault(o => result.GetResult(o) is { Implicit: false });
        if (given is not null)
        {
            throw new UsageException(
                $"{given.Name} applies to a NIR model; an image is exported with the time step and parameters it was compiled with. Remove {given.Name} or export the .nir model.");
        }
    }
}
