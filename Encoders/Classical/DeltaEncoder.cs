namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Delta modulation of the ramp s_t = v (t + 1) / T, which rises from 0 to v over the T steps. A reference r
/// starts at 0. At step t, if s_t - r >= threshold the ON channel spikes and r grows by threshold; else if
/// r - s_t >= threshold the OFF channel spikes and r shrinks by threshold. Comparisons allow 1e-12 of rounding
/// so that, e.g., 0.3 - 0.2 counts as a 0.1 change. Channels per feature: ON, then OFF.
/// </summary>
public sealed class DeltaEncoder : Encoder
{
    private const double Tolerance = 1e-12;

    internal DeltaEncoder(EncoderSpec spec)
        : base(spec, 2)
    {
        Threshold = spec.GetReal("threshold");
    }

    /// <summary>Change of the ramp that triggers one spike.</summary>
    public double Threshold { get; }

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var reference = 0.0;
        for (var step = 0; step < Steps; step++)
        {
            var signal = value * (step + 1) / Steps;
            if (signal - reference >= Threshold - Tolerance)
            {
                block[2 * step] = 1;
                reference += Threshold;
            }
            else if (reference - signal >= Threshold - Tolerance)
            {
                block[(2 * step) + 1] = 1;
                reference -= Threshold;
            }
        }
    }
}
