namespace NeuroDeploy.Compiler.Nir;

/// <summary>One HDF5 group copied into memory, children in stored order.</summary>
internal sealed class Hdf5Group
{
    public required string Path { get; init; }

    public Dictionary<string, Hdf5Group> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Hdf5Dataset> Datasets { get; } = new(StringComparer.Ordinal);

    /// <summary>Child names in the order the file lists them.</summary>
    public List<string> ChildOrder { get; } = [];
}
