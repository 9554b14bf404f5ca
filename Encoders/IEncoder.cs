namespace NeuroDeploy.Encoders;

/// <summary>
/// Turns the static features of one sample into <see cref="Steps"/> input vectors.
/// Output layout: row-major [Steps, OutputChannels(features)], where the channels of feature f are
/// <c>f * ChannelsPerFeature .. f * ChannelsPerFeature + ChannelsPerFeature - 1</c>.
/// </summary>
public interface IEncoder
{
    /// <summary>Canonical specification this encoder was built from.</summary>
    EncoderSpec Spec { get; }

    /// <summary>Number of time steps T of the output.</summary>
    int Steps { get; }

    /// <summary>Output channels per input feature: 3 for dynamical encoders, 2 for delta, 1 for the others.</summary>
    int ChannelsPerFeature { get; }

    /// <summary>Returns the number of output channels for <paramref name="features"/> input features.</summary>
    int OutputChannels(int features);

    /// <summary>
    /// Encodes one sample. <paramref name="sampleIndex"/> only matters to seeded encoders (rate), which key
    /// their random numbers by it so that a batch gives the same output in any order.
    /// </summary>
    /// <returns>Row-major [Steps, OutputChannels(features.Length)] values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A feature is not finite or lies outside [-1, 1].</exception>
    /// <exception cref="EncoderDivergedException">A dynamical encoder's trajectory diverged.</exception>
    double[] Encode(ReadOnlySpan<double> features, long sampleIndex = 0);
}
