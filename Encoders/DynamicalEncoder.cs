using System.Globalization;
using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>
/// Encodes each feature v as the trajectory of a 3-D system started at (v, 0.2 v, -v). The system is integrated
/// N = round(tmax / h) steps (half to even) and the N + 1 points are resampled at T evenly spaced points of the
/// normalized time axis by linear interpolation: sample k lies at position k N / (T - 1) of the point index
/// (sample 0 only when T = 1). Output per feature and step: x, y, z.
/// </summary>
public sealed class DynamicalEncoder : Encoder
{
    internal DynamicalEncoder(EncoderSpec spec, IDynamicalSystem system)
        : base(spec, 3)
    {
        System = system;
        Method = ParseMethod(spec.Get("method"));
        StepSize = spec.GetReal("h");
        TimeHorizon = spec.GetReal("tmax");
        Limit = spec.GetReal("limit");
        var steps = Math.Round(TimeHorizon / StepSize, MidpointRounding.ToEven);
        if (steps < 1 || steps > TrajectoryIntegrator.MaxSteps)
        {
            throw new FormatException(
                $"Invalid encoder '{spec}': tmax / h = {steps.ToString("R", CultureInfo.InvariantCulture)} "
                + $"integration steps, expected 1 to {TrajectoryIntegrator.MaxSteps.ToString(CultureInfo.InvariantCulture)}. "
                + "Change tmax or h.");
        }

        IntegrationSteps = (int)steps;
    }

    public IDynamicalSystem System { get; }

    public IntegrationMethod Method { get; }

    /// <summary>Integration step h.</summary>
    public double StepSize { get; }

    /// <summary>Integration horizon tmax.</summary>
    public double TimeHorizon { get; }

    /// <summary>Number N of integration steps, round(tmax / h).</summary>
    public int IntegrationSteps { get; }

    /// <summary>Magnitude bound of every state component (key <c>limit</c>).</summary>
    public double Limit { get; }

    /// <summary>Parses the <c>method</c> key: <c>rk4</c> or <c>euler</c>.</summary>
    public static IntegrationMethod ParseMethod(string method) => method switch
    {
        "rk4" => IntegrationMethod.RungeKutta4,
        "euler" => IntegrationMethod.Euler,
        _ => throw new FormatException($"Invalid value '{method}' for key 'method': expected one of rk4, euler."),
    };

    /// <summary>
    /// Returns the full trajectory for feature value <paramref name="value"/>: N + 1 points as [x, y, z] triples,
    /// point i at time i h.
    /// </summary>
    /// <exception cref="EncoderDivergedException">The state became non-finite or exceeded <see cref="Limit"/>.</exception>
    public double[] Trajectory(double value)
    {
        var start = State3.FromFeature(value);
        var trajectory = new double[3 * (IntegrationSteps + 1)];
        var failed = TrajectoryIntegrator.Integrate(
            System, start, Method, StepSize, IntegrationSteps, Limit, trajectory);
        if (failed >= 0)
        {
            var state = new State3(trajectory[3 * failed], trajectory[(3 * failed) + 1], trajectory[(3 * failed) + 2]);
            throw new EncoderDivergedException(Spec, value, start, failed * StepSize, state);
        }

        return trajectory;
    }

    /// <summary>
    /// Resamples a trajectory of <paramref name="pointCount"/> points ([x, y, z] triples) at
    /// <paramref name="samples"/> evenly spaced positions by linear interpolation, into [samples, 3] values.
    /// </summary>
    public static void Resample(ReadOnlySpan<double> trajectory, int pointCount, int samples, Span<double> output)
    {
        var intervals = pointCount - 1;
        for (var k = 0; k < samples; k++)
        {
            // Position k N / (T - 1) is exact for integer grid points, so t = 0, 2, 4, 6, 8 of an
            // 800-step, T = 5 trajectory copy stored points without rounding.
            var position = samples == 1 ? 0.0 : (double)k * intervals / (samples - 1);
            var index = Math.Min((int)Math.Floor(position), intervals);
            var fraction = position - index;
            for (var axis = 0; axis < 3; axis++)
            {
                var left = trajectory[(3 * index) + axis];
                output[(3 * k) + axis] = fraction == 0
                    ? left
                    : left + (fraction * (trajectory[(3 * (index + 1)) + axis] - left));
            }
        }
    }

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var trajectory = Trajectory(value);
        Resample(trajectory, IntegrationSteps + 1, Steps, block);
    }
}
