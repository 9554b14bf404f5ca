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
}
