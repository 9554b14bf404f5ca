using System.Globalization;
using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator.Encoding;

namespace NeuroDeploy.Cli;

/// <summary>
/// Connects float encoders (<see cref="EncoderSpec"/>) to the fixed-point encoder program: measures the trajectory
/// range, builds the program with <see cref="EncoderProgramBuilder"/>, and runs it with the board's
/// <see cref="EncoderInterpreter"/>.
/// </summary>
public static class EncoderPrograms
{
    /// <summary>Start values on [-1, 1] whose trajectories bound the program's state range.</summary>
    public const int GridPoints = 21;

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
        if (EncoderFactory.Create(spec) is not DynamicalEncoder encoder)
        {
            throw new UsageException(
                $"Encoder '{spec.Name}' is a spike encoder and runs on the host only; an on-board program exists for: "
                + string.Join(", ", EncoderProgramLayout.Systems) + ".");
        }

        var names = EncoderProgramLayout.ParameterNames(spec.Name) ?? throw new UsageException(
            $"Encoder '{spec.Name}' has no on-board program yet and runs on the host only; supported: "
            + string.Join(", ", EncoderProgramLayout.Systems) + ".");
        var integratedMax = new double[3];
        var peakStarts = new double[3];
        foreach (var v in EncoderAnalysis.Grid(GridPoints))
        {
            var trajectory = encoder.Trajectory(v);
            for (var i = 0; i < trajectory.Length; i++)
            {
                var magnitude = Math.Abs(trajectory[i]);
                if (magnitude > integratedMax[i % 3])
                {
                    integratedMax[i % 3] = magnitude;
                    peakStarts[i % 3] = v;
                }
            }
        }

        try
        {
            return EncoderProgramBuilder.Build(new EncoderProgramRequest
            {
                Spec = spec.ToString(),
                System = spec.Name,
                Method = spec.Get("method"),
                Parameters = names.Select(spec.GetReal).ToArray(),
                StepSize = encoder.StepSize,
                IntegrationSteps = encoder.IntegrationSteps,
                Samples = encoder.Steps,
                Features = features,
                IntegratedMax = integratedMax,
                PeakStarts = peakStarts,
                OutputFractionBits = outputFractionBits,
                Normalize = normalize,
            });
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
