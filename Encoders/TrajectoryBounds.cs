using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>
/// Largest magnitudes of a dynamical encoder's state over starts v on a grid in [-1, 1]. <see cref="Sampled"/>
/// covers the T output values (what the network receives); <see cref="Integrated"/> covers every integration
/// point (what an on-board integrator holds), and is never smaller.
/// </summary>
public sealed record TrajectoryBounds(string Specification, int GridPoints, State3 Sampled, State3 Integrated)
{
    /// <summary>Max |value| over the three sampled state variables.</summary>
    public double SampledMax => Math.Max(Sampled.X, Math.Max(Sampled.Y, Sampled.Z));

    /// <summary>Max |value| over the three state variables at all integration points.</summary>
    public double IntegratedMax => Math.Max(Integrated.X, Math.Max(Integrated.Y, Integrated.Z));
}
