using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Xunit.Abstractions;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Firmware.Protocol.Transport;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>
/// Feeds well-framed but random, mutated and out-of-order requests into a virtual board's
/// message handler over a real link. The count comes from NEURODEPLOY_BOARD_FUZZ_MESSAGES
/// (default 20,000; docs/protocol.md gives the long run).
/// </summary>
public sealed class BoardFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20260412;

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private static int Messages =>
        int.TryParse(Environment.GetEnvironmentVariable("NEURODEPLOY_BOARD_FUZZ_MESSAGES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 20_000;

    [Fact]
    public async Task RandomRequestsAnsweredImageKept()
    {
        await using var harness = await Harness.StartAsync();
        var random = new Random(Seed);
        var expectedActive = Array.Empty<byte>();
        var verifiedFlashes = 0;
        var sent = 0;
        while (sent < Messages)
        {
            var kind = random.Next(16);
            if (kind == 15)
            {
                // A complete flash, of a valid image or a damaged one with a matching SHA-256.
                var image = random.Next(3) == 0 ? FuzzImages.Seal(FuzzImages.Valid(random.Next(1, 5000))) : FuzzImages.Mutated(random);
                var (ok, messages) = await harness.FlashAsync(image, random);
                sent += messages;
                if (ok)
                {
                    expectedActive = SHA256.HashData(image);
                    verifiedFlashes++;
                }
            }
            else if (kind == 14)
            {
                sent += await harness.RunAsync(random);
            }
            else
            {
                var (request, mustFail) = BoardFuzzRequests.Next(kind, random, harness.Board);
                var reply = await harness.RequestAsync(request);
                sent++;
                if (reply.BodyCase != BoardMessage.BodyOneofCase.Error)
                {
                    Assert.False(mustFail, "the board accepted a bad request: " + request.Description + " -> " + reply);
                    Assert.False(
                        request.Message.BodyCase == BoardMessage.BodyOneofCase.FlashEnd,
                        "FlashEnd succeeded without a complete flash of a known image: " + reply);
                }
            }

            Assert.Equal(Convert.ToHexStringLower(expectedActive), Convert.ToHexStringLower(harness.Board.GetStatus().ActiveSha256.Span));
        }

        var errors = harness.Errors;
        output.WriteLine($"{sent} messages, {verifiedFlashes} verified flashes, errors: {string.Join(", ", errors.OrderBy(e => e.Key).Select(e => e.Key + " " + e.Value))}");
        Assert.Empty(harness.InternalErrors);
        Assert.True(verifiedFlashes > 0, "the fuzzer should have completed some valid flashes");
        foreach (var code in new[] { ErrorCode.Malformed, ErrorCode.BadChunkOffset, ErrorCode.NotFlashing, ErrorCode.TooLarge, ErrorCode.UnexpectedMessage, ErrorCode.InvalidInput, ErrorCode.InvalidImage, ErrorCode.DigestMismatch })
        {
            Assert.True(errors.GetValueOrDefault(code) > 0, "the fuzzer never provoked " + code);
        }

        Assert.False(harness.Serving.IsCompleted, "the board's session ended during the fuzz run");
    }

    [Fact]
    public async Task BadRequestsRejectedWithCodes()
    {
        await using var harness = await Harness.StartAsync(hello: false);
        await ExpectErrorAsync(harness, new BoardMessage { FlashVerify = new FlashVerify() }, ErrorCode.NoSession);
        var hello = await harness.RequestAsync(FuzzRequest.Of(new BoardMessage { Hello = new Hello { ProtocolVersion = BoardProtocol.Version } }));
        Assert.Equal(BoardMessage.BodyOneofCase.HelloReply, hello.BodyCase);

        await ExpectErrorAsync(harness, new BoardMessage { FlashEnd = new FlashEnd() }, ErrorCode.NotFlashing);
        await ExpectErrorAsync(harness, new BoardMessage { FlashChunk = new FlashChunk { Offset = 0, Data = ByteString.CopyFrom(1, 2) } }, ErrorCode.NotFlashing);
        await ExpectErrorAsync(harness, new BoardMessage { Start = new Start { Steps = 4, Channels = 3 } }, ErrorCode.NoImage);
        await ExpectErrorAsync(harness, new BoardMessage { Reset = new Reset() }, ErrorCode.NoImage);
        await ExpectErrorAsync(harness, new BoardMessage { InputEvents = new InputEvents { StepCount = 1 } }, ErrorCode.UnexpectedMessage);
        await ExpectErrorAsync(harness, new BoardMessage { Done = new Done() }, ErrorCode.UnexpectedMessage);
        await ExpectErrorAsync(harness, Begin(ulong.MaxValue), ErrorCode.TooLarge);
        await ExpectErrorAsync(harness, Begin((ulong)harness.Board.Options.MaxImageSize + 1), ErrorCode.TooLarge);
        await ExpectErrorAsync(harness, Begin(0), ErrorCode.TooLarge);

        var begin = Begin(100);
        begin.FlashBegin.ChunkSize = uint.MaxValue;
        await ExpectErrorAsync(harness, begin, ErrorCode.Malformed);

        var reply = await harness.RequestAsync(FuzzRequest.Of(Begin(100)));
        Assert.Equal(0ul, reply.FlashBeginReply.ResumeOffset);
        var wrongOffset = await ExpectErrorAsync(harness, new BoardMessage { FlashChunk = new FlashChunk { Offset = 50, Data = ByteString.CopyFrom(1) } }, ErrorCode.BadChunkOffset);
        Assert.Contains("offset 0", wrongOffset, StringComparison.Ordinal);
        await ExpectErrorAsync(harness, new BoardMessage { FlashChunk = new FlashChunk { Offset = 0, Data = ByteString.CopyFrom(new byte[65]) } }, ErrorCode.Malformed);
        await ExpectErrorAsync(harness, new BoardMessage { FlashEnd = new FlashEnd() }, ErrorCode.BadChunkOffset);
        var first = await harness.RequestAsync(FuzzRequest.Of(new BoardMessage { FlashChunk = new FlashChunk { Offset = 0, Data = ByteString.CopyFrom(new byte[64]) } }));
        Assert.Equal(64ul, first.FlashChunkAck.NextOffset);
        var pastEnd = await ExpectErrorAsync(harness, new BoardMessage { FlashChunk = new FlashChunk { Offset = 64, Data = ByteString.CopyFrom(new byte[64]) } }, ErrorCode.BadChunkOffset);
        Assert.Contains("image size of 100 bytes", pastEnd, StringComparison.Ordinal);

        // The staged bytes do not match the declared digest, so nothing is activated.
        await harness.RequestAsync(FuzzRequest.Of(new BoardMessage { FlashChunk = new FlashChunk { Offset = 64, Data = ByteString.CopyFrom(new byte[36]) } }));
        await ExpectErrorAsync(harness, new BoardMessage { FlashEnd = new FlashEnd() }, ErrorCode.DigestMismatch);
        await ExpectErrorAsync(harness, new BoardMessage { FlashEnd = new FlashEnd() }, ErrorCode.NotFlashing);

        var raw = await harness.RequestRawAsync(0x40, [1, 2, 3]);
        Assert.Equal(ErrorCode.Malformed, raw.Error.Code);
        Assert.Contains("unknown message type 64", raw.Error.Message, StringComparison.Ordinal);
        var truncated = await harness.RequestRawAsync((byte)BoardMessage.BodyOneofCase.FlashChunk, [0x12, 0x7F, 0x01]);
        Assert.Equal(ErrorCode.Malformed, truncated.Error.Code);
        Assert.Contains("FlashChunk", truncated.Error.Message, StringComparison.Ordinal);

        Assert.True(harness.Board.GetStatus().ActiveSha256.IsEmpty);
    }

    private static BoardMessage Begin(ulong size) => new()
    {
        FlashBegin = new FlashBegin { ImageSize = size, Sha256 = ByteString.CopyFrom(new byte[32]), ChunkSize = 64, ProfileName = "generic" },
    };

    private static async Task<string> ExpectErrorAsync(Harness harness, BoardMessage request, ErrorCode code)
    {
        var reply = await harness.RequestAsync(FuzzRequest.Of(request));
        Assert.Equal(BoardMessage.BodyOneofCase.Error, reply.BodyCase);
        Assert.Equal(code, reply.Error.Code);
        return reply.Error.Message;
    }

    /// <summary>A virtual board served over an in-memory link, and the host end of that link.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly LinkLayer _link;
        private readonly MessageChannel _channel;
        private readonly CancellationTokenSource _stop;

        private Harness(VirtualBoard board, LinkLayer link, Task serving, CancellationTokenSource stop)
        {
            Board = board;
            _link = link;
            _channel = new MessageChannel(link);
            Serving = serving;
            _stop = stop;
        }

        public VirtualBoard Board { get; }

        public Task Serving { get; }

        /// <summary>Error replies received, by code.</summary>
        public Dictionary<ErrorCode, int> Errors { get; } = [];

        /// <summary>Distinct messages of INTERNAL errors: each is a fault of the board, not of the request.</summary>
        public HashSet<string> InternalErrors { get; } = [];

        public static async Task<Harness> StartAsync(bool hello = true)
        {
            var board = new VirtualBoard(new VirtualBoardOptions { MaxChunkSize = 512 });
            var (hostEnd, boardEnd) = InMemoryDuplexStream.CreatePair();
            var stop = new CancellationTokenSource();
            var serving = VirtualBoardServer.ServeStreamAsync(board, boardEnd, stop.Token);
            var link = new LinkLayer(hostEnd, new LinkOptions(), isInitiator: true);
            await link.ConnectAsync(CancellationToken.None);
            var harness = new Harness(board, link, serving, stop);
            if (hello)
            {
                var reply = await harness.RequestAsync(FuzzRequest.Of(new BoardMessage { Hello = new Hello { ProtocolVersion = BoardProtocol.Version } }));
                Assert.Equal(BoardMessage.BodyOneofCase.HelloReply, reply.BodyCase);
            }

            return harness;
        }

        /// <summary>Sends one request and returns its reply; a run's events are read up to RunComplete or an error.</summary>
        public async Task<BoardMessage> RequestAsync(FuzzRequest request)
        {
            using var timeout = new CancellationTokenSource(ReplyTimeout);
            if (request.RawType is { } type)
            {
                await _link.SendAsync(type, request.RawPayload, timeout.Token);
            }
            else
            {
                await _channel.SendAsync(request.Message, timeout.Token);
            }

            while (true)
            {
                ReceivedMessage received;
                try
                {
                    received = await _channel.ReceiveAsync(timeout.Token);
                }
                catch (Exception error) when (error is LinkException or OperationCanceledException)
                {
                    throw new InvalidOperationException("No reply to " + request.Description + ": " + error.Message, error);
                }

                var reply = Assert.IsType<BoardMessage>(received.Message);
                if (reply.BodyCase == BoardMessage.BodyOneofCase.Error)
                {
                    Assert.True(Enum.IsDefined(reply.Error.Code), "undefined error code for " + request.Description);
                    Assert.NotEqual(ErrorCode.Unspecified, reply.Error.Code);
                    Assert.False(string.IsNullOrWhiteSpace(reply.Error.Message), "error without a reason for " + request.Description);
                    Errors[reply.Error.Code] = Errors.GetValueOrDefault(reply.Error.Code) + 1;
                    if (reply.Error.Code == ErrorCode.Internal)
                    {
                        InternalErrors.Add(reply.Error.Message);
                    }
                }

                if (reply.BodyCase is BoardMessage.BodyOneofCase.OutputSpikes or BoardMessage.BodyOneofCase.TraceStep or BoardMessage.BodyOneofCase.Telemetry)
                {
                    Assert.Equal(BoardMessage.BodyOneofCase.InputEvents, request.Message.BodyCase);
                    continue;
                }

                return reply;
            }
        }

        public Task<BoardMessage> RequestRawAsync(byte type, byte[] payload) => RequestAsync(FuzzRequest.Raw(type, payload));

        /// <summary>Sends FlashBegin, every chunk in order and FlashEnd; returns whether the board activated the image.</summary>
        public async Task<(bool Ok, int Messages)> FlashAsync(byte[] image, Random random)
        {
            var sha256 = SHA256.HashData(image);
            var chunkSize = random.Next(1, 513);
            var begin = await RequestAsync(FuzzRequest.Of(new BoardMessage
            {
                FlashBegin = new FlashBegin { ImageSize = (ulong)image.Length, Sha256 = ByteString.CopyFrom(sha256), ChunkSize = (uint)chunkSize, ProfileName = "generic" },
            }));
            var messages = 1;
            if (begin.BodyCase != BoardMessage.BodyOneofCase.FlashBeginReply)
            {
                return (false, messages);
            }

            for (var offset = (int)begin.FlashBeginReply.ResumeOffset; offset < image.Length; offset += chunkSize)
            {
                var chunk = new FlashChunk { Offset = (ulong)offset, Data = ByteString.CopyFrom(image, offset, Math.Min(chunkSize, image.Length - offset)) };
                var ack = await RequestAsync(FuzzRequest.Of(new BoardMessage { FlashChunk = chunk }));
                messages++;
                Assert.Equal(BoardMessage.BodyOneofCase.FlashChunkAck, ack.BodyCase);
            }

            var end = await RequestAsync(FuzzRequest.Of(new BoardMessage { FlashEnd = new FlashEnd() }));
            messages++;
            if (end.BodyCase != BoardMessage.BodyOneofCase.BoardStatus)
            {
                Assert.Equal(BoardMessage.BodyOneofCase.Error, end.BodyCase);
                return (false, messages);
            }

            Assert.Equal(Convert.ToHexStringLower(sha256), Convert.ToHexStringLower(end.BoardStatus.ActiveSha256.Span));
            return (true, messages);
        }

        /// <summary>Sends a small run (Start and dense input) and checks it ends in RunComplete or an error.</summary>
        public async Task<int> RunAsync(Random random)
        {
            var steps = random.Next(1, 20);
            var start = await RequestAsync(FuzzRequest.Of(new BoardMessage { Start = new Start { Steps = (uint)steps, Channels = FuzzImages.Channels } }));
            if (start.BodyCase != BoardMessage.BodyOneofCase.Done)
            {
                Assert.Equal(BoardMessage.BodyOneofCase.Error, start.BodyCase);
                return 1;
            }

            var values = new DenseValues();
            for (var k = 0; k < steps * FuzzImages.Channels; k++)
            {
                values.Values.Add(random.Next(-2, 3));
            }

            var result = await RequestAsync(FuzzRequest.Of(new BoardMessage { InputEvents = new InputEvents { FirstStep = 0, StepCount = (uint)steps, Dense = values } }));
            Assert.True(
                result.BodyCase is BoardMessage.BodyOneofCase.RunComplete or BoardMessage.BodyOneofCase.Error,
                "a completed input should end in RunComplete or an error, got " + result.BodyCase);
            return 2;
        }

        public async ValueTask DisposeAsync()
        {
            await _link.DisposeAsync();
            await _stop.CancelAsync();
            await Serving.WaitAsync(TimeSpan.FromSeconds(30));
            _stop.Dispose();
        }
    }
}
