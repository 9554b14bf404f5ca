using System.Globalization;
using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>
/// Raised when a trajectory leaves the finite range: a state component became NaN or infinite, or its magnitude
/// exceeded the encoder's <c>limit</c> key (default 1e12). Encoders raise it in place of emitting such values.
/// </summary>
public sealed class EncoderDivergedException : Exception
{
    public EncoderDivergedException()
        : this("A dynamical encoder diverged.")
    {
    }

    public EncoderDivergedException(string message)
        : base(message)
    {
        Specification = string.Empty;
        SystemName = string.Empty;
    }

    public EncoderDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Specification = string.Empty;
        SystemName = string.Empty;
    }

    public EncoderDivergedException(EncoderSpec spec, double? featureValue, State3 start, double time, State3 state)
        : base(BuildMessage(spec, featureValue, start, time, state))
    {
        Specification = spec.ToString();
        SystemName = spec.Name;
        FeatureValue = featureValue;
        Start = start;
        Time = time;
        State = state;
        Limit = spec.GetReal("limit");
    }

    /// <summary>Canonical specification, which contains every parameter of the system.</summary>
    public string Specification { get; }

    /// <summary>Encoder name, e.g. <c>chen</c>.</summary>
    public string SystemName { get; }

    /// <summary>Feature value v that started the trajectory at (v, 0.2 v, -v); null for other starts.</summary>
    public double? FeatureValue { get; }

    public State3 Start { get; }

    /// <summary>Integration time at which the state first left the range.</summary>
    public double Time { get; }

    /// <summary>First state that left the range.</summary>
    public State3 State { get; }

    /// <summary>Magnitude bound that was exceeded.</summary>
    public double Limit { get; }

    private static string BuildMessage(EncoderSpec spec, double? featureValue, State3 start, double time, State3 state)
    {
        var origin = featureValue is { } v
            ? "feature value " + v.ToString("R", CultureInfo.InvariantCulture)
            : "start " + start;
        return $"Encoder '{spec}' diverged for {origin}: at t = {time.ToString("R", CultureInfo.InvariantCulture)} "
            + $"the state {state} is non-finite or exceeds the limit "
            + $"{spec.GetReal("limit").ToString("R", CultureInfo.InvariantCulture)} in magnitude. "
            + "Choose parameters with a bounded trajectory, a smaller h or tmax, or a larger 'limit'.";
    }
}
