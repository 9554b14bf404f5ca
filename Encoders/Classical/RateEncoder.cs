namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Bernoulli rate code: at each step the feature spikes when u &lt; |v|, with u = SplitMix64.Uniform(seed, sample,
/// feature, step). |v| = 1 spikes at every step and v = 0 never. The sign of v is not encoded.
/// </summary>
public sealed class RateEncoder : Encoder
{
    internal RateEncoder(EncoderSpec spec)
        : base(spec, 1)
    {
        Seed = (ulong)spec.GetInteger("seed");
    }

    public ulong Seed { get; }

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var probability = Math.Abs(value);
        for (var step = 0; step < Steps; step++)
        {
            if (SplitMix64.Uniform(Seed, sampleIndex, featureIndex, step) < probability)
            {
                block[step] = 1;
            }
        }
    }
}
