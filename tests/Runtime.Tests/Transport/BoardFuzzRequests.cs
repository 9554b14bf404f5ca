using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>
/// Random requests for <see cref="BoardFuzzTests"/>. Each comes with whether the board must
/// reject it whatever state it is in.
/// </summary>
internal static class BoardFuzzRequests
{
    private static readonly byte[] HostToBoardTypes =
    [
        (byte)BoardMessage.BodyOneofCase.Hello,
        (byte)BoardMessage.BodyOneofCase.FlashBegin,
        (byte)BoardMessage.BodyOneofCase.FlashChunk,
        (byte)BoardMessage.BodyOneofCase.FlashEnd,
        (byte)BoardMessage.BodyOneofCase.FlashVerify,
        (byte)BoardMessage.BodyOneofCase.Reset,
        (byte)BoardMessage.BodyOneofCase.Start,
        (byte)BoardMessage.BodyOneofCase.InputEvents,
        (byte)BoardMessage.BodyOneofCase.Stop,
    ];

    /// <summary>Returns request <paramref name="kind"/> (0 to 13) with random contents.</summary>
    public static (FuzzRequest Request, bool MustFail) Next(int kind, Random random, VirtualBoard board)
    {
        switch (kind)
        {
            case 0:
                return RawRandom(random);
            case 1:
                return (Mutate(random, Valid(random, board)), false);
            case 2:
                var version = random.Next(4) == 0 ? (uint)random.Next() : BoardProtocol.Version;
                return (FuzzRequest.Of(new BoardMessage { Hello = new Hello { ProtocolVersion = version } }), version != BoardProtocol.Version);
            case 3:
                return FlashBegin(random, board);
            case 4:
                return FlashChunk(random, board);
            case 5:
                // FlashEnd never succeeds here: only complete flashes of known images may activate one.
                return (FuzzRequest.Of(new BoardMessage { FlashEnd = new FlashEnd() }), true);
            case 6:
                return (FuzzRequest.Of(new BoardMessage { FlashVerify = new FlashVerify() }), false);
            case 7:
                return (FuzzRequest.Of(new BoardMessage { Reset = new Reset() }), false);
            case 8:
                return Start(random);
            case 9:
                return (FuzzRequest.Of(new BoardMessage { InputEvents = InputEvents(random) }), false);
            case 10:
                return (FuzzRequest.Of(new BoardMessage { Stop = new Stop() }), false);
            case 11:
                return (FuzzRequest.Of(BoardToHost(random)), true);
            case 12:
                return (FuzzRequest.Raw(HostToBoardTypes[random.Next(HostToBoardTypes.Length)], RandomBytes(random, random.Next(0, 40))), false);
            default:
                return (FuzzRequest.Of(Valid(random, board)), false);
        }
    }

    private static (FuzzRequest, bool) RawRandom(Random random)
    {
        var type = (byte)random.Next(0x10, 0x100);
        var known = type <= (byte)BoardMessage.BodyOneofCase.Error;
        return (FuzzRequest.Raw(type, RandomBytes(random, random.Next(0, 64))), !known);
    }

    private static BoardMessage Valid(Random random, VirtualBoard board) => random.Next(6) switch
    {
        0 => new BoardMessage { Hello = new Hello { ProtocolVersion = BoardProtocol.Version, Host = "fuzz" } },
        1 => new BoardMessage { FlashBegin = new FlashBegin { ImageSize = 1000, Sha256 = ByteString.CopyFrom(RandomBytes(random, 32)), ChunkSize = 100, ProfileName = board.Options.Profile } },
        2 => new BoardMessage { FlashChunk = new FlashChunk { Offset = (ulong)random.Next(0, 1000), Data = ByteString.CopyFrom(RandomBytes(random, 100)) } },
        3 => new BoardMessage { Start = new Start { Steps = 10, Channels = FuzzImages.Channels, Record = { 0 } } },
        4 => new BoardMessage { InputEvents = new InputEvents { FirstStep = 0, StepCount = 10, Sparse = new SparseValues { Step = { 1, 2 }, Channel = { 0, 2 }, Value = { 1, 1 } } } },
        _ => new BoardMessage { FlashVerify = new FlashVerify() },
    };

    /// <summary>Serializes <paramref name="message"/> and flips, drops or inserts a few bytes of its payload.</summary>
    private static FuzzRequest Mutate(Random random, BoardMessage message)
    {
        var payload = new List<byte>(MessageCodec.EncodePayload(message));
        var edits = random.Next(1, 4);
        for (var k = 0; k < edits; k++)
        {
            var position = payload.Count == 0 ? 0 : random.Next(payload.Count);
            switch (random.Next(3))
            {
                case 0 when payload.Count > 0:
                    payload[position] ^= (byte)random.Next(1, 256);
                    break;
                case 1 when payload.Count > 0:
                    payload.RemoveAt(position);
                    break;
                default:
                    payload.Insert(position, (byte)random.Next(256));
                    break;
            }
        }

        return FuzzRequest.Raw(MessageCodec.TypeOf(message), [.. payload]);
    }

