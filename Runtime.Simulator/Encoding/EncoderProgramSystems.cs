namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>The systems the board's encoder interpreter runs, with their parameter counts.</summary>
public static class EncoderProgramSystems
{
    /// <summary>Supported system names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mixed-oscillator", "lorenz", "chen", "rossler", "sprott-c"];

    /// <summary>Returns the number of parameters of a supported system, or -1.</summary>
    public static int ParameterCount(string system) => system switch
    {
        "mixed-oscillator" => 6,
        "lorenz" or "chen" or "rossler" => 3,
        "sprott-c" => 1,
        _ => -1,
    };

    /// <summary>
    /// Returns the operations of one evaluation of the system's vector field as <see cref="EncoderInterpreter"/>
    /// writes it (for example, <c>beta x^3</c> is three multiplies), or null for an unsupported system.
    /// </summary>
    public static EncoderOperationCounts? FieldOperations(string system) => system switch
    {
        "mixed-oscillator" => new EncoderOperationCounts(Multiplies: 10, Additions: 7, Divisions: 0),
        "lorenz" => new EncoderOperationCounts(Multiplies: 4, Additions: 4, Divisions: 0),
        "chen" => new EncoderOperationCounts(Multiplies: 6, Additions: 5, Divisions: 0),
        "rossler" => new EncoderOperationCounts(Multiplies: 2, Additions: 5, Divisions: 0),
        "sprott-c" => new EncoderOperationCounts(Multiplies: 3, Additions: 2, Divisions: 0),
        _ => null,
    };
}
