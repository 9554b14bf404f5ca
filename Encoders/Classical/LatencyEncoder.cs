namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Linear latency code: one spike at step round((1 - |v|)(T - 1)), rounding halves away from zero.
/// Every feature spikes once, v = 0 at the last step.
/// </summary>
public sealed class LatencyEncoder : Encoder
{
    internal LatencyEncoder(EncoderSpec spec)
        : base(spec, 1)
    {
    }

    /// <summary>Returns the spike step of feature value <paramref name="value"/>.</summary>
    public int SpikeStep(double value) =>
        (int)Math.Round((1 - Math.Abs(value)) * (Steps - 1), MidpointRounding.AwayFromZero);

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block) =>
        block[SpikeStep(value)] = 1;
}
