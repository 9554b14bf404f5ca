using System.Globalization;

namespace NeuroDeploy.Encoders.Classical;

/// <summary>
/// Burst code: n = round(|v| nmax) spikes (halves away from zero), at steps 0, isi, 2 isi, ..., (n - 1) isi.
/// The spike count is proportional to |v|; the sign of v is not encoded.
/// </summary>
public sealed class BurstEncoder : Encoder
{
    internal BurstEncoder(EncoderSpec spec)
        : base(spec, 1)
    {
        MaxSpikes = (int)spec.GetInteger("nmax");
        Interval = (int)spec.GetInteger("isi");
        if ((long)(MaxSpikes - 1) * Interval > Steps - 1)
        {
            throw new FormatException(
                $"Invalid encoder '{spec}': a full burst of nmax = {MaxSpikes.ToString(CultureInfo.InvariantCulture)} "
                + $"spikes, isi = {Interval.ToString(CultureInfo.InvariantCulture)} steps apart, needs "
                + $"{((long)(MaxSpikes - 1) * Interval + 1).ToString(CultureInfo.InvariantCulture)} steps but steps = "
                + $"{Steps.ToString(CultureInfo.InvariantCulture)}. Raise steps or lower nmax or isi.");
        }
    }

    /// <summary>Spikes at |v| = 1 (key <c>nmax</c>).</summary>
    public int MaxSpikes { get; }

    /// <summary>Steps between spikes of a burst (key <c>isi</c>).</summary>
    public int Interval { get; }

    /// <summary>Returns the number of spikes for <paramref name="value"/>.</summary>
    public int SpikeCount(double value) =>
        (int)Math.Round(Math.Abs(value) * MaxSpikes, MidpointRounding.AwayFromZero);

    protected override void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block)
    {
        var count = SpikeCount(value);
        for (var i = 0; i < count; i++)
        {
            block[i * Interval] = 1;
        }
    }
}
