using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>N-dimensional float32 array: a shape and its values in C (row-major) order.</summary>
public sealed class Float32Array
{
    /// <summary>Creates an array; <paramref name="data"/> is used as is (not copied).</summary>
    public Float32Array(int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);

        var length = NdArray.ElementCount(shape);
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
    }

    /// <summary>Dimensions; empty for a 0-d array.</summary>
    public int[] Shape { get; }

    /// <summary>Values in C (row-major) order.</summary>
    public float[] Data { get; }
}
