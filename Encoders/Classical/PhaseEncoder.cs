namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Phase (binary weighted) code: q = round(|v| (2^T - 1)), halves away from zero, and step t emits bit T - 1 - t
/// of q, most significant first. A receiver that weights step t by 2^(T - 1 - t) / (2^T - 1) recovers |v| to
/// within 1 / (2 (2^T - 1)). T is at most 32. The sign of v is not encoded.
/// </summary>
public sealed class PhaseEncoder : Encoder
{
    /// <summary>Largest T, so that q fits in 32 bits and |v| (2^T - 1) is exact in a double.</summary>
    public const int MaxSteps = 32;

    internal PhaseEncoder(EncoderSpec spec)
        : base(spec, 1)
    {
    }

    /// <summary>Returns the quantized value q whose bits the encoder emits.</summary>
    public long Quantize(double value) =>
        (long)Math.Round(Math.Abs(value) * ((1L << Steps) - 1), MidpointRounding.AwayFromZero);

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var q = Quantize(value);
        for (var step = 0; step < Steps; step++)
        {
            block[step] = (q >> (Steps - 1 - step)) & 1;
        }
    }
}
