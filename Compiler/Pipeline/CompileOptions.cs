using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Encoders;

namespace NeuroDeploy.Compiler.Pipeline;

/// <summary>Everything <c>neurodeploy compile</c> takes besides the model file.</summary>
public sealed record CompileOptions
{
    /// <summary>Time step in seconds; required unless the file states it.</summary>
    public double? Dt { get; init; }

    public string Convention { get; init; } = "snntorch";

    public ResetRule? Reset { get; init; }

    public string Profile { get; init; } = "generic";

    /// <summary>Accept files with repairable defects (dangling edges) and report the repairs.</summary>
    public bool Lenient { get; init; }

    public bool GradedInput { get; init; }

    /// <summary>Largest input magnitude expected (graded input only).</summary>
    public double InputBound { get; init; } = 1.0;

    /// <summary>
    /// Encoder that feeds the network. A dynamical encoder with an on-board program is embedded in the image
    /// (<c>NeuroImage.encoder</c>, <c>InputMap.steps</c>); any other encoder stays on the host and
    /// <see cref="CompileResult.EncoderNote"/> gives the reason. Graded input and its bound still come from
    /// <see cref="GradedInput"/> and <see cref="InputBound"/>.
    /// </summary>
    public EncoderSpec? Encoder { get; init; }

    /// <summary>Feature normalization the host applies before the on-board encoder: none or max-abs.</summary>
    public string Normalize { get; init; } = "none";
}
