using System.Globalization;

namespace NeuroDeploy.Encoders;

/// <summary>
/// Base of the built-in encoders: checks the features and lays out the per-feature blocks.
/// Features are encoded independently, so a derived class only encodes one value.
/// </summary>
public abstract class Encoder : IEncoder
{
    protected Encoder(EncoderSpec spec, int channelsPerFeature)
    {
        Spec = spec;
        ChannelsPerFeature = channelsPerFeature;
        Steps = checked((int)spec.GetInteger("steps"));
    }

    public EncoderSpec Spec { get; }

    public int Steps { get; }

    public int ChannelsPerFeature { get; }

    public int OutputChannels(int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        return checked(features * ChannelsPerFeature);
    }

    public double[] Encode(ReadOnlySpan<double> features, long sampleIndex = 0)
    {
        ValidateFeatures(features);
        var channels = OutputChannels(features.Length);
        var output = new double[checked(Steps * channels)];
        var block = new double[Steps * ChannelsPerFeature];
        for (var feature = 0; feature < features.Length; feature++)
        {
            Array.Clear(block);
            EncodeFeature(features[feature], sampleIndex, feature, block);
            for (var step = 0; step < Steps; step++)
            {
                Array.Copy(
                    block,
                    step * ChannelsPerFeature,
                    output,
                    (step * channels) + (feature * ChannelsPerFeature),
                    ChannelsPerFeature);
            }
        }

        return output;
    }

    public override string ToString() => Spec.ToString();

    /// <summary>
    /// Writes the output of one feature into <paramref name="block"/>, laid out [Steps, ChannelsPerFeature]
    /// and cleared to zero beforehand.
    /// </summary>
    protected abstract void EncodeFeature(double value, long sampleIndex, int featureIndex, Span<double> block);

    private static void ValidateFeatures(ReadOnlySpan<double> features)
    {
        for (var i = 0; i < features.Length; i++)
        {
            var value = features[i];
            if (!double.IsFinite(value) || value < -1 || value > 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(features),
                    value,
                    $"Feature {i.ToString(CultureInfo.InvariantCulture)} has value "
                    + $"{value.ToString("R", CultureInfo.InvariantCulture)}, outside [-1, 1]. Scale the features "
                    + "into [-1, 1] first, for example with max-abs normalization (--normalize max-abs).");
            }
        }
    }
}
