using System.Text.Json;
using System.Text.Json.Serialization;
using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders.Dynamics;

/// <summary>
/// Lyapunov spectrum, phase-space volume rate and mode of a dynamical encoder, with finite-time exponents over the
/// encoder's own horizon and the range of its trajectories. Serializes to JSON with snake_case names.
/// </summary>
public sealed class DynamicsReport
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Canonical specification of the encoder.</summary>
    [JsonPropertyName("encoder")]
    public required string Encoder { get; init; }

    /// <summary>Lyapunov exponents per time unit, sorted descending.</summary>
    [JsonPropertyName("lyapunov")]
    public required double[] Lyapunov { get; init; }

    /// <summary>
    /// <c>long-run</c>, or <c>finite-time</c> when the long run diverged and <see cref="Lyapunov"/> contains the
    /// finite-time average instead.
    /// </summary>
    [JsonPropertyName("lyapunov_source")]
    public required string LyapunovSource { get; init; }

    /// <summary>Sum of <see cref="Lyapunov"/>: the mean exponential rate of change of phase-space volume.</summary>
    [JsonPropertyName("volume_rate")]
    public required double VolumeRate { get; init; }

    /// <summary>Divergence of the vector field where it is the same at every state; null where it is not.</summary>
    [JsonPropertyName("analytic_divergence")]
    public required double? AnalyticDivergence { get; init; }

    /// <summary><c>dissipative</c>, <c>expansive</c> or <c>critical</c>, from the volume rate and the tolerance.</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    [JsonPropertyName("mode_tolerance")]
    public required double ModeTolerance { get; init; }

    /// <summary>Start (v, 0.2 v, -v) of the long run, as [x, y, z].</summary>
    [JsonPropertyName("long_run_start")]
    public required double[] LongRunStart { get; init; }

    [JsonPropertyName("long_run_transient")]
    public required double LongRunTransient { get; init; }

    [JsonPropertyName("long_run_duration")]
    public required double LongRunDuration { get; init; }

    /// <summary>Time at which the long run left the limit, or null when it stayed finite.</summary>
    [JsonPropertyName("long_run_diverged_at")]
    public required double? LongRunDivergedAt { get; init; }

    [JsonPropertyName("renorm_every")]
    public required int RenormEvery { get; init; }

    /// <summary>Exponents over [0, tmax] from each grid start, averaged index by index over the starts that stayed finite.</summary>
    [JsonPropertyName("finite_time_lyapunov")]
    public required double[] FiniteTimeLyapunov { get; init; }

    /// <summary>The encoder's tmax.</summary>
    [JsonPropertyName("finite_time_horizon")]
    public required double FiniteTimeHorizon { get; init; }

    [JsonPropertyName("grid_points")]
    public required int GridPoints { get; init; }

    /// <summary>Grid starts whose trajectory left the limit within tmax; they are left out of averages and ranges.</summary>
    [JsonPropertyName("diverged_starts")]
    public required int DivergedStarts { get; init; }

    /// <summary>Min and max of x, y, z over all integration points of the encoder's trajectories from the grid starts.</summary>
    [JsonPropertyName("trajectory_range")]
    public required StateRange? TrajectoryRange { get; init; }

    /// <summary>Computes the report for a dynamical encoder.</summary>
    /// <exception cref="ArgumentException">The encoder is classical.</exception>
    /// <exception cref="EncoderDivergedException">The long run and every grid start diverged.</exception>
    public static DynamicsReport Compute(EncoderSpec spec, DynamicsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new DynamicsOptions();
        var system = EncoderAnalysis.CreateSystem(spec);
        var encoder = (DynamicalEncoder)EncoderFactory.Create(spec);
        var grid = EncoderAnalysis.Grid(options.GridPoints);

        var finiteTime = new double[3];
        var finiteStarts = 0;
        var diverged = 0;
        var min = new[] { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity };
        var max = new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity };
        foreach (var v in grid)
        {
            try
            {
                var exponents = LyapunovSpectrum.Compute(
                    spec, State3.FromFeature(v), 0, encoder.TimeHorizon, options.RenormEvery);
                var trajectory = encoder.Trajectory(v);
                for (var j = 0; j < 3; j++)
                {
                    finiteTime[j] += exponents[j];
                }

                for (var i = 0; i < trajectory.Length; i++)
                {
                    min[i % 3] = Math.Min(min[i % 3], trajectory[i]);
                    max[i % 3] = Math.Max(max[i % 3], trajectory[i]);
                }

                finiteStarts++;
            }
            catch (EncoderDivergedException)
            {
                diverged++;
            }
        }

        for (var j = 0; j < 3 && finiteStarts > 0; j++)
        {
            finiteTime[j] /= finiteStarts;
        }

        var start = State3.FromFeature(options.StartFeature);
        double[] lyapunov;
        string source;
        double? divergedAt = null;
        try
        {
            lyapunov = LyapunovSpectrum.Compute(spec, start, options.Transient, options.Duration, options.RenormEvery);
            source = "long-run";
        }
        catch (EncoderDivergedException error) when (finiteStarts > 0)
        {
            lyapunov = finiteTime;
            source = "finite-time";
            divergedAt = error.Time;
        }

        var volumeRate = lyapunov.Sum();
        return new DynamicsReport
        {
            Encoder = spec.ToString(),
            Lyapunov = lyapunov,
            LyapunovSource = source,
            VolumeRate = volumeRate,
            AnalyticDivergence = system.ConstantDivergence,
            Mode = ClassifyMode(volumeRate, options.ModeTolerance),
            ModeTolerance = options.ModeTolerance,
            LongRunStart = [start.X, start.Y, start.Z],
            LongRunTransient = options.Transient,
            LongRunDuration = options.Duration,
            LongRunDivergedAt = divergedAt,
            RenormEvery = options.RenormEvery,
            FiniteTimeLyapunov = finiteStarts > 0 ? finiteTime : [],
            FiniteTimeHorizon = encoder.TimeHorizon,
            GridPoints = options.GridPoints,
            DivergedStarts = diverged,
            TrajectoryRange = finiteStarts > 0
                ? new StateRange(new(min[0], max[0]), new(min[1], max[1]), new(min[2], max[2]))
                : null,
        };
    }

    /// <summary>Returns <c>dissipative</c> below -tolerance, <c>expansive</c> above +tolerance, else <c>critical</c>.</summary>
    public static string ClassifyMode(double volumeRate, double tolerance)
    {
        if (volumeRate < -tolerance)
        {
            return "dissipative";
        }

        return volumeRate > tolerance ? "expansive" : "critical";
    }

    /// <summary>Returns the report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
