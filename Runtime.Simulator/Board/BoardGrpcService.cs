using System.Globalization;
using Grpc.Core;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;
using BoardService = NeuroDeploy.Firmware.Protocol.Board.Board;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>The gRPC service Board in front of a <see cref="VirtualBoard"/>.</summary>
public sealed class BoardGrpcService : BoardService.BoardBase
{
    private readonly VirtualBoard _board;

    public BoardGrpcService(VirtualBoard board)
    {
        _board = board;
    }

    /// <summary>Returns the gRPC status code a board error maps to.</summary>
    public static StatusCode StatusCodeOf(ErrorCode code) => code switch
    {
        ErrorCode.VersionMismatch or ErrorCode.ProfileMismatch or ErrorCode.NoImage or ErrorCode.NotFlashing => StatusCode.FailedPrecondition,
        ErrorCode.DigestMismatch => StatusCode.DataLoss,
        ErrorCode.BadChunkOffset => StatusCode.OutOfRange,
        ErrorCode.Busy => StatusCode.Aborted,
        ErrorCode.TooLarge => StatusCode.ResourceExhausted,
        ErrorCode.Malformed or ErrorCode.InvalidImage or ErrorCode.InvalidInput => StatusCode.InvalidArgument,
        _ => StatusCode.Internal,
    };

    public override Task<HelloReply> Handshake(Hello request, ServerCallContext context) =>
        Call(() => _board.Handshake(request));

    public override Task<FlashBeginReply> BeginFlash(FlashBegin request, ServerCallContext context) =>
        Call(() => _board.BeginFlash(request));

    public override Task<FlashChunkAck> WriteChunk(FlashChunk request, ServerCallContext context) =>
        Call(() => _board.WriteChunk(request));

    public override Task<BoardStatus> EndFlash(FlashEnd request, ServerCallContext context) =>
        Call(_board.EndFlash);

    public override Task<BoardStatus> Verify(FlashVerify request, ServerCallContext context) =>
        Call(_board.GetStatus);

    public override Task<Done> ResetNetwork(Reset request, ServerCallContext context) =>
        Call(() =>
        {
            _board.Reset();
            return new Done();
        });

    public override Task<BoardStatus> ReplaceEncoder(SetEncoder request, ServerCallContext context) =>
        Call(() => _board.SetEncoder(request));

    public override async Task Run(RunRequest request, IServerStreamWriter<RunEvent> responseStream, ServerCallContext context)
    {
        IReadOnlyList<RunEvent> events;
        try
        {
            if (request.Start is null)
            {
                throw new BoardException(ErrorCode.Malformed, "Run request has no Start; set steps, channels and the populations to record.");
            }

            _board.ValidateRun(request.Start);
            var assembler = new InputAssembler(request.Start);
            foreach (var input in request.Input)
            {
                assembler.Add(input);
            }

            if (!assembler.IsComplete)
            {
                throw new BoardException(ErrorCode.InvalidInput, "Invalid input: the run request carries fewer steps than Start.steps.");
            }

            events = _board.Run(request.Start, assembler.ToChipInput());
        }
        catch (BoardException error)
        {
            throw ToRpcException(error);
        }

        foreach (var runEvent in events)
        {
            await responseStream.WriteAsync(runEvent, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<T> Call<T>(Func<T> call)
    {
        try
        {
            return Task.FromResult(call());
        }
        catch (BoardException error)
        {
            throw ToRpcException(error);
        }
    }

    private static RpcException ToRpcException(BoardException error)
    {
        var trailers = new Metadata
        {
            { BoardProtocol.ErrorCodeTrailer, ((int)error.Code).ToString(CultureInfo.InvariantCulture) },
        };
        return new RpcException(new Status(StatusCodeOf(error.Code), error.Message), trailers);
    }
}
