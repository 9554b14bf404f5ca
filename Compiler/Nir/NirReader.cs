using System.Globalization;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>Reads NIR files (HDF5, format versions 0.1 to 1.0) into a flattened, shape-checked <see cref="NirGraph"/>.</summary>
public static class NirReader
{
    /// <summary>Reads a file strictly.</summary>
    public static NirGraph Read(string path) => Read(path, NirReadOptions.Strict);

    /// <summary>
    /// Reads a file. Throws <see cref="NirFormatException"/> naming the file, node path and field
    /// for every defect that <paramref name="options"/> does not allow to repair.
    /// </summary>
    public static NirGraph Read(string path, NirReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var root = Hdf5TreeReader.ReadFile(path, options);
        var version = root.Datasets.TryGetValue("version", out var versionData) && versionData.Strings is { Length: 1 }
            ? versionData.Strings[0]
            : throw new NirFormatException(
                $"{path}: dataset 'version' is missing or not a string; this is not a NIR file "
                + "(NIR files hold a 'version' string and a 'node' group)");
        if (!root.Groups.TryGetValue("node", out var top))
        {
            throw new NirFormatException($"{path}: group 'node' is missing; this is not a NIR file");
        }

        var builder = new NirGraphBuilder(path, options);
        var rootGraph = builder.AddGraph(top, prefix: "", graphName: "(top level)", nested: false);
        NirShapeInference.Run(path, builder.Nodes, builder.Edges);
        var inputs = builder.Nodes.OfType<NirInputNode>().Count();
        var outputs = builder.Nodes.OfType<NirOutputNode>().Count();
        if (inputs == 0 || outputs == 0)
        {
            throw new NirFormatException(
                $"{path}: the top-level graph has {inputs} Input and {outputs} Output nodes; at least one of each is required");
        }

        return new NirGraph(path, version, builder.Nodes, builder.Edges, builder.Repairs)
        {
            Dt = ReadDt(path, top, rootGraph),
        };
    }

    private static double? ReadDt(string path, Hdf5Group top, string graphName)
    {
        if (!top.Groups.TryGetValue("metadata", out var metadata) || !metadata.Datasets.TryGetValue("dt", out var dt))
        {
            return null;
        }

        var value = dt.Floats is { Length: 1 } ? dt.Floats[0] : double.NaN;
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new NirFormatException(
                $"{path}: graph {graphName}, field 'metadata/dt': is not one positive number "
                + $"({value.ToString(CultureInfo.InvariantCulture)}); remove it or store the time step in seconds");
        }

        return value;
    }
}
