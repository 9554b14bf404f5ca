namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>
/// Integer operations the encoder interpreter performs for one sample: multiplies (each integer product, with the
/// rounding shift of a fixed-point multiply), divisions (each rounded division) and additions (each add, subtract,
/// negate, doubling and rounding shift by a constant). They do not depend on the feature values.
/// </summary>
public readonly record struct EncoderOperationCounts(long Multiplies, long Additions, long Divisions)
{
    /// <summary>All operations.</summary>
    public long Total => Multiplies + Additions + Divisions;

    /// <summary>Returns the counts multiplied by <paramref name="factor"/>.</summary>
    public EncoderOperationCounts Times(long factor) => new(Multiplies * factor, Additions * factor, Divisions * factor);

    /// <summary>Returns the sum of two counts.</summary>
    public EncoderOperationCounts Plus(EncoderOperationCounts other) =>
        new(Multiplies + other.Multiplies, Additions + other.Additions, Divisions + other.Divisions);
}
