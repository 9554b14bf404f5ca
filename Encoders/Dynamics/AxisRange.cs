using System.Text.Json.Serialization;

namespace NeuroDeploy.Encoders.Dynamics;

/// <summary>Minimum and maximum of one state variable.</summary>
public sealed record AxisRange([property: JsonPropertyName("min")] double Min, [property: JsonPropertyName("max")] double Max);
