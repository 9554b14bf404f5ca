namespace NeuroDeploy.Compiler.Quantization;

/// <summary>The integer primitives of docs/fixed-point.md, shared by the quantizer and the golden model.</summary>
public static class FixedPoint
{
    /// <summary>Divides by 2^k, rounding to nearest with ties away from zero.</summary>
    public static long RoundShift(long value, int k)
    {
        if (k == 0)
        {
            return value;
        }

        var half = 1L << (k - 1);
        return value >= 0 ? (value + half) >> k : -((-value + half) >> k);
    }

    /// <summary>Applies a decay multiplier with <paramref name="fractionBits"/> fraction bits.</summary>
    public static long Multiply(long value, long decay, int fractionBits) => RoundShift(value * decay, fractionBits);

    /// <summary>Clamps to the signed range of <paramref name="bits"/> bits.</summary>
    public static long Saturate(long value, int bits)
    {
        var max = (1L << (bits - 1)) - 1;
        var min = -(1L << (bits - 1));
        return Math.Clamp(value, min, max);
    }

    /// <summary>Rounds to the nearest integer, ties away from zero.</summary>
    public static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
