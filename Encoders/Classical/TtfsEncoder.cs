namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Time-to-first-spike code: a nonzero feature spikes once, at step min(floor((1 - |v|) T), T - 1), so the T
/// steps split |v| in (0, 1] into bins of width 1/T and larger values spike earlier. v = 0 never spikes.
/// </summary>
public sealed class TtfsEncoder : Encoder
{
    internal TtfsEncoder(EncoderSpec spec)
        : base(spec, 1)
    {
    }

    /// <summary>Returns the spike step of <paramref name="value"/>, or -1 for 0, which does not spike.</summary>
    public int SpikeStep(double value) =>
        value == 0 ? -1 : Math.Min((int)Math.Floor((1 - Math.Abs(value)) * Steps), Steps - 1);

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var step = SpikeStep(value);
        if (step >= 0)
        {
            block[step] = 1;
        }
    }
}
