using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>
/// Serves one byte-stream connection: answers each request message with exactly one reply
/// (or, for the input that completes a run, the run's events ending in RunComplete or an
/// error), in the order the requests arrive.
/// </summary>
public sealed class BoardSession
{
    private readonly VirtualBoard _board;
    private readonly MessageChannel _channel;
    private volatile bool _resynchronized;
    private bool _helloDone;
    private InputAssembler? _pendingRun;

    public BoardSession(VirtualBoard board, MessageChannel channel)
    {
        _board = board;
        _channel = channel;
        channel.Link.Resynchronized += (_, _) => _resynchronized = true;
    }

    /// <summary>Requests rejected as malformed or unexpected, for diagnostics and tests.</summary>
    public long RejectedRequests { get; private set; }

    /// <summary>Reason of the most recent rejected request.</summary>
    public string? LastRejectReason { get; private set; }

    /// <summary>Serves requests until the link fails or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ReceivedMessage received;
            try
            {
                received = await _channel.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LinkException)
            {
                return;
            }

            if (_resynchronized)
            {
                // A new link session starts a new protocol session.
                _resynchronized = false;
                _helloDone = false;
                _pendingRun = null;
            }

            foreach (var reply in Handle(received))
            {
                try
                {
                    await _channel.SendAsync(reply, cancellationToken).ConfigureAwait(false);
                }
                catch (LinkException)
                {
                    return;
                }
            }
        }
    }

    private List<BoardMessage> Handle(ReceivedMessage received)
    {
        if (received.Message is not { } request)
        {
            return [Reject(ErrorCode.Malformed, "Malformed request: " + received.Error + ".")];
        }

        try
        {
            return HandleRequest(request);
        }
        catch (BoardException error)
        {
            if (error.Code is ErrorCode.InvalidInput or ErrorCode.NoImage or ErrorCode.Internal)
            {
                _pendingRun = null;
            }

            return [error.ToMessage()];
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A fault in the handler must not end the session, so the host receives an INTERNAL
            // error naming the exception and can send further requests.
            _pendingRun = null;
            return [Reject(ErrorCode.Internal, "Internal board error on " + request.BodyCase + ": " + error.GetType().Name + ": " + error.Message)];
        }
    }

    private List<BoardMessage> HandleRequest(BoardMessage request)
    {
        if (request.BodyCase == BoardMessage.BodyOneofCase.Hello)
        {
            var reply = _board.Handshake(request.Hello);
            _helloDone = true;
            _pendingRun = null;
            return [new BoardMessage { HelloReply = reply }];
        }

        if (!_helloDone)
        {
            return [Reject(ErrorCode.NoSession, "No session: send Hello before any other request.")];
        }

        if (_pendingRun is not null && request.BodyCase is not (BoardMessage.BodyOneofCase.InputEvents or BoardMessage.BodyOneofCase.Stop))
        {
            _pendingRun = null;
            return [Reject(ErrorCode.UnexpectedMessage, $"Expected InputEvents or Stop for the started run, got {request.BodyCase}; the run was abandoned.")];
        }

        switch (request.BodyCase)
        {
            case BoardMessage.BodyOneofCase.FlashBegin:
                return [new BoardMessage { FlashBeginReply = _board.BeginFlash(request.FlashBegin) }];
            case BoardMessage.BodyOneofCase.FlashChunk:
                return [new BoardMessage { FlashChunkAck = _board.WriteChunk(request.FlashChunk) }];
            case BoardMessage.BodyOneofCase.FlashEnd:
                return [new BoardMessage { BoardStatus = _board.EndFlash() }];
            case BoardMessage.BodyOneofCase.FlashVerify:
                return [new BoardMessage { BoardStatus = _board.GetStatus() }];
            case BoardMessage.BodyOneofCase.SetEncoder:
                return [new BoardMessage { BoardStatus = _board.SetEncoder(request.SetEncoder) }];
            case BoardMessage.BodyOneofCase.Reset:
                _board.Reset();
                return [Done()];
            case BoardMessage.BodyOneofCase.Start:
                _board.ValidateRun(request.Start);
                _pendingRun = new InputAssembler(request.Start);
                return [Done()];
            case BoardMessage.BodyOneofCase.InputEvents:
                return AddInput(request.InputEvents);
            case BoardMessage.BodyOneofCase.Stop:
                _pendingRun = null;
                return [Done()];
            default:
                return [Reject(ErrorCode.UnexpectedMessage, $"Unexpected message {request.BodyCase}: a board accepts only requests.")];
        }
    }

    private List<BoardMessage> AddInput(InputEvents events)
    {
        var run = _pendingRun ?? throw new BoardException(ErrorCode.UnexpectedMessage, "InputEvents without a run: send Start first.");
        run.Add(events);
        if (!run.IsComplete)
        {
            return [Done()];
        }

        _pendingRun = null;
        return _board.Run(run.Start, run.ToChipInput()).Select(ToMessage).ToList();
    }

    private static BoardMessage ToMessage(RunEvent runEvent) => runEvent.BodyCase switch
    {
        RunEvent.BodyOneofCase.OutputSpikes => new BoardMessage { OutputSpikes = runEvent.OutputSpikes },
        RunEvent.BodyOneofCase.TraceStep => new BoardMessage { TraceStep = runEvent.TraceStep },
        RunEvent.BodyOneofCase.Telemetry => new BoardMessage { Telemetry = runEvent.Telemetry },
        _ => new BoardMessage { RunComplete = runEvent.RunComplete },
    };

    private static BoardMessage Done() => new() { Done = new Done() };

    private BoardMessage Reject(ErrorCode code, string message)
    {
        RejectedRequests++;
        LastRejectReason = message;
        return new BoardException(code, message).ToMessage();
    }
}
