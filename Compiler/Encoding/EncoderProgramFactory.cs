using System.Globalization;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Encoding;

/// <summary>
/// Builds the fixed-point <see cref="EncoderProgram"/> of an encoder SPEC: measures the float trajectories' range
/// from <see cref="GridPoints"/> starts on [-1, 1] and passes it to <see cref="EncoderProgramBuilder"/>.
/// </summary>
public static class EncoderProgramFactory
{
    /// <summary>Start values on [-1, 1] whose trajectories bound the program's state range.</summary>
    public const int GridPoints = 21;

    /// <summary>
    /// Returns why <paramref name="spec"/> has no on-board program (a spike encoder, a system without a program,
    /// or a driven mixed oscillator whose forcing table would exceed
    /// <see cref="EncoderProgramLayout.MaxDrivenIntegrationSteps"/> steps), or null when <see cref="Build"/> can build one.
    /// </summary>
    public static string? Unsupported(EncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Definition.Kind != EncoderKind.Dynamical)
        {
            return $"Encoder '{spec.Name}' is a spike encoder and runs on the host only; an on-board program exists for: "
                + string.Join(", ", EncoderProgramLayout.Systems) + ".";
        }

        if (EncoderProgramLayout.ParameterNames(spec.Name) is null)
        {
            return $"Encoder '{spec.Name}' has no on-board program yet and runs on the host only; supported: "
                + string.Join(", ", EncoderProgramLayout.Systems) + ".";
        }

        if (string.Equals(spec.Name, "mixed-oscillator", StringComparison.Ordinal) && spec.GetReal("drive") != 0)
        {
            var steps = ((DynamicalEncoder)EncoderFactory.Create(spec)).IntegrationSteps;
            if (steps > EncoderProgramLayout.MaxDrivenIntegrationSteps)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Encoder '{spec}': drive != 0 stores drive cos(omega t) for every half step, and {steps} integration steps exceed the on-board limit of {EncoderProgramLayout.MaxDrivenIntegrationSteps}, so it runs on the host.");
            }
        }

        return null;
    }

    /// <summary>Builds the program for <paramref name="features"/> features per sample (0: any).</summary>
    /// <param name="spec">A dynamical encoder with an on-board program (see <see cref="Unsupported"/>).</param>
    /// <param name="features">Features per sample, or 0 for any count.</param>
    /// <param name="outputFractionBits">The image's graded input fraction bits (<c>InputMap.fraction_bits</c>).</param>
    /// <param name="normalize">Normalization the host applies to features before sending them: none or max-abs.</param>
    /// <exception cref="CompileException">
    /// The encoder has no on-board program, its float trajectory diverges, or its range leaves too few fraction bits.
    /// </exception>
    public static EncoderProgram Build(EncoderSpec spec, int features, int outputFractionBits, string normalize = "none")
    {
        var reason = Unsupported(spec);
        if (reason is not null)
        {
            throw new CompileException(reason);
        }

        var encoder = (DynamicalEncoder)EncoderFactory.Create(spec);
        var names = EncoderProgramLayout.ParameterNames(spec.Name)!;
        var integratedMax = new double[3];
        var peakStarts = new double[3];
        foreach (var v in EncoderAnalysis.Grid(GridPoints))
        {
            double[] trajectory;
            try
            {
                trajectory = encoder.Trajectory(v);
            }
            catch (EncoderDivergedException ex)
            {
                throw new CompileException($"Encoder '{spec}': {ex.Message}", ex);
            }

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
}
