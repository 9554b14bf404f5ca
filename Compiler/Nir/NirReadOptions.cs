namespace NeuroDeploy.Compiler.Nir;

/// <summary>Options of <see cref="NirReader.Read(string, NirReadOptions)"/>.</summary>
public sealed record NirReadOptions
{
    /// <summary>Rejects every defect (the default).</summary>
    public static NirReadOptions Strict { get; } = new();

    /// <summary>Repairs what has exactly one possible repair and lists it in <see cref="NirGraph.Repairs"/>.</summary>
    public static NirReadOptions LenientRepairs { get; } = new() { Lenient = true };

    /// <summary>
    /// When true, an edge inside a nested graph that names a missing node is reconnected to the
    /// graph's only neuron node, if it has exactly one; other defects are still rejected.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>Largest number of elements accepted in one dataset; guards against corrupt dimensions.</summary>
    public long MaxDatasetElements { get; init; } = 64L * 1024 * 1024;
}
