namespace NeuroDeploy.Encoders.Systems;

/// <summary>Fixed-step integration scheme (SPEC key <c>method</c>).</summary>
public enum IntegrationMethod
{
    /// <summary>Classic 4th-order Runge-Kutta (<c>rk4</c>).</summary>
    RungeKutta4,

    /// <summary>Forward Euler (<c>euler</c>).</summary>
    Euler,
}
