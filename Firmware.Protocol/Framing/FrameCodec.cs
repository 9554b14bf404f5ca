using System.Buffers.Binary;
using System.Globalization;

namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>
/// Encodes and decodes frames. Before COBS a frame is: type (1 byte), sequence number
/// (uint16 little-endian), payload length (uint16 little-endian), payload, and the CRC-32C
/// of all preceding bytes (uint32 little-endian). On the wire the COBS block is followed by
/// one 0x00 delimiter.
/// </summary>
public static class FrameCodec
{
    /// <summary>Bytes of type, sequence and length.</summary>
    public const int HeaderLength = 5;

    /// <summary>Bytes of the CRC-32C trailer.</summary>
    public const int TrailerLength = 4;

    /// <summary>Largest payload the protocol allows in one frame.</summary>
    public const int MaxPayloadLength = 16384;

    /// <summary>Largest encoded block (without the delimiter) of a valid frame.</summary>
    public static readonly int MaxEncodedLength = Cobs.MaxEncodedLength(HeaderLength + MaxPayloadLength + TrailerLength);

    /// <summary>Encodes one frame, including its trailing 0x00 delimiter.</summary>
    public static byte[] Encode(byte type, ushort sequence, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Payload of {payload.Length} bytes exceeds the maximum of {MaxPayloadLength} bytes per frame; split it into smaller messages."),
                nameof(payload));
        }

        var raw = new byte[HeaderLength + payload.Length + TrailerLength];
        raw[0] = type;
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(1), sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(3), (ushort)payload.Length);
        payload.CopyTo(raw.AsSpan(HeaderLength));
        var crc = Crc32C.Compute(raw.AsSpan(0, HeaderLength + payload.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(HeaderLength + payload.Length), crc);

        var encoded = new byte[Cobs.MaxEncodedLength(raw.Length) + 1];
        var length = Cobs.Encode(raw, encoded);
        encoded[length] = 0;
        return encoded.AsSpan(0, length + 1).ToArray();
    }

    /// <summary>Decodes one COBS block, given without its 0x00 delimiter.</summary>
    public static FrameDecodeResult Decode(ReadOnlySpan<byte> block)
    {
        if (block.Length > MaxEncodedLength)
        {
            return FrameDecodeResult.Invalid(
                FrameError.TooLong,
                Invariant($"block of {block.Length} bytes exceeds the maximum frame of {MaxEncodedLength} bytes"));
        }

        var raw = new byte[block.Length];
        var length = Cobs.Decode(block, raw);
        if (length < 0)
        {
            return FrameDecodeResult.Invalid(FrameError.InvalidCobs, "invalid COBS encoding: a code byte points past the end of the block");
        }

        if (length < HeaderLength + TrailerLength)
        {
            return FrameDecodeResult.Invalid(
                FrameError.TooShort,
                Invariant($"frame of {length} bytes is shorter than the {HeaderLength + TrailerLength}-byte header and CRC"));
        }

        var payloadLength = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(3));
        if (payloadLength != length - HeaderLength - TrailerLength)
        {
            return FrameDecodeResult.Invalid(
                FrameError.LengthMismatch,
                Invariant($"length field is {payloadLength} but the frame carries {length - HeaderLength - TrailerLength} payload bytes"));
        }

        var expected = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(length - TrailerLength));
        var actual = Crc32C.Compute(raw.AsSpan(0, length - TrailerLength));
        if (expected != actual)
        {
            return FrameDecodeResult.Invalid(
                FrameError.CrcMismatch,
                Invariant($"CRC-32C is 0x{expected:X8} but the contents give 0x{actual:X8}"));
        }

        var frame = new Frame(
            raw[0],
            BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(1)),
            raw.AsMemory(HeaderLength, payloadLength));
        return new FrameDecodeResult(frame, FrameError.None, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
