namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>
/// Consistent Overhead Byte Stuffing (S. Cheshire and M. Baker, IEEE/ACM Transactions on
/// Networking 7(2), 1999): removes every 0x00 from a block so that 0x00 can delimit frames.
/// The encoded block is at most <c>n + n / 254 + 1</c> bytes long.
/// </summary>
public static class Cobs
{
    /// <summary>Returns the largest encoded length of a block of <paramref name="length"/> bytes.</summary>
    public static int MaxEncodedLength(int length) => length + (length / 254) + 1;

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var codeIndex = 0;
        var write = 1;
        byte code = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b == 0)
            {
                destination[codeIndex] = code;
                codeIndex = write++;
                code = 1;
                continue;
            }

            destination[write++] = b;
            code++;
            if (code == 0xFF)
            {
                destination[codeIndex] = code;
                if (i == source.Length - 1)
                {
                    // A full block that ends the input needs no final code byte.
                    return write;
                }

                codeIndex = write++;
                code = 1;
            }
        }

        destination[codeIndex] = code;
        return write;
    }

    /// <summary>
    /// Decodes one block (without its 0x00 delimiter). Returns the decoded length, or -1 when
    /// the block contains a 0x00 or a code byte points past its end.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var read = 0;
        var write = 0;
        while (read < source.Length)
        {
            var code = source[read];
            if (code == 0 || read + code > source.Length)
            {
                return -1;
            }

            read++;
            for (var i = 1; i < code; i++)
            {
                var b = source[read++];
                if (b == 0)
                {
                    return -1;
                }

                destination[write++] = b;
            }

            if (code != 0xFF && read < source.Length)
            {
                destination[write++] = 0;
            }
        }

        return write;
    }
}
