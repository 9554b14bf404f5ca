namespace NeuroDeploy.Compiler.Encoding;

/// <summary>The order of each system's parameters in <c>EncoderProgram.parameters</c>; the board reads them by position.</summary>
public static class EncoderProgramLayout
{
    /// <summary>
    /// Largest N of a driven mixed oscillator (drive != 0). Its program appends the forcing table of 2N + 1
    /// values to the parameters, so this limit keeps the table at 200 001 int64 values (at most 2 MB in the image).
    /// </summary>
    public const int MaxDrivenIntegrationSteps = 100_000;

    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["mixed-oscillator"] = ["alpha", "beta", "gamma", "delta", "omega", "drive"],
        ["lorenz"] = ["sigma", "rho", "beta"],
        ["chen"] = ["a", "b", "c"],
        ["rossler"] = ["a", "b", "c"],
        ["aizawa"] = ["a", "b", "c", "d", "e", "f"],
        ["nose-hoover"] = ["a"],
        ["sprott-c"] = ["a"],
        ["chua"] = ["a", "b", "c", "m0", "m1"],
    };

    /// <summary>Systems that compile to an on-board program.</summary>
    public static IReadOnlyCollection<string> Systems => Parameters.Keys;

    /// <summary>
    /// Returns the parameter names of <paramref name="system"/> in program order, or null when it is not supported.
    /// A driven mixed oscillator follows them with its forcing table (see <see cref="ForcingTableLength"/>).
    /// </summary>
    public static IReadOnlyList<string>? ParameterNames(string system) =>
        Parameters.TryGetValue(system, out var names) ? names : null;

    /// <summary>
    /// Returns 2N + 1, the length of the forcing table <c>drive cos(omega j h / 2)</c>, j = 0 .. 2N, that follows the six
    /// parameters of a driven mixed oscillator. One value per half step gives RK4 the forcing at t_i, t_i + h/2 and t_i + h.
    /// </summary>
    public static int ForcingTableLength(int integrationSteps) => (2 * integrationSteps) + 1;

    /// <summary>Returns whether a program of <paramref name="system"/> with these parameters needs the forcing table.</summary>
    public static bool IsDriven(string system, IReadOnlyList<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Equals(system, "mixed-oscillator", StringComparison.Ordinal) && parameters.Count > 5 && parameters[5] != 0;
    }
}
