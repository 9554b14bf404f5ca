namespace NeuroDeploy.Compiler.Encoding;

/// <summary>The order of each system's parameters in <c>EncoderProgram.parameters</c>; the board reads them by position.</summary>
public static class EncoderProgramLayout
{
    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["mixed-oscillator"] = ["alpha", "beta", "gamma", "delta", "omega", "drive"],
        ["lorenz"] = ["sigma", "rho", "beta"],
        ["chen"] = ["a", "b", "c"],
        ["rossler"] = ["a", "b", "c"],
        ["sprott-c"] = ["a"],
    };

    /// <summary>Systems that compile to an on-board program.</summary>
    public static IReadOnlyCollection<string> Systems => Parameters.Keys;

    /// <summary>Returns the parameter names of <paramref name="system"/> in program order, or null when it is not supported.</summary>
    public static IReadOnlyList<string>? ParameterNames(string system) =>
        Parameters.TryGetValue(system, out var names) ? names : null;
}
