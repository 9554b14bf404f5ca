using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Framing;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Firmware.Protocol.Tests;

/// <summary>
/// Random and mutated blocks into the frame decoder and the message decoder. The iteration
/// count comes from NEURODEPLOY_FUZZ_ITERATIONS (default 20,000); the full run is
/// NEURODEPLOY_FUZZ_ITERATIONS=1000000 dotnet test tests/Firmware.Protocol.Tests --filter FrameFuzz.
/// </summary>
public class FrameFuzzTests
{
    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("NEURODEPLOY_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 20_000;

    [Fact]
    public void RandomBlocksRejectedWithReason()
    {
        var random = new Random(20240611);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var block = new byte[random.Next(0, 64)];
            random.NextBytes(block);
            var result = FrameCodec.Decode(block);
            if (result.IsValid)
            {
                accepted++;
                continue;
            }

            Assert.False(string.IsNullOrEmpty(result.Reason));
        }

        // A random block passes the 32-bit CRC with probability 2^-32.
        Assert.Equal(0, accepted);
    }

    [Fact]
    public void MutatedFramesRejectedOrIntact()
    {
        var random = new Random(99);
        var seeds = SeedFrames();
        var rejectedByError = new Dictionary<FrameError, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var original = seeds[random.Next(seeds.Length)];
            var mutated = Mutate(original, random);
            var block = mutated.AsSpan(0, Math.Max(0, mutated.Length - 1)).ToArray();
            var result = FrameCodec.Decode(block);
            if (!result.IsValid)
            {
                Assert.False(string.IsNullOrEmpty(result.Reason));
                rejectedByError[result.Error] = rejectedByError.GetValueOrDefault(result.Error) + 1;
                continue;
            }

            // Anything that still decodes must be a frame that was sent (the mutation was undone or hit the delimiter only).
            var intact = seeds.Any(s => s.AsSpan().SequenceEqual(FrameCodec.Encode(result.Frame.Type, result.Frame.Sequence, result.Frame.Payload.Span)));
            Assert.True(intact, "a damaged frame passed the CRC: " + Convert.ToHexString(mutated));
            if (FrameType.IsData(result.Frame.Type)
                && !MessageCodec.TryDecode(result.Frame.Type, result.Frame.Payload.Span, out _, out var reason))
            {
                Assert.False(string.IsNullOrEmpty(reason));
            }
        }

        Assert.True(rejectedByError.GetValueOrDefault(FrameError.CrcMismatch) > 0);
    }

    [Fact]
    public void RandomPayloadsIntoMessageDecoder()
    {
        var random = new Random(4242);
        for (var i = 0; i < Iterations; i++)
        {
            var payload = new byte[random.Next(0, 80)];
            random.NextBytes(payload);
            var type = (byte)random.Next(0, 256);
            if (!MessageCodec.TryDecode(type, payload, out var message, out var reason))
            {
                Assert.False(string.IsNullOrEmpty(reason));
                continue;
            }

            Assert.Equal(type, MessageCodec.TypeOf(message));
        }
    }

    private static byte[][] SeedFrames()
    {
        var messages = new BoardMessage[]
        {
            new() { Hello = new Hello { ProtocolVersion = 1, Capabilities = { "flash-resume" } } },
            new() { FlashBegin = new FlashBegin { ImageSize = 1000, ChunkSize = 256, ProfileName = "generic", Sha256 = Google.Protobuf.ByteString.CopyFrom(new byte[32]) } },
            new() { FlashChunk = new FlashChunk { Offset = 512, Data = Google.Protobuf.ByteString.CopyFrom(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()) } },
            new() { InputEvents = new InputEvents { FirstStep = 0, StepCount = 2, Dense = new DenseValues { Values = { 1, 0, -5, 7 } } } },
            new() { Error = new BoardError { Code = ErrorCode.Busy, Message = "busy" } },
        };
        var frames = messages.Select((m, i) => FrameCodec.Encode(MessageCodec.TypeOf(m), (ushort)(i * 257), MessageCodec.EncodePayload(m))).ToList();
        frames.Add(FrameCodec.Encode(FrameType.Ack, 3, ReadOnlySpan<byte>.Empty));
        return [.. frames];
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = frame.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var position = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Count > 2:
                    bytes.RemoveAt(position);
                    break;
                default:
                    bytes.Insert(position, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }
}
