using System.Globalization;
using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders.Dynamics;

/// <summary>
/// Lyapunov spectrum of a dynamical encoder's vector field by Benettin's method: three tangent vectors follow the
/// variational equation dV/dt = J(x(t)) V with the analytic Jacobian, integrated together with the state by
/// classic RK4 at the encoder's step h. Every <c>renormEvery</c> steps modified Gram-Schmidt re-orthonormalises
/// them, and the exponents are the time averages of the logarithms of the Gram-Schmidt norms.
/// The spectrum is that of the continuous system, so RK4 is used even where the encoder integrates with Euler.
/// </summary>
public static class LyapunovSpectrum
{
    /// <summary>
    /// Returns the three exponents, sorted descending, per unit time. The first <paramref name="transient"/> time
    /// units move the state onto the attractor and align the tangent vectors without being averaged; the next
    /// <paramref name="duration"/> time units are averaged. Both are rounded to whole steps of h.
    /// </summary>
    /// <exception cref="ArgumentException">The encoder is classical, or an argument is out of range.</exception>
    /// <exception cref="EncoderDivergedException">The state left the encoder's <c>limit</c>.</exception>
    public static double[] Compute(EncoderSpec spec, State3 start, double transient, double duration, int renormEvery)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!double.IsFinite(transient) || transient < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(transient), transient, "The transient must be a finite time >= 0.");
        }

        if (!double.IsFinite(duration) || duration <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must be a finite time > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(renormEvery);
        var system = EncoderAnalysis.CreateSystem(spec);
        var h = spec.GetReal("h");
        var limit = spec.GetReal("limit");
        var transientSteps = (long)Math.Round(transient / h);
        var durationSteps = Math.Max(1, (long)Math.Round(duration / h));

        var state = start;
        Span<double> basis = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        Span<double> norms = stackalloc double[3];
        Span<double> sums = stackalloc double[3];
        var step = 0L;
        for (var phase = 0; phase < 2; phase++)
        {
            var phaseSteps = phase == 0 ? transientSteps : durationSteps;
            for (var i = 1; i <= phaseSteps; i++)
            {
                state = VariationalStep(system, step * h, h, state, basis);
                step++;
                if (!state.IsWithin(limit))
                {
                    throw new EncoderDivergedException(spec, null, start, step * h, state);
                }

                if (i % renormEvery != 0 && i != phaseSteps)
                {
                    continue;
                }

                Orthonormalize(basis, norms, renormEvery);
                if (phase == 1)
                {
                    for (var j = 0; j < 3; j++)
                    {
                        sums[j] += Math.Log(norms[j]);
                    }
                }
            }
        }

        var exponents = new double[3];
        for (var j = 0; j < 3; j++)
        {
            exponents[j] = sums[j] / (durationSteps * h);
        }

        Array.Sort(exponents);
        Array.Reverse(exponents);
        return exponents;
    }

    /// <summary>
    /// Advances the state and the tangent basis (row-major 3 x 3, one tangent vector per column) by one RK4 step.
    /// </summary>
    private static State3 VariationalStep(IDynamicalSystem system, double time, double h, State3 state, Span<double> basis)
    {
        Span<double> jacobian = stackalloc double[9];
        Span<double> stage = stackalloc double[9];
        Span<double> k = stackalloc double[36];
        Span<double> increment = stackalloc double[9];
        ReadOnlySpan<double> offsets = [0, 0.5, 0.5, 1];
        Span<State3> states = stackalloc State3[4];
        Span<State3> derivatives = stackalloc State3[4];
        for (var s = 0; s < 4; s++)
        {
            var previous = s == 0 ? default : derivatives[s - 1];
            var a = offsets[s] * h;
            states[s] = new State3(state.X + (a * previous.X), state.Y + (a * previous.Y), state.Z + (a * previous.Z));
            for (var n = 0; n < 9; n++)
            {
                stage[n] = basis[n] + (s == 0 ? 0 : a * k[(9 * (s - 1)) + n]);
            }

            derivatives[s] = system.Derivative(time + a, states[s]);
            system.Jacobian(time + a, states[s], jacobian);
            Multiply(jacobian, stage, k.Slice(9 * s, 9));
        }

        for (var n = 0; n < 9; n++)
        {
            increment[n] = (k[n] + (2 * k[9 + n]) + (2 * k[18 + n]) + k[27 + n]) / 6;
            basis[n] += h * increment[n];
        }

        var d = derivatives;
        return new State3(
            state.X + (h * (d[0].X + (2 * d[1].X) + (2 * d[2].X) + d[3].X) / 6),
            state.Y + (h * (d[0].Y + (2 * d[1].Y) + (2 * d[2].Y) + d[3].Y) / 6),
            state.Z + (h * (d[0].Z + (2 * d[1].Z) + (2 * d[2].Z) + d[3].Z) / 6));
    }

    private static void Multiply(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> product)
    {
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                product[(row * 3) + column] =
                    (left[row * 3] * right[column])
                    + (left[(row * 3) + 1] * right[3 + column])
                    + (left[(row * 3) + 2] * right[6 + column]);
            }
        }
    }

    /// <summary>Modified Gram-Schmidt on the columns of <paramref name="basis"/>; writes each column's norm before scaling.</summary>
    private static void Orthonormalize(Span<double> basis, Span<double> norms, int renormEvery)
    {
        for (var j = 0; j < 3; j++)
        {
            for (var previous = 0; previous < j; previous++)
            {
                var projection = 0.0;
                for (var row = 0; row < 3; row++)
                {
                    projection += basis[(row * 3) + j] * basis[(row * 3) + previous];
                }

                for (var row = 0; row < 3; row++)
                {
                    basis[(row * 3) + j] -= projection * basis[(row * 3) + previous];
                }
            }

            var norm = Math.Sqrt(
                (basis[j] * basis[j]) + (basis[3 + j] * basis[3 + j]) + (basis[6 + j] * basis[6 + j]));
            if (!double.IsNormal(norm))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(renormEvery),
                    renormEvery,
                    $"Tangent vector {j.ToString(CultureInfo.InvariantCulture)} reached norm "
                    + $"{norm.ToString("R", CultureInfo.InvariantCulture)} within {renormEvery.ToString(CultureInfo.InvariantCulture)} steps, "
                    + "so the Lyapunov exponents cannot be estimated for this encoder. "
                    + "Use a smaller step h or parameter values that keep the trajectory bounded.");
            }

            norms[j] = norm;
            for (var row = 0; row < 3; row++)
            {
                basis[(row * 3) + j] /= norm;
            }
        }
    }
}
