using System.CommandLine;
using System.Globalization;
using NeuroDeploy.Data;

namespace NeuroDeploy.Cli;

/// <summary>
/// <c>neurodeploy encode --encoder SPEC --input FEATURES [--normalize none|max-abs] --output OUT.npy</c>:
/// writes exactly the values <c>run</c> and <c>eval</c> feed to the first layer, so a network can be
/// trained on the input it receives when deployed.
/// </summary>
public static class EncodeCommand
{
    public static Command Create()
    {
        var encoder = new Option<string>("--encoder") { Description = "Encoder SPEC, e.g. mixed-oscillator:delta=-1.5,tmax=8,h=0.01,steps=5.", Required = true };
        var input = new Option<string>("--input") { Description = "Features [B, F] as .npy or .csv (one row per sample).", Required = true };
        var normalize = new Option<string>("--normalize") { Description = "none, or max-abs: divide every feature by the batch's largest |value|.", DefaultValueFactory = _ => "none" };
        var output = new Option<string>("--output", "-o") { Description = "Output .npy, float32 [B, T, C] (int32 with --raw).", Required = true };
        var fixedPoint = new Option<bool>("--fixed-point")
        {
            Description = "Run the on-board fixed-point encoder program instead of the float encoder; values are the board's integers / 2^G.",
        };
        var profile = new Option<string>("--profile") { Description = "Hardware profile the program is built for (with --fixed-point).", DefaultValueFactory = _ => "generic" };
        var raw = new Option<bool>("--raw") { Description = "With --fixed-point, write the board's int32 values (G fraction bits) instead of float32." };
        var command = new Command("encode", "Apply an encoder to a feature matrix and write the first layer's input as .npy [B, T, C].");
        command.Options.Add(encoder);
        command.Options.Add(input);
        command.Options.Add(normalize);
        command.Options.Add(output);
        command.Options.Add(fixedPoint);
        command.Options.Add(profile);
        command.Options.Add(raw);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var path = result.GetValue(input)!;
            AtomicFile.CheckOutputPath(result.GetValue(output)!);
            if (!result.GetValue(output)!.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--output {result.GetValue(output)} must end in .npy: encode writes a NumPy array [B, T, C].");
            }

            var features = InputLoader.LoadFeatures(path);
            if (result.GetValue(fixedPoint))
            {
                return FixedPointEncoding.Write(
                    features, result.GetValue(encoder)!, result.GetValue(normalize)!, result.GetValue(profile)!, result.GetValue(output)!, result.GetValue(raw));
            }

            if (result.GetValue(raw))
            {
                throw new UsageException("--raw writes the board's integers and needs --fixed-point.");
            }

            var batch = ProgressReporter.RunWithBar(
                $"encoding {features.Shape[0]} samples",
                features.Shape[0],
                progress => InputLoader.Encode(features, result.GetValue(encoder)!, result.GetValue(normalize)!, path, progress),
                features.Shape[0] >= 1000);
            // Exact: InputLoader.Encode has rounded every value to float32 already.
            var data = new float[batch.Values.Length];
            for (var k = 0; k < data.Length; k++)
            {
                data[k] = (float)batch.Values[k];
            }

            var outputPath = result.GetValue(output)!;
            Npy.WriteFloat32(outputPath, [batch.Samples, batch.Steps, batch.Channels], data);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outputPath}: float32 [{batch.Samples}, {batch.Steps}, {batch.Channels}]"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
