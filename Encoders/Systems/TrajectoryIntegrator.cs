namespace NeuroDeploy.Encoders.Systems;

/// <summary>
/// Fixed-step integration of a <see cref="IDynamicalSystem"/>. RK4 is written in the increment form
/// k_i = h f(...), s + (k1 + 2 k2 + 2 k3 + k4) / 6, with step i at time i h, so that results agree with
/// float64 NumPy/Numba integrators of that form to the last few bits.
/// </summary>
public static class TrajectoryIntegrator
{
    /// <summary>Largest number of integration steps of one trajectory (a trajectory stores 3 doubles per point).</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>
    /// Integrates <paramref name="stepCount"/> steps from <paramref name="start"/> and writes the
    /// stepCount + 1 points (start included) to <paramref name="trajectory"/> as [x, y, z] triples.
    /// </summary>
    /// <returns>
    /// -1 when every point stayed within <paramref name="limit"/>; otherwise the index of the first point that
    /// was non-finite or larger in magnitude, after which the integration stopped.
    /// </returns>
    public static int Integrate(
        IDynamicalSystem system,
        State3 start,
        IntegrationMethod method,
        double h,
        int stepCount,
        double limit,
        Span<double> trajectory)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        if (trajectory.Length < 3 * (stepCount + 1))
        {
            throw new ArgumentException("The trajectory buffer needs 3 * (stepCount + 1) elements.", nameof(trajectory));
        }

        var state = start;
        Write(trajectory, 0, state);
        if (!state.IsWithin(limit))
        {
            return 0;
        }

        for (var i = 0; i < stepCount; i++)
        {
            state = Step(system, method, i * h, h, state);
            Write(trajectory, i + 1, state);
            if (!state.IsWithin(limit))
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Returns the state one step of size <paramref name="h"/> after <paramref name="state"/> at <paramref name="time"/>.</summary>
    public static State3 Step(IDynamicalSystem system, IntegrationMethod method, double time, double h, State3 state)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (method == IntegrationMethod.Euler)
        {
            var d = system.Derivative(time, state);
            return new State3(state.X + (h * d.X), state.Y + (h * d.Y), state.Z + (h * d.Z));
        }

        var f1 = system.Derivative(time, state);
        var k1 = new State3(h * f1.X, h * f1.Y, h * f1.Z);
        var s2 = new State3(state.X + (k1.X / 2), state.Y + (k1.Y / 2), state.Z + (k1.Z / 2));
        var f2 = system.Derivative(time + (h / 2), s2);
        var k2 = new State3(h * f2.X, h * f2.Y, h * f2.Z);
        var s3 = new State3(state.X + (k2.X / 2), state.Y + (k2.Y / 2), state.Z + (k2.Z / 2));
        var f3 = system.Derivative(time + (h / 2), s3);
        var k3 = new State3(h * f3.X, h * f3.Y, h * f3.Z);
        var s4 = new State3(state.X + k3.X, state.Y + k3.Y, state.Z + k3.Z);
        var f4 = system.Derivative(time + h, s4);
        var k4 = new State3(h * f4.X, h * f4.Y, h * f4.Z);
        return new State3(
            state.X + ((k1.X + (2 * k2.X) + (2 * k3.X) + k4.X) / 6),
            state.Y + ((k1.Y + (2 * k2.Y) + (2 * k3.Y) + k4.Y) / 6),
            state.Z + ((k1.Z + (2 * k2.Z) + (2 * k3.Z) + k4.Z) / 6));
    }

    private static void Write(Span<double> trajectory, int index, State3 state)
    {
        trajectory[3 * index] = state.X;
        trajectory[(3 * index) + 1] = state.Y;
        trajectory[(3 * index) + 2] = state.Z;
    }
}
