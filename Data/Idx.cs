using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace NeuroDeploy.Data;

/// <summary>
/// Reads and writes IDX files (the MNIST and Fashion-MNIST format), plain or gzip-compressed. Compression is
/// detected from the gzip magic bytes 1F 8B, not from the file name. An IDX file is a big-endian int32 magic
/// (0x0803: unsigned bytes, 3 dimensions; 0x0801: unsigned bytes, 1 dimension), one big-endian int32 per
/// dimension, then the data in row-major order.
/// </summary>
public static class Idx
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (N x rows x columns).</summary>
    public const int ImagesMagic = 0x0803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (N).</summary>
    public const int LabelsMagic = 0x0801;

    /// <summary>Reads an image file (magic 0x0803).</summary>
    /// <exception cref="DataFormatException">Wrong magic, a truncated file or corrupt gzip data.</exception>
    public static IdxImages ReadImages(string path)
    {
        var bytes = ReadContent(path);
        var dimensions = ReadHeader(bytes, path, ImagesMagic, "image", "a label file (magic 0x00000801)");
        var (count, rows, columns) = (dimensions[0], dimensions[1], dimensions[2]);
        var pixels = Payload(bytes, path, 16, (long)count * rows * columns, string.Create(
            CultureInfo.InvariantCulture,
            $"{count} x {rows} x {columns} images"));
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads a label file (magic 0x0801) with one unsigned byte per label.</summary>
    /// <exception cref="DataFormatException">Wrong magic, a truncated file or corrupt gzip data.</exception>
    public static byte[] ReadLabels(string path)
    {
        var bytes = ReadContent(path);
        var count = ReadHeader(bytes, path, LabelsMagic, "label", "an image file (magic 0x00000803)")[0];
        return Payload(bytes, path, 8, count, string.Create(CultureInfo.InvariantCulture, $"{count} labels"));
    }

    /// <summary>Reads an image file and its label file and checks that both hold the same number of items.</summary>
    /// <exception cref="DataFormatException">Either file is invalid, or the counts differ.</exception>
    public static (IdxImages Images, byte[] Labels) ReadLabeledImages(string imagesPath, string labelsPath)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (images.Count != labels.Length)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{labelsPath}: holds {labels.Length} labels but {imagesPath} holds {images.Count} images. "
                + $"Pass the label file that belongs to these images."));
        }

        return (images, labels);
    }

    /// <summary>Writes an image file (magic 0x0803), gzip-compressed when <paramref name="gzip"/> is true.</summary>
    public static void WriteImages(string path, IdxImages images, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(images);
        var bytes = new byte[16 + images.Pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), images.Count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), images.Rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), images.Columns);
        images.Pixels.CopyTo(bytes, 16);
        WriteContent(path, bytes, gzip);
    }

    /// <summary>Writes a label file (magic 0x0801), gzip-compressed when <paramref name="gzip"/> is true.</summary>
    public static void WriteLabels(string path, byte[] labels, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        WriteContent(path, bytes, gzip);
    }

    private static byte[] ReadContent(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
        {
            return raw;
        }

        try
        {
            using var input = new MemoryStream(raw, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new DataFormatException(
                $"{path}: corrupt or truncated gzip data ({exception.Message}). Re-download or re-create the file.",
                exception);
        }
    }

    private static int[] ReadHeader(byte[] bytes, string path, int magic, string kind, string otherKind)
    {
        if (bytes.Length < 4)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated IDX {kind} file: {bytes.Length} bytes, too short for the 4-byte magic number."));
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (found != magic)
        {
            var hint = found == (magic == ImagesMagic ? LabelsMagic : ImagesMagic)
                ? $" This looks like {otherKind}; check the order of the paths."
                : " Check that the file is an uncompressed or gzip-compressed IDX file of unsigned bytes.";
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: wrong IDX magic number 0x{found:X8}; an IDX {kind} file starts with 0x{magic:X8}.{hint}"));
        }

        var rank = magic & 0xFF;
        var headerLength = 4 + (4 * rank);
        if (bytes.Length < headerLength)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated IDX {kind} file: {bytes.Length} bytes, but the header alone needs "
                + $"{headerLength}."));
        }

        var dimensions = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * d)));
            if (dimensions[d] < 0)
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: IDX dimension {d} is negative ({dimensions[d]}); the header is corrupt."));
            }
        }

        return dimensions;
    }

    private static byte[] Payload(byte[] bytes, string path, int headerLength, long expected, string description)
    {
        var available = bytes.Length - headerLength;
        if (available < expected)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: truncated IDX file: the header announces {description} ({expected} bytes) but only "
                + $"{available} bytes follow it. Re-download or re-create the file."));
        }

        if (available > expected)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: the header announces {description} ({expected} bytes) but {available} bytes follow it; "
                + $"the header or the data is wrong. Re-create the file."));
        }

        return bytes.AsSpan(headerLength, (int)expected).ToArray();
    }

    private static void WriteContent(string path, byte[] content, bool gzip)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        if (!gzip)
        {
            file.Write(content);
            return;
        }

        using var compressed = new GZipStream(file, CompressionLevel.SmallestSize);
        compressed.Write(content);
    }
}
