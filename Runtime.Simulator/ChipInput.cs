namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// One sample of external input in the board's integer format: <c>Steps</c> rows of
/// <c>Channels</c> int32 values, row-major. Spike inputs are 0 or 1; graded inputs carry
/// the fraction bits the image's input map states. A features input (<see cref="FromFeatures(int[])"/>)
/// contains one feature vector for the image's encoder program instead.
/// </summary>
public sealed class ChipInput
{
    public ChipInput(int steps, int channels, int[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(channels);
        if (values.Length != steps * channels)
        {
            throw new ArgumentException(
                $"Input has {values.Length} values, expected steps x channels = {steps} x {channels}.",
                nameof(values));
        }

        Steps = steps;
        Channels = channels;
        Values = values;
    }

    /// <summary>
    /// Creates a features input: one feature vector (int32 with
    /// <see cref="Encoding.EncoderInterpreter.FeatureFractionBits"/> fraction bits, 2^30 is 1) that the chip
    /// encodes with the image's encoder program before the network steps. It has one step and one channel per feature.
    /// </summary>
    public static ChipInput FromFeatures(int[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new ChipInput(1, features.Length, features) { IsFeatures = true };
    }

    /// <summary>
    /// Creates a features input from feature values in [-1, 1], each rounded to 2^30 per unit (half away from zero).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite or lies outside [-1, 1].</exception>
    public static ChipInput FromFeatures(ReadOnlySpan<double> features)
    {
        var integers = new int[features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            integers[f] = Encoding.EncoderInterpreter.ToFeature(features[f], f);
        }

        return FromFeatures(integers);
    }

    /// <summary>True when <see cref="Values"/> contains one feature vector for the encoder program rather than input rows.</summary>
    public bool IsFeatures { get; private init; }

    public int Steps { get; }

    public int Channels { get; }

    /// <summary>Row-major [step, channel] values.</summary>
    public int[] Values { get; }

    public ReadOnlySpan<int> Step(int step) => Values.AsSpan(step * Channels, Channels);
}
