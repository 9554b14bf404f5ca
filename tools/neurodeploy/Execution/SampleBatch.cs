namespace NeuroDeploy.Cli;

/// <summary>A batch of input samples, row-major [Samples, Steps, Channels], in float units.</summary>
public sealed record SampleBatch(int Samples, int Steps, int Channels, double[] Values, string Source)
{
    public ReadOnlySpan<double> Sample(int index) => Values.AsSpan(index * Steps * Channels, Steps * Channels);

    /// <summary>True when every value is a non-negative integer (spike counts) rather than graded.</summary>
    public bool IsSpikeCounts() => Values.All(v => v >= 0 && v == Math.Floor(v) && v <= int.MaxValue);

    public double MaxAbs() => Values.Length == 0 ? 0 : Values.Max(Math.Abs);
}
