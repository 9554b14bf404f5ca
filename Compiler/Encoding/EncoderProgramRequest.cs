namespace NeuroDeploy.Compiler.Encoding;

/// <summary>
/// What <see cref="EncoderProgramBuilder"/> needs to know about a float dynamical encoder. The caller computes the
/// range from the encoder's trajectories, because the compiler does not run encoders itself.
/// </summary>
public sealed record EncoderProgramRequest
{
    /// <summary>Canonical encoder SPEC, stored in the program for display.</summary>
    public required string Spec { get; init; }

    public required string System { get; init; }

    /// <summary><c>rk4</c> or <c>euler</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Parameter values in the order of <see cref="EncoderProgramLayout.ParameterNames"/>.</summary>
    public required IReadOnlyList<double> Parameters { get; init; }

    /// <summary>Integration step h.</summary>
    public required double StepSize { get; init; }

    /// <summary>Number N of integration steps.</summary>
    public required int IntegrationSteps { get; init; }

    /// <summary>Output steps T.</summary>
    public required int Samples { get; init; }

    /// <summary>Features per sample (0: any).</summary>
    public int Features { get; init; }

    /// <summary>Max |x|, |y|, |z| over all integration points of the float trajectories from starts in [-1, 1].</summary>
    public required IReadOnlyList<double> IntegratedMax { get; init; }

    /// <summary>For each of x, y, z, the start value v whose trajectory reaches <see cref="IntegratedMax"/>.</summary>
    public required IReadOnlyList<double> PeakStarts { get; init; }

    /// <summary>Fraction bits of the image's graded input (<c>InputMap.fraction_bits</c>).</summary>
    public required int OutputFractionBits { get; init; }

    /// <summary>Feature normalization the host applies before sending features (<c>none</c> or <c>max-abs</c>).</summary>
    public string Normalize { get; init; } = "none";
}
