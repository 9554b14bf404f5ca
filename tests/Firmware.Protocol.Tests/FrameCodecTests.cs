using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Framing;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Firmware.Protocol.Tests;

/// <summary>The test vectors of docs/protocol.md; a change here must change the document.</summary>
public class FrameCodecTests
{
    [Fact]
    public void HelloFrameVector()
    {
        var hello = new BoardMessage { Hello = new Hello { ProtocolVersion = 1 } };
        var frame = FrameCodec.Encode(MessageCodec.TypeOf(hello), 0, MessageCodec.EncodePayload(hello));
        Assert.Equal(HelloHex, Convert.ToHexString(frame));
    }

    [Fact]
    public void AckFrameVector()
    {
        var frame = FrameCodec.Encode(FrameType.Ack, 5, ReadOnlySpan<byte>.Empty);
        Assert.Equal(AckHex, Convert.ToHexString(frame));
    }

    [Fact]
    public void ChunkFrameVector()
    {
        var chunk = new BoardMessage { FlashChunk = new FlashChunk { Offset = 8192, Data = Google.Protobuf.ByteString.CopyFrom(0x00, 0x01, 0x02, 0x00) } };
        var frame = FrameCodec.Encode(MessageCodec.TypeOf(chunk), 0x0102, MessageCodec.EncodePayload(chunk));
        Assert.Equal(ChunkHex, Convert.ToHexString(frame));
    }

    [Fact]
    public void LinkResetFrameVector()
    {
        var frame = FrameCodec.Encode(FrameType.LinkReset, 0, [0x78, 0x56, 0x34, 0x12]);
        Assert.Equal(LinkResetHex, Convert.ToHexString(frame));
    }

    [Fact]
    public void HelloVectorDecodes()
    {
        var bytes = Convert.FromHexString(HelloHex);
        var result = FrameCodec.Decode(bytes.AsSpan(0, bytes.Length - 1));
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(0x10, result.Frame.Type);
        Assert.Equal(0, result.Frame.Sequence);
        Assert.True(MessageCodec.TryDecode(result.Frame.Type, result.Frame.Payload.Span, out var message, out var reason), reason);
        Assert.Equal(1u, message.Hello.ProtocolVersion);
    }

    [Fact]
    public void FlippedBitFailsCrc()
    {
        var raw = Convert.FromHexString(ChunkHex);
        raw[7] ^= 0x10;
        var result = FrameCodec.Decode(raw.AsSpan(0, raw.Length - 1));
        Assert.Equal(FrameError.CrcMismatch, result.Error);
        Assert.Contains("CRC-32C", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongLengthFieldRejected()
    {
        var raw = new byte[] { 0x10, 0, 0, 3, 0, 0xAA, 0, 0, 0, 0 };
        var crc = Crc32C.Compute(raw.AsSpan(0, 6));
        BitConverter.TryWriteBytes(raw.AsSpan(6), crc);
        var block = new byte[Cobs.MaxEncodedLength(raw.Length)];
        var length = Cobs.Encode(raw, block);
        var result = FrameCodec.Decode(block.AsSpan(0, length));
        Assert.Equal(FrameError.LengthMismatch, result.Error);
        Assert.Contains("length field is 3", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortBlockRejected()
    {
        var result = FrameCodec.Decode(Convert.FromHexString("0311220233"));
        Assert.Equal(FrameError.TooShort, result.Error);
    }

    [Fact]
    public void OversizedPayloadRejectedOnEncode()
    {
        var error = Assert.Throws<ArgumentException>(() => FrameCodec.Encode(0x14, 0, new byte[FrameCodec.MaxPayloadLength + 1]));
        Assert.Contains("16385 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReaderSplitsAndDiscardsOverlongBlock()
    {
        var good = Convert.FromHexString(AckHex);
        var stream = new MemoryStream([.. Enumerable.Repeat((byte)0x55, FrameCodec.MaxEncodedLength + 10), 0, .. good, 0, 0, .. good]);
        var reader = new FrameReader(stream);
        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);
        var third = await reader.ReadAsync(CancellationToken.None);
        var end = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(FrameError.TooLong, first!.Value.Error);
        Assert.True(second!.Value.IsValid);
        Assert.True(third!.Value.IsValid);
        Assert.Null(end);
    }

    internal const string HelloHex = "0210010202070801F1F37DF700";
    internal const string AckHex = "030105010105D28204DB00";
    internal const string ChunkHex = "051402010906088040120403010205EE342C9500";
    internal const string LinkResetHex = "02030102040978563412C905CBEA00";
}
