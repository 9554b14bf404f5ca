namespace NeuroDeploy.Compiler.Nir;

/// <summary>One HDF5 dataset copied into memory: exactly one of the value arrays is set.</summary>
internal sealed class Hdf5Dataset
{
    public required string Path { get; init; }

    /// <summary>Dimensions; empty for a scalar.</summary>
    public required int[] Shape { get; init; }

    /// <summary>Element type as a NumPy-like name (float32, int64, string), for messages.</summary>
    public required string TypeName { get; init; }

    public double[]? Floats { get; init; }

    public long[]? Integers { get; init; }

    public string[]? Strings { get; init; }
}
