using System.Buffers.Binary;

namespace NeuroDeploy.Data;

/// <summary>A NumPy element type that <see cref="Npy"/> reads and writes.</summary>
internal sealed record NpyDType(string Descr, char Kind, int Size, bool BigEndian)
{
    /// <summary>The dtype strings accepted on read, as NumPy writes them (<c>|</c> for one-byte types).</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "<f2", "<f4", "<f8", "<i2", "<i4", "<i8", "<u2", "<u4", "<u8", "|u1", "|i1", "|b1",
        ">f2", ">f4", ">f8", ">i2", ">i4", ">i8", ">u2", ">u4", ">u8",
    ];

    /// <summary>Parses a <c>descr</c> value, or returns null when the type is not supported.</summary>
    public static NpyDType? TryParse(string descr)
    {
        if (descr.Length < 3)
        {
            return null;
        }

        var order = descr[0];
        var kind = descr[1];
        if (!int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var validSize = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            _ => false,
        };
        if (!validSize)
        {
            return null;
        }

        // One-byte types have no byte order; NumPy writes '|' but '<', '>' and '=' mean the same for them.
        var validOrder = size == 1 ? order is '|' or '<' or '>' or '=' : order is '<' or '>' or '=';
        if (!validOrder)
        {
            return null;
        }

        var bigEndian = size > 1 && order == '>';
        var canonical = size == 1 ? "|" + descr[1..] : (bigEndian ? ">" : "<") + descr[1..];
        return new NpyDType(canonical, kind, size, bigEndian);
    }

    /// <summary>Decodes one element; 64-bit integers that a double cannot hold exactly decode to NaN.</summary>
    public double Decode(ReadOnlySpan<byte> bytes)
    {
        return (Kind, Size) switch
        {
            ('f', 2) => (double)(BigEndian
                ? BinaryPrimitives.ReadHalfBigEndian(bytes)
                : BinaryPrimitives.ReadHalfLittleEndian(bytes)),
            ('f', 4) => BigEndian
                ? BinaryPrimitives.ReadSingleBigEndian(bytes)
                : BinaryPrimitives.ReadSingleLittleEndian(bytes),
            ('f', 8) => BigEndian
                ? BinaryPrimitives.ReadDoubleBigEndian(bytes)
                : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            ('i', 1) => (sbyte)bytes[0],
            ('u', 1) => bytes[0],
            ('b', 1) => bytes[0] != 0 ? 1.0 : 0.0,
            ('i', 2) => BigEndian
                ? BinaryPrimitives.ReadInt16BigEndian(bytes)
                : BinaryPrimitives.ReadInt16LittleEndian(bytes),
            ('u', 2) => BigEndian
                ? BinaryPrimitives.ReadUInt16BigEndian(bytes)
                : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            ('i', 4) => BigEndian
                ? BinaryPrimitives.ReadInt32BigEndian(bytes)
                : BinaryPrimitives.ReadInt32LittleEndian(bytes),
            ('u', 4) => BigEndian
                ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
                : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            ('i', 8) => ExactInt64(BigEndian
                ? BinaryPrimitives.ReadInt64BigEndian(bytes)
                : BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            ('u', 8) => ExactUInt64(BigEndian
                ? BinaryPrimitives.ReadUInt64BigEndian(bytes)
                : BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
            _ => throw new InvalidOperationException("Unhandled dtype " + Descr),
        };
    }

    /// <summary>Encodes one element; returns false when the value does not fit the type exactly.</summary>
    public bool TryEncode(double value, Span<byte> bytes)
    {
        if (Kind == 'f')
        {
            switch (Size)
            {
                case 2:
                    BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
                    break;
                case 4:
                    BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
                    break;
                default:
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                    break;
            }

            return true;
        }

        if (Kind == 'b')
        {
            if (value is not (0.0 or 1.0))
            {
                return false;
            }

            bytes[0] = (byte)value;
            return true;
        }

        if (value != Math.Floor(value) || double.IsInfinity(value))
        {
            return false;
        }

        var (min, max) = (Kind, Size) switch
        {
            ('i', 1) => (sbyte.MinValue, sbyte.MaxValue),
            ('u', 1) => (0.0, byte.MaxValue),
            ('i', 2) => (short.MinValue, short.MaxValue),
            ('u', 2) => (0.0, ushort.MaxValue),
            ('i', 4) => (int.MinValue, int.MaxValue),
            ('u', 4) => (0.0, uint.MaxValue),
            ('i', 8) => (-9223372036854775808.0, 9223372036854774784.0),
            _ => (0.0, 18446744073709549568.0),
        };
        if (value < min || value > max)
        {
            return false;
        }

        switch (Kind, Size)
        {
            case ('i', 1):
                bytes[0] = unchecked((byte)(sbyte)value);
                break;
            case ('u', 1):
                bytes[0] = (byte)value;
                break;
            case ('i', 2):
                BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)value);
                break;
            case ('u', 2):
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
                break;
            case ('i', 4):
                BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
                break;
            case ('u', 4):
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value);
                break;
            case ('i', 8):
                BinaryPrimitives.WriteInt64LittleEndian(bytes, (long)value);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
                break;
        }

        return true;
    }

    /// <summary>Returns the value as a double, or NaN when the double would not equal it exactly.</summary>
    private static double ExactInt64(long value)
    {
        var converted = (double)value;
        return converted < 9223372036854775808.0 && (long)converted == value ? converted : double.NaN;
    }

    private static double ExactUInt64(ulong value)
    {
        var converted = (double)value;
        return converted < 18446744073709551616.0 && (ulong)converted == value ? converted : double.NaN;
    }
}
