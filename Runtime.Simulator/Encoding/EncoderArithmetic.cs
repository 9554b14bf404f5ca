namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>
/// Integer primitives of the on-board encoder (docs/encoders.md, "Fixed-point encoder programs"). Values carry
/// a fixed number of fraction bits; intermediate results are 128-bit, and every rounding is to nearest with
/// ties away from zero.
/// </summary>
public static class EncoderArithmetic
{
    /// <summary>Divides by 2^k (k &gt;= 0), rounding to nearest with ties away from zero; multiplies by 2^-k for k &lt; 0.</summary>
    public static Int128 RoundShift(Int128 value, int k)
    {
        if (k <= 0)
        {
            return value << -k;
        }

        var half = Int128.One << (k - 1);
        return value >= 0 ? (value + half) >> k : -((-value + half) >> k);
    }

    /// <summary>Divides by a positive divisor, rounding to nearest with ties away from zero.</summary>
    public static Int128 RoundDivide(Int128 value, Int128 divisor)
    {
        var magnitude = Int128.Abs(value);
        var quotient = ((2 * magnitude) + divisor) / (2 * divisor);
        return value >= 0 ? quotient : -quotient;
    }

    /// <summary>Multiplies two values with <paramref name="fractionBits"/> fraction bits and rounds back to that format.</summary>
    /// <exception cref="OverflowException">The product does not fit Int128.</exception>
    public static Int128 Multiply(Int128 a, Int128 b, int fractionBits) => RoundShift(checked(a * b), fractionBits);
}
