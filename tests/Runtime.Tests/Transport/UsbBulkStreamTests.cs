using NeuroDeploy.Runtime.Host.Usb;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>UsbBulkStream over the in-memory pipe, which keeps bulk packet semantics.</summary>
public sealed class UsbBulkStreamTests
{
    private const int Packet = 64;

    [Theory]
    [InlineData(Packet, 2, 1)]
    [InlineData(3 * Packet, 4, 1)]
    [InlineData(Packet - 1, 1, 0)]
    [InlineData((2 * Packet) + 1, 3, 0)]
    [InlineData(1, 1, 0)]
    public void WriteEndsFullTransferWithZeroLengthPacket(int length, int packets, int zeroLength)
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        var data = Pattern(length);
        stream.Write(data);

        Assert.Equal(packets, pipe.OutPackets);
        Assert.Equal(zeroLength, pipe.OutZeroLengthPackets);
        Assert.Equal(zeroLength, stream.ZeroLengthPacketsSent);
        var received = new byte[length];
        pipe.Device.ReadExactly(received);
        Assert.Equal(data, received);
    }

    [Fact]
    public void WriteOfNothingSendsNoPacket()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        stream.Write([]);
        Assert.Equal(0, pipe.OutPackets);
    }

    [Fact]
    public void ShortPacketEndsInTransfer()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        var first = Pattern(Packet + 36);
        var second = Pattern(2 * Packet, seed: 9);
        pipe.Device.Write(first);
        pipe.Device.Write(second);

        // Each device write is one transfer: a short packet ends the first, a zero-length packet the second.
        var buffer = new byte[16384];
        var count = stream.Read(buffer);
        Assert.Equal(first.Length, count);
        Assert.Equal(first, buffer[..count]);
        count = stream.Read(buffer);
        Assert.Equal(second.Length, count);
        Assert.Equal(second, buffer[..count]);
    }

    [Fact]
    public void SingleStallIsClearedAndRetried()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        pipe.StallNext(UsbBulkStream.DefaultOutEndpoint);
        var data = Pattern(100);
        stream.Write(data);

        Assert.Equal(1, stream.StallsCleared);
        var received = new byte[data.Length];
        pipe.Device.ReadExactly(received);
        Assert.Equal(data, received);
    }

    [Fact]
    public void RepeatedOutStallRaisesIOException()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        pipe.StallNext(UsbBulkStream.DefaultOutEndpoint);
        pipe.StallNext(UsbBulkStream.DefaultOutEndpoint);

        var error = Assert.Throws<IOException>(() => stream.Write(Pattern(10)));
        Assert.Equal(
            "USB bulk OUT transfer on endpoint 0x01 failed after 0 of 10 bytes: the endpoint stalled again after its halt was cleared (LIBUSB_ERROR_PIPE); reset or reconnect the board.",
            error.Message);
    }

    [Fact]
    public void RepeatedInStallRaisesIOException()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        pipe.StallNext(UsbBulkStream.DefaultInEndpoint);
        pipe.StallNext(UsbBulkStream.DefaultInEndpoint);

        var error = Assert.Throws<IOException>(() => stream.Read(new byte[16]));
        Assert.Contains("endpoint 0x81", error.Message, StringComparison.Ordinal);
        Assert.Contains("LIBUSB_ERROR_PIPE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceNotReadingTimesOut()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet, outBufferPackets: 2);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint, writeTimeoutMilliseconds: 100);

        var error = Assert.Throws<TimeoutException>(() => stream.Write(Pattern(5 * Packet)));
        Assert.Equal(
            "USB bulk OUT transfer on endpoint 0x01 timed out after 100 ms with 128 of 320 bytes sent; the board is not reading. Check that its firmware is running, or reconnect it.",
            error.Message);
        Assert.Equal(2, pipe.OutPackets);
    }

    [Fact]
    public void OversizedPacketRejectedAsOverflow()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        pipe.SendRawInPacket(Pattern(Packet + 1));

        var error = Assert.Throws<IOException>(() => stream.Read(new byte[16384]));
        Assert.Contains("LIBUSB_ERROR_OVERFLOW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PacketLargerThanBufferOverflows()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        pipe.Device.Write(Pattern(Packet));

        var status = pipe.Host.Transfer(UsbBulkStream.DefaultInEndpoint, new byte[10], 1000, out var transferred);
        Assert.Equal(UsbTransferStatus.Overflow, status);
        Assert.Equal(0, transferred);
    }

    [Fact]
    public void DisconnectEndsStream()
    {
        var pipe = new InMemoryUsbBulkPipe(Packet);
        using var stream = new UsbBulkStream(pipe.Host, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
        pipe.Disconnect();

        Assert.Equal(0, stream.Read(new byte[16]));
        var error = Assert.Throws<IOException>(() => stream.Write(Pattern(4)));
        Assert.Contains("LIBUSB_ERROR_NO_DEVICE", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Pattern(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
