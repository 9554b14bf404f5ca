namespace NeuroDeploy.Compiler.Lowering;

/// <summary>Names of the discretization conventions that <see cref="Lowerer"/> accepts.</summary>
public static class LoweringConventions
{
    /// <summary>Forward Euler; reset by subtraction applied in the next step (snnTorch Leaky/Synaptic).</summary>
    public const string SnnTorch = "snntorch";

    /// <summary>Forward Euler; reset to v_reset in the spiking step.</summary>
    public const string Norse = "norse";

    /// <summary>Zero-order hold: decay e^(-dt/tau), input gain 1 - e^(-dt/tau); reset by subtraction.</summary>
    public const string Exact = "exact";

    /// <summary>Decay e^(-dt/tau), input gain dt/tau; reset by subtraction.</summary>
    public const string Rockpool = "rockpool";

    /// <summary>Same constants as Rockpool.</summary>
    public const string Sinabs = "sinabs";

    /// <summary>Forward Euler with the network input delayed by one step; reset to v_reset.</summary>
    public const string Lava = "lava";

    public static IReadOnlyList<string> Names { get; } = [SnnTorch, Norse, Exact, Rockpool, Sinabs, Lava];

    /// <summary>The reset rule a convention uses when neither the file nor the options set one.</summary>
    public static ResetRule DefaultReset(string convention) => convention switch
    {
        SnnTorch => ResetRule.SubtractNextStep,
        Norse or Lava => ResetRule.Zero,
        _ => ResetRule.Subtract,
    };
}
