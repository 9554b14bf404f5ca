using System.Globalization;

namespace NeuroDeploy.Encoders.Systems;

/// <summary>A point (x, y, z) of a 3-D system, or a derivative or increment at that point.</summary>
public readonly record struct State3(double X, double Y, double Z)
{
    /// <summary>Returns the start point (v, 0.2 v, -v) of the trajectory that encodes feature value v.</summary>
    public static State3 FromFeature(double value) => new(value, 0.2 * value, -value);

    /// <summary>Whether every component is finite and at most <paramref name="limit"/> in magnitude.</summary>
    public bool IsWithin(double limit) =>
        double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z)
        && Math.Abs(X) <= limit && Math.Abs(Y) <= limit && Math.Abs(Z) <= limit;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({X:R}, {Y:R}, {Z:R})");
}
