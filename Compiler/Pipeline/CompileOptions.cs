using NeuroDeploy.Compiler.Lowering;

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
}
