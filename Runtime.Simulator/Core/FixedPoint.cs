namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Integer primitives of docs/fixed-point.md: rounding shift, decay multiply and saturation.
/// </summary>
internal static class FixedPoint
{
    /// <summary>
    /// Divides <paramref name="value"/> by 2^<paramref name="shift"/> and rounds to nearest, ties away
    /// from zero. Works on the magnitude as an unsigned number, so <see cref="long.MinValue"/> does not overflow.
    /// </summary>
    public static long RoundingShift(long value, int shift)
    {
        if (shift == 0)
        {
            return value;
        }

        var half = 1UL << (shift - 1);
        if (value >= 0)
        {
            return (long)(((ulong)value + half) >> shift);
        }

        var magnitude = (ulong)(-(value + 1)) + 1;
        return -(long)((magnitude + half) >> shift);
    }

    /// <summary>
    /// Applies a decay multiplier with <paramref name="fractionBits"/> fraction bits. The chip
    /// validates that |state| * 2^F fits in int64, so the product cannot overflow.
    /// </summary>
    public static long Decay(long state, long decay, int fractionBits) =>
        RoundingShift(state * decay, fractionBits);

    public static long Saturate(long value, long min, long max) =>
        value < min ? min : (value > max ? max : value);
}
