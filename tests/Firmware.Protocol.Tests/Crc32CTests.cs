using NeuroDeploy.Firmware.Protocol.Framing;

namespace NeuroDeploy.Firmware.Protocol.Tests;

public class Crc32CTests
{
    // RFC 3720, appendix B.4: CRC values of 32-byte patterns and of an iSCSI read PDU.
    [Fact]
    public void ThirtyTwoZeros()
    {
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Fact]
    public void ThirtyTwoOnes()
    {
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Incrementing()
    {
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    }

    [Fact]
    public void Decrementing()
    {
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void IscsiReadCommand()
    {
        var pdu = Convert.FromHexString(
            "01C00000000000000000000000000000" + "14000000000004000000001400000018" + "28000000000000000200000000000000");
        Assert.Equal(0xD9963A56u, Crc32C.Compute(pdu));
    }

    [Fact]
    public void CheckString()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }
}
