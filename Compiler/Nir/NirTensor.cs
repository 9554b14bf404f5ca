namespace NeuroDeploy.Compiler.Nir;

/// <summary>A numeric NIR parameter converted to float64, row-major, with its stored shape.</summary>
public sealed class NirTensor
{
    public NirTensor(int[] shape, double[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
        {
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape)}] holds {count} elements but {values.Length} values were given",
                nameof(values));
        }

        Shape = shape;
        Values = values;
    }

    /// <summary>Stored dimensions; empty for a scalar.</summary>
    public int[] Shape { get; }

    public double[] Values { get; }

    public int Length => Values.Length;

    public double this[int index] => Values[index];

    /// <summary>Creates a 1-D tensor.</summary>
    public static NirTensor Vector(params double[] values) => new([values.Length], values);
}
