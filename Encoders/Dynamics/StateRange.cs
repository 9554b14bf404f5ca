using System.Text.Json.Serialization;

namespace NeuroDeploy.Encoders.Dynamics;

/// <summary>Ranges of x, y and z over a set of trajectories.</summary>
public sealed record StateRange(
    [property: JsonPropertyName("x")] AxisRange X,
    [property: JsonPropertyName("y")] AxisRange Y,
    [property: JsonPropertyName("z")] AxisRange Z);
