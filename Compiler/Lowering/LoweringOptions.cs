namespace NeuroDeploy.Compiler.Lowering;

/// <summary>Options of <see cref="Lowerer.Lower"/>.</summary>
public sealed record LoweringOptions
{
    /// <summary>Time step in seconds; required unless the graph stores one (<c>metadata/dt</c>). This value wins over the file's.</summary>
    public double? Dt { get; init; }

    /// <summary>Discretization convention, one of <see cref="LoweringConventions.Names"/> (see docs/conventions.md).</summary>
    public required string Convention { get; init; }

    /// <summary>Reset rule for every spiking population; null takes the file's v_reset or the convention's default.</summary>
    public ResetRule? Reset { get; init; }
}
