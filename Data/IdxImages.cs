using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>A stack of 8-bit grayscale images as an IDX file stores them: N x rows x columns, row-major.</summary>
public sealed class IdxImages
{
    /// <summary>Creates a stack; <paramref name="pixels"/> is used as is (not copied).</summary>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)count * rows * columns != pixels.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count} x {rows} x {columns} images need {(long)count * rows * columns} pixels but "
                    + $"{pixels.Length} were given."),
                nameof(pixels));
        }

        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image (<see cref="Rows"/> times <see cref="Columns"/>).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>All pixels, image after image, each image row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Returns the pixels of one image.</summary>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }
}
