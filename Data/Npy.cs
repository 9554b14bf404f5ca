using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NeuroDeploy.Data;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0 on read; 1.0, or 2.0 for headers
/// over 64 KiB, on write). Supported dtypes: float16/32/64, signed and unsigned integers of 1 to 8 bytes and
/// bool, in either byte order; Fortran-order arrays are returned in C order.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a <c>.npy</c> file into doubles in C order, keeping the file's dtype string.</summary>
    /// <exception cref="DataFormatException">
    /// The file is truncated, lacks the NumPy magic bytes, or has an unsupported dtype.
    /// </exception>
    public static NdArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = ReadHeader(stream, path);
        var dtype = NpyDType.TryParse(header.Descr) ?? throw UnsupportedDType(path, header.Descr);

        var count = NdArray.ElementCount(header.Shape);
        var byteCount = count * dtype.Size;
        if (byteCount > Array.MaxLength)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: array of shape ({string.Join(", ", header.Shape)}) needs {byteCount} bytes, more than "
                + $"one .NET array holds ({Array.MaxLength}). Split the array into several files."));
        }

        var bytes = new byte[byteCount];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated .npy file: shape ({string.Join(", ", header.Shape)}) of dtype "
                + $"'{header.Descr}' needs {bytes.Length} data bytes but only {read} follow the header. "
                + $"Re-create or re-download the file."));
        }

        var values = Decode(bytes, dtype, path);
        if (header.FortranOrder && header.Shape.Length > 1)
        {
            values = FortranToC(values, header.Shape);
        }

        return new NdArray(header.Shape, values, dtype.Descr);
    }

    /// <summary>
    /// Reads a <c>.npy</c> file as float32 in C order. Float64 values are rounded to nearest; integer and bool
    /// values convert exactly up to 2^24.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The file is truncated, lacks the NumPy magic bytes, or has an unsupported dtype.
    /// </exception>
    public static Float32Array ReadFloat32(string path)
    {
        var array = Read(path);
        return new Float32Array(array.Shape, array.ToFloat32());
    }

    /// <summary>Writes a float32 array (<c>&lt;f4</c>, C order) atomically: a temporary file, then a rename.</summary>
    public static void WriteFloat32(string path, int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        CheckLength(shape, data.Length);

        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        WriteAtomically(path, new NpyHeader("<f4", FortranOrder: false, shape), bytes);
    }

    /// <summary>
    /// Writes an array atomically in its <see cref="NdArray.DType"/> (little-endian, C order).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The dtype is not supported, or a value does not fit it exactly (for example 2.5 or 300 as <c>|u1</c>).
    /// </exception>
    public static void Write(string path, NdArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var dtype = NpyDType.TryParse(array.DType)
            ?? throw new ArgumentException(
                $"Cannot write dtype '{array.DType}'; supported: {string.Join(", ", NpyDType.Supported)}.",
                nameof(array));
        var descr = dtype.Size == 1 ? dtype.Descr : "<" + dtype.Descr[1..];
        var littleEndian = dtype with { Descr = descr, BigEndian = false };

        var bytes = new byte[(long)array.Length * littleEndian.Size];
        for (var i = 0; i < array.Length; i++)
        {
            if (!littleEndian.TryEncode(array.Data[i], bytes.AsSpan(i * littleEndian.Size)))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Value {array.Data[i]} at flat index {i} does not fit dtype '{descr}' exactly; "
                        + $"round or clip it first, or write it as '<f8'."),
                    nameof(array));
            }
        }

        WriteAtomically(path, new NpyHeader(descr, FortranOrder: false, array.Shape), bytes);
    }

    private static NpyHeader ReadHeader(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        var read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (read < 6 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(
                $"{path}: not a NumPy .npy file: it does not start with the magic bytes \\x93NUMPY. "
                + $"Save the array with numpy.save (not numpy.savez, pickle or tofile).");
        }

        if (read < 8)
        {
            throw Truncated(path, "the format version");
        }

        var major = prefix[6];
        var lengthSize = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: unsupported .npy format version {major}.{prefix[7]}; versions 1.0, 2.0 and 3.0 are "
                + $"supported. Re-save the array with numpy.save.")),
        };

        Span<byte> lengthBytes = stackalloc byte[4];
        if (stream.ReadAtLeast(lengthBytes[..lengthSize], lengthSize, throwOnEndOfStream: false) < lengthSize)
        {
            throw Truncated(path, "the header length");
        }

        var headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > 1 << 24)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: .npy header length {headerLength} bytes is implausible (over 16 MiB); the file is "
                + $"corrupt. Re-create it with numpy.save."));
        }

        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
        {
            throw Truncated(path, "the header");
        }

        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        return NpyHeader.Parse(text, path);
    }

    private static double[] Decode(byte[] bytes, NpyDType dtype, string path)
    {
        var values = new double[bytes.Length / dtype.Size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = dtype.Decode(bytes.AsSpan(i * dtype.Size, dtype.Size));
            if (dtype.Kind is 'i' or 'u' && double.IsNaN(values[i]))
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: element {i} of dtype '{dtype.Descr}' cannot be held exactly as a double "
                    + $"(integers above 2^53 lose digits). Store such values as float64 or split them."));
            }
        }

        return values;
    }

    /// <summary>Reorders column-major (first index fastest) values into row-major order.</summary>
    private static double[] FortranToC(double[] fortran, int[] shape)
    {
        var rank = shape.Length;
        var cStrides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            cStrides[d] = stride;
            stride *= shape[d];
        }

        var result = new double[fortran.Length];
        var index = new int[rank];
        var cOffset = 0;
        for (var f = 0; f < fortran.Length; f++)
        {
            result[cOffset] = fortran[f];

            // Advance the multi-index with the first dimension varying fastest.
            for (var d = 0; d < rank; d++)
            {
                index[d]++;
                cOffset += cStrides[d];
                if (index[d] < shape[d])
                {
                    break;
                }

                cOffset -= index[d] * cStrides[d];
                index[d] = 0;
            }
        }

        return result;
    }

    private static void WriteAtomically(string path, NpyHeader header, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var headerBytes = FormatHeader(header);

        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(headerBytes);
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Returns magic, version, header length and the header padded with spaces and '\n' to 64 bytes.</summary>
    private static byte[] FormatHeader(NpyHeader header)
    {
        var text = header.Format();
        var version = text.Length + 11 <= ushort.MaxValue ? 1 : 2;
        var prefixLength = version == 1 ? 10 : 12;
        var padded = prefixLength + text.Length + 1;
        var padding = (64 - (padded % 64)) % 64;
        var full = text + new string(' ', padding) + "\n";

        var bytes = new byte[prefixLength + full.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)version;
        bytes[7] = 0;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)full.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)full.Length);
        }

        Encoding.Latin1.GetBytes(full, bytes.AsSpan(prefixLength));
        return bytes;
    }

    private static void CheckLength(int[] shape, int length)
    {
        var expected = NdArray.ElementCount(shape);
        if (expected != length)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Shape ({string.Join(", ", shape)}) holds {expected} elements but data has {length}."),
                nameof(shape));
        }
    }

    private static DataFormatException Truncated(string path, string part) =>
        new($"{path}: truncated .npy file: it ends before {part}. Re-create or re-download the file.");

    private static DataFormatException UnsupportedDType(string path, string descr) =>
        new($"{path}: unsupported .npy dtype '{descr}'; supported: {string.Join(", ", NpyDType.Supported)}. "
            + $"Convert the array first, for example with array.astype(numpy.float32).");
}
