using PureHDF;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Copies a whole HDF5 file into an <see cref="Hdf5Group"/> tree with PureHDF, so that the NIR
/// parser never touches the file again and every PureHDF failure surfaces here, wrapped.
/// </summary>
internal static class Hdf5TreeReader
{
    private const int MaxDepth = 32;

    public static Hdf5Group ReadFile(string path, NirReadOptions options)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new NirFormatException($"{path}: cannot read the file: {ex.Message}", ex);
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var file = H5File.Open(stream, leaveOpen: false);
            var root = new Hdf5Group { Path = "/" };
            CopyGroup(file, root, options, depth: 0);
            return root;
        }
        catch (NirFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            // PureHDF reports corrupt files through many exception types (format, index, overflow,
            // end of stream). For the caller they all mean that the file is not a readable NIR file.
            throw new NirFormatException(
                $"{path}: not a readable HDF5 file ({ex.GetType().Name}: {ex.Message}); "
                + "check that the file is a complete NIR export (h5py can list it with h5dump or h5ls)",
                ex);
        }
    }

    private static void CopyGroup(IH5Group source, Hdf5Group target, NirReadOptions options, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new NirFormatException($"group '{target.Path}' is nested deeper than {MaxDepth} levels");
        }

        foreach (var child in source.Children())
        {
            var childPath = string.Equals(target.Path, "/", StringComparison.Ordinal) ? "/" + child.Name : target.Path + "/" + child.Name;
            switch (child)
            {
                case IH5Group group:
                    var copy = new Hdf5Group { Path = childPath };
                    CopyGroup(group, copy, options, depth + 1);
                    target.Groups[child.Name] = copy;
                    target.ChildOrder.Add(child.Name);
                    break;
                case IH5Dataset dataset:
                    target.Datasets[child.Name] = CopyDataset(dataset, childPath, options);
                    target.ChildOrder.Add(child.Name);
                    break;
                default:
                    // Committed data types and unresolved links carry nothing a NIR node needs.
                    break;
            }
        }
    }

    private static Hdf5Dataset CopyDataset(IH5Dataset dataset, string path, NirReadOptions options)
    {
        var dims = dataset.Space.Dimensions;
        var shape = new int[dims.Length];
        long count = 1;
        for (var k = 0; k < dims.Length; k++)
        {
            if (dims[k] > int.MaxValue)
            {
                throw new NirFormatException($"dataset '{path}': dimension {k} is {dims[k]}, too large");
            }

            shape[k] = (int)dims[k];
            count *= shape[k];
            if (count > options.MaxDatasetElements)
            {
                throw new NirFormatException(
                    $"dataset '{path}' has more than {options.MaxDatasetElements} elements; "
                    + "raise NirReadOptions.MaxDatasetElements if the file is genuine");
            }
        }

        var type = dataset.Type;
        switch (type.Class)
        {
            case H5DataTypeClass.FloatingPoint when type.Size == 4:
                return new Hdf5Dataset
                {
                    Path = path, Shape = shape, TypeName = "float32",
                    Floats = Array.ConvertAll(dataset.Read<float[]>(), x => (double)x),
                };
            case H5DataTypeClass.FloatingPoint when type.Size == 8:
                return new Hdf5Dataset
                {
                    Path = path, Shape = shape, TypeName = "float64", Floats = dataset.Read<double[]>(),
                };
            case H5DataTypeClass.FixedPoint:
                return new Hdf5Dataset
                {
                    Path = path, Shape = shape, TypeName = (type.FixedPoint.IsSigned ? "int" : "uint") + (8 * type.Size),
                    Integers = ReadIntegers(dataset, type.Size, type.FixedPoint.IsSigned, path),
                };
            case H5DataTypeClass.String:
            case H5DataTypeClass.VariableLength:
                return new Hdf5Dataset
                {
                    Path = path, Shape = shape, TypeName = "string", Strings = dataset.Read<string[]>(),
                };
            default:
                // Kept so that the parser can name the dataset and its type if a node needs it.
                return new Hdf5Dataset
                {
                    Path = path, Shape = shape, TypeName = $"{type.Class} ({type.Size} bytes)",
                };
        }
    }

    private static long[] ReadIntegers(IH5Dataset dataset, int size, bool signed, string path)
    {
        return (size, signed) switch
        {
            (1, true) => Array.ConvertAll(dataset.Read<sbyte[]>(), x => (long)x),
            (1, false) => Array.ConvertAll(dataset.Read<byte[]>(), x => (long)x),
            (2, true) => Array.ConvertAll(dataset.Read<short[]>(), x => (long)x),
            (2, false) => Array.ConvertAll(dataset.Read<ushort[]>(), x => (long)x),
            (4, true) => Array.ConvertAll(dataset.Read<int[]>(), x => (long)x),
            (4, false) => Array.ConvertAll(dataset.Read<uint[]>(), x => (long)x),
            (8, true) => dataset.Read<long[]>(),
            (8, false) => Array.ConvertAll(dataset.Read<ulong[]>(), x => checked((long)x)),
            _ => throw new NirFormatException($"dataset '{path}': integer size {size} bytes is not supported"),
        };
    }
}
