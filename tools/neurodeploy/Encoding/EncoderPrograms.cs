using System.Globalization;
using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator.Encoding;

namespace NeuroDeploy.Cli;

/// <summary>
/// Connects float encoders (<see cref="EncoderSpec"/>) to the fixed-point encoder program: builds the program with
/// <see cref="EncoderProgramFactory"/> and runs it with the board's <see cref="EncoderInterpreter"/>.
/// </summary>
public static class EncoderPrograms
{
    /// <summary>Start values on [-1, 1] whose trajectories bound the program's state range.</summary>
    public const int GridPoints = EncoderProgramFactory.GridPoints;

    /// <summary>
    /// Returns the graded input fraction bits the compiler chooses for an input bound:
    /// min(16, 30 - ceil(log2(bound + 1))), as in docs/fixed-point.md (quantization, step 5).
    /// </summary>
    public static int InputFractionBits(double bound) =>
        Math.Min(16, Math.Max(0, 30 - (int)Math.Ceiling(Math.Log2(Math.Max(bound, 0) + 1))));

    /// <summary>Builds the program of a dynamical encoder for <paramref name="features"/> features (0: any).</summary>
    /// <exception cref="UsageException">The encoder is classical or has no on-board program, or its range does not fit.</exception>
    public static EncoderProgram Build(EncoderSpec spec, int features, int outputFractionBits, string normalize = "none")
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return EncoderProgramFactory.Build(spec, features, outputFractionBits, normalize);
        }
        catch (CompileException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Encodes a row-major batch [B, F] of normalized features with the board's interpreter into [B, T, 3F] int32
    /// values with the program's output fraction bits.
    /// </summary>
    public static int[] Encode(EncoderProgram program, double[] features, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        var interpreter = new EncoderInterpreter(program);
        var samples = featureCount == 0 ? 0 : features.Length / featureCount;
        var rowLength = interpreter.Steps * 3 * featureCount;
        var output = new int[samples * rowLength];
        Parallel.For(0, samples, s =>
        {
            var integers = new int[featureCount];
            for (var f = 0; f < featureCount; f++)
            {
                var index = (s * featureCount) + f;
                integers[f] = EncoderInterpreter.ToFeature(features[index], index);
            }

            interpreter.Encode(integers).CopyTo(output.AsSpan(s * rowLength, rowLength));
        });
        return output;
    }

    /// <summary>Returns the fixed-point program's output of every sample as float values (integer / 2^G).</summary>
    public static double[] ToFloat(int[] values, uint fractionBits) =>
        values.Select(v => Math.ScaleB((double)v, -(int)fractionBits)).ToArray();

    /// <summary>Describes a program in one line for console output.</summary>
    public static string Describe(EncoderProgram program) => string.Create(CultureInfo.InvariantCulture,
        $"{program.System} {program.Method}, Q{program.FractionBits} state, h = {program.Step} / 2^{program.FractionBits}, {program.IntegrationSteps} steps, {program.Samples} samples, output with {program.OutputFractionBits} fraction bits");
}