    private static (FuzzRequest, bool) FlashBegin(Random random, VirtualBoard board)
    {
        var max = (ulong)board.Options.MaxImageSize;
        var size = Pick(random, 0ul, 1ul, 1000ul, max, max + 1, ulong.MaxValue, (ulong)random.Next());
        var digestLength = random.Next(5) == 0 ? random.Next(0, 64) : 32;
        var chunk = Pick(random, 0u, 1u, 64u, (uint)board.Options.MaxChunkSize, (uint)board.Options.MaxChunkSize + 1, uint.MaxValue);
        var profile = random.Next(5) == 0 ? "other-profile" : board.Options.Profile;
        var begin = new FlashBegin { ImageSize = size, Sha256 = ByteString.CopyFrom(RandomBytes(random, digestLength)), ChunkSize = chunk, ProfileName = profile };
        var mustFail = size == 0 || size > max || digestLength != 32 || chunk == 0 || chunk > board.Options.MaxChunkSize
            || !string.Equals(profile, board.Options.Profile, StringComparison.Ordinal);
        return (FuzzRequest.Of(new BoardMessage { FlashBegin = begin }), mustFail);
    }

    private static (FuzzRequest, bool) FlashChunk(Random random, VirtualBoard board)
    {
        var staged = board.GetStatus().StagingOffset;
        var offset = random.Next(3) switch
        {
            0 => staged,
            1 => staged + (ulong)random.Next(1, 1000),
            _ => Pick(random, 0ul, ulong.MaxValue, (ulong)random.Next(), ulong.MaxValue - 1),
        };
        var length = random.Next(4) == 0 ? Pick(random, 0, board.Options.MaxChunkSize + 1, 9000) : random.Next(1, 300);
        var chunk = new FlashChunk { Offset = offset, Data = ByteString.CopyFrom(RandomBytes(random, length)) };
        return (FuzzRequest.Of(new BoardMessage { FlashChunk = chunk }), offset != staged || length == 0 || length > board.Options.MaxChunkSize);
    }

    private static (FuzzRequest, bool) Start(Random random)
    {
        var start = new Start
        {
            Steps = Pick(random, 0u, 1u, 5u, 100u, 1u << 22, uint.MaxValue),
            Channels = random.Next(4) == 0 ? (uint)random.Next() : FuzzImages.Channels,
        };
        if (random.Next(3) == 0)
        {
            start.Record.Add(Pick(random, 0u, 1u, uint.MaxValue));
        }

        return (FuzzRequest.Of(new BoardMessage { Start = start }), start.Steps == 0 || start.Channels != FuzzImages.Channels);
    }

    private static InputEvents InputEvents(Random random)
    {
        var events = new InputEvents
        {
            FirstStep = Pick(random, 0u, 1u, 5u, uint.MaxValue),
            StepCount = Pick(random, 0u, 1u, 5u, 100u, 1u << 22, uint.MaxValue),
        };
        if (random.Next(2) == 0)
        {
            var dense = new DenseValues();
            var count = random.Next(0, 40);
            for (var k = 0; k < count; k++)
            {
                dense.Values.Add(random.Next(int.MinValue, int.MaxValue));
            }

            events.Dense = dense;
        }
        else if (random.Next(4) != 0)
        {
            var sparse = new SparseValues();
            var count = random.Next(0, 10);
            for (var k = 0; k < count; k++)
            {
                sparse.Step.Add(Pick(random, 0u, 1u, 4u, uint.MaxValue));
                sparse.Channel.Add(Pick(random, 0u, 2u, 3u, uint.MaxValue));
                sparse.Value.Add(random.Next());
            }

            if (random.Next(5) == 0)
            {
                sparse.Value.Add(1);
            }

            events.Sparse = sparse;
        }

        return events;
    }

    private static BoardMessage BoardToHost(Random random) => random.Next(9) switch
    {
        0 => new BoardMessage { HelloReply = new HelloReply { ProtocolVersion = 1 } },
        1 => new BoardMessage { FlashBeginReply = new FlashBeginReply() },
        2 => new BoardMessage { FlashChunkAck = new FlashChunkAck { NextOffset = 5 } },
        3 => new BoardMessage { BoardStatus = new BoardStatus() },
        4 => new BoardMessage { Done = new Done() },
        5 => new BoardMessage { OutputSpikes = new OutputSpikes { Step = 1, Neurons = { 1 } } },
        6 => new BoardMessage { Telemetry = new Telemetry() },
        7 => new BoardMessage { RunComplete = new RunComplete() },
        _ => new BoardMessage { Error = new BoardError { Code = ErrorCode.Internal, Message = "fuzz" } },
    };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
