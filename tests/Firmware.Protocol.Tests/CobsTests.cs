using NeuroDeploy.Firmware.Protocol.Framing;

namespace NeuroDeploy.Firmware.Protocol.Tests;

public class CobsTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        { "00", "0101" },
        { "0000", "010101" },
        { "001100", "01021101" },
        { "11220033", "0311220233" },
        { "11223344", "0511223344" },
        { "11000000", "0211010101" },
        { "", "01" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EncodeMatchesVector(string input, string expected)
    {
        var source = Convert.FromHexString(input);
        var buffer = new byte[Cobs.MaxEncodedLength(source.Length)];
        var length = Cobs.Encode(source, buffer);
        Assert.Equal(expected, Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void DecodeMatchesVector(string expected, string encoded)
    {
        var source = Convert.FromHexString(encoded);
        var buffer = new byte[source.Length];
        var length = Cobs.Decode(source, buffer);
        Assert.Equal(expected, Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void FullBlockAtEndHasNoTrailingCode()
    {
        var source = Enumerable.Range(1, 254).Select(i => (byte)i).ToArray();
        var buffer = new byte[Cobs.MaxEncodedLength(source.Length)];
        var length = Cobs.Encode(source, buffer);
        Assert.Equal(255, length);
        Assert.Equal(0xFF, buffer[0]);
        Assert.Equal(source, buffer[1..255]);
    }

    [Fact]
    public void LongRunSplitsBlocks()
    {
        // 01..FF: a full 254-byte block, then a block with the last byte.
        var source = Enumerable.Range(1, 255).Select(i => (byte)i).ToArray();
        var buffer = new byte[Cobs.MaxEncodedLength(source.Length)];
        var length = Cobs.Encode(source, buffer);
        Assert.Equal(257, length);
        Assert.Equal(0xFF, buffer[0]);
        Assert.Equal(0x02, buffer[255]);
        Assert.Equal(0xFF, buffer[256]);
    }

    [Fact]
    public void RandomBlocksRoundTrip()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var source = new byte[random.Next(0, 1200)];
            random.NextBytes(source);
            for (var k = 0; k < source.Length; k++)
            {
                if (random.Next(4) == 0)
                {
                    source[k] = 0;
                }
            }

            var encoded = new byte[Cobs.MaxEncodedLength(source.Length)];
            var length = Cobs.Encode(source, encoded);
            Assert.DoesNotContain((byte)0, encoded[..length]);
            var decoded = new byte[length];
            var decodedLength = Cobs.Decode(encoded.AsSpan(0, length), decoded);
            Assert.Equal(source, decoded[..decodedLength]);
        }
    }

    [Fact]
    public void DecodeRejectsCodePastEnd()
    {
        Assert.Equal(-1, Cobs.Decode(Convert.FromHexString("0511"), new byte[8]));
    }

    [Fact]
    public void DecodeRejectsZeroByte()
    {
        Assert.Equal(-1, Cobs.Decode(Convert.FromHexString("0300"), new byte[8]));
    }
}
