namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// One sample of external input in the board's integer format: <c>Steps</c> rows of
/// <c>Channels</c> int32 values, row-major. Spike inputs are 0 or 1; graded inputs carry
/// the fraction bits the image's input map states.
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

    public int Steps { get; }

    public int Channels { get; }

    /// <summary>Row-major [step, channel] values.</summary>
    public int[] Values { get; }

    public ReadOnlySpan<int> Step(int step) => Values.AsSpan(step * Channels, Channels);
}
