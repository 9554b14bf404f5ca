namespace NeuroDeploy.Encoders.Dynamics;

/// <summary>Settings of a <see cref="DynamicsReport"/>. Times are in the system's time units.</summary>
public sealed record DynamicsOptions
{
    /// <summary>Feature value v whose start (v, 0.2 v, -v) begins the long run.</summary>
    public double StartFeature { get; init; } = 0.5;

    /// <summary>Time integrated before averaging in the long run.</summary>
    public double Transient { get; init; } = 20;

    /// <summary>Time averaged in the long run.</summary>
    public double Duration { get; init; } = 200;

    /// <summary>Integration steps between re-orthonormalisations of the tangent vectors.</summary>
    public int RenormEvery { get; init; } = 10;

    /// <summary>Number of start values on the grid in [-1, 1] for finite-time exponents and ranges.</summary>
    public int GridPoints { get; init; } = 21;

    /// <summary>
    /// Band around 0 of the volume rate (per time unit) that counts as critical rather than dissipative or
    /// expansive. 0.01 is above the error of the default run for conservative fields (mixed oscillator at
    /// delta 0) and far below the rates of the dissipative attractors (-1 and less).
    /// </summary>
    public double ModeTolerance { get; init; } = 0.01;
}
