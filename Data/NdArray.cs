using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>
/// N-dimensional numeric array: a shape and its values as doubles in C (row-major) order, plus the NumPy
/// dtype string the values were read from or are to be written as.
/// </summary>
public sealed class NdArray
{
    /// <summary>Creates an array; <paramref name="data"/> is used as is (not copied).</summary>
    /// <param name="shape">Dimensions; empty for a 0-d (scalar) array.</param>
    /// <param name="data">Values in C order; its length must be the product of <paramref name="shape"/>.</param>
    /// <param name="dtype">NumPy dtype string such as <c>&lt;f8</c>, <c>&lt;f4</c> or <c>|u1</c>.</param>
    public NdArray(int[] shape, double[] data, string dtype = "<f8")
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(dtype);

        var length = ElementCount(shape);
        if (length != data.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Shape ({string.Join(", ", shape)}) holds {length} elements but data has {data.Length}."),
                nameof(data));
        }

        Shape = shape;
        Data = data;
        DType = dtype;
    }

    /// <summary>Dimensions; empty for a 0-d array.</summary>
    public int[] Shape { get; }

    /// <summary>Values in C (row-major) order.</summary>
    public double[] Data { get; }

    /// <summary>NumPy dtype string, for example <c>&lt;f4</c>.</summary>
    public string DType { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of elements (1 for a 0-d array).</summary>
    public int Length => Data.Length;

    /// <summary>Value at a multi-dimensional index.</summary>
    public double this[params int[] index] => Data[FlatIndex(index)];

    /// <summary>Returns the number of elements of an array with the given shape (1 for an empty shape).</summary>
    public static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Negative dimension {dimension} in shape."),
                    nameof(shape));
            }

            count = checked(count * dimension);
        }

        return count;
    }

    /// <summary>Converts the values to float32 (rounding to nearest).</summary>
    public float[] ToFloat32()
    {
        var result = new float[Data.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)Data[i];
        }

        return result;
    }

    /// <summary>Returns the C-order position of a multi-dimensional index.</summary>
    public int FlatIndex(params int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Shape.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Index has {index.Length} dimensions but the array has {Shape.Length}."),
                nameof(index));
        }

        var flat = 0;
        for (var d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)Shape[d])
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index),
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Index {index[d]} is outside dimension {d} of size {Shape[d]}."));
            }

            flat = (flat * Shape[d]) + index[d];
        }

        return flat;
    }
}
