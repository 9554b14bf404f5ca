namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>The systems the board's encoder interpreter runs, with their parameter counts.</summary>
public static class EncoderProgramSystems
{
    /// <summary>
    /// Largest N of a driven mixed oscillator, whose program appends a forcing table of 2N + 1 values to its six
    /// parameters. The compiler applies the same limit.
    /// </summary>
    public const int MaxDrivenIntegrationSteps = 100_000;

    /// <summary>Supported system names.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["mixed-oscillator", "lorenz", "chen", "rossler", "aizawa", "nose-hoover", "sprott-c", "chua"];

    /// <summary>
    /// Returns the number of parameters of a supported system, or -1. A driven mixed oscillator (drive != 0) also
    /// carries its forcing table after these parameters.
    /// </summary>
    public static int ParameterCount(string system) => system switch
    {
        "mixed-oscillator" or "aizawa" => 6,
        "lorenz" or "chen" or "rossler" => 3,
        "chua" => 5,
        "sprott-c" or "nose-hoover" => 1,
        _ => -1,
    };

    /// <summary>
    /// Returns the operations of one evaluation of the system's vector field as <see cref="EncoderInterpreter"/>
    /// writes it (for example, <c>beta x^3</c> is three multiplies), or null for an unsupported system. A driven
    /// mixed oscillator adds one addition for the forcing term.
    /// </summary>
    public static EncoderOperationCounts? FieldOperations(string system) => system switch
    {
        "mixed-oscillator" => new EncoderOperationCounts(Multiplies: 10, Additions: 7, Divisions: 0),
        "lorenz" => new EncoderOperationCounts(Multiplies: 4, Additions: 4, Divisions: 0),
        "chen" => new EncoderOperationCounts(Multiplies: 6, Additions: 5, Divisions: 0),
        "rossler" => new EncoderOperationCounts(Multiplies: 2, Additions: 5, Divisions: 0),
        "aizawa" => new EncoderOperationCounts(Multiplies: 14, Additions: 9, Divisions: 1),
        "nose-hoover" => new EncoderOperationCounts(Multiplies: 2, Additions: 3, Divisions: 0),
        "sprott-c" => new EncoderOperationCounts(Multiplies: 3, Additions: 2, Divisions: 0),
        "chua" => new EncoderOperationCounts(Multiplies: 5, Additions: 14, Divisions: 0),
        _ => null,
    };
}
