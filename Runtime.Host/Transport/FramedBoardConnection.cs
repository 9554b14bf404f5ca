using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>
/// The board protocol over a byte stream: COBS frames, the link layer, and requests matched
/// to replies in order (the board replies to requests in the order it receives them).
/// </summary>
public sealed class FramedBoardConnection : IBoardConnection
{
    private readonly MessageChannel _channel;
    private readonly Queue<Pending> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sendOrder = new(1, 1);
    private readonly Task _readLoop;
    private readonly int _window;
    private Exception? _failure;

    private FramedBoardConnection(LinkLayer link, int window)
    {
        _channel = new MessageChannel(link);
        _window = window;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public int MaxChunksInFlight => _window;

    public LinkStatistics Statistics => _channel.Link.Statistics;

    /// <summary>
    /// Starts the link over <paramref name="stream"/> (which the connection then owns) and
    /// resets it; the handshake is a separate request.
    /// </summary>
    public static async Task<FramedBoardConnection> ConnectAsync(Stream stream, LinkOptions link, FaultOptions? faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(link);
        var layer = new LinkLayer(faults is null ? stream : new FaultInjectingStream(stream, faults), link, isInitiator: true);
        try
        {
            await layer.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await layer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new FramedBoardConnection(layer, link.WindowSize);
    }

    public async Task<HelloReply> HandshakeAsync(Hello hello, CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { Hello = hello }, BoardMessage.BodyOneofCase.HelloReply, cancellationToken).ConfigureAwait(false)).HelloReply;

    public async Task<FlashBeginReply> BeginFlashAsync(FlashBegin begin, CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { FlashBegin = begin }, BoardMessage.BodyOneofCase.FlashBeginReply, cancellationToken).ConfigureAwait(false)).FlashBeginReply;

    public async Task<FlashChunkAck> WriteChunkAsync(FlashChunk chunk, CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { FlashChunk = chunk }, BoardMessage.BodyOneofCase.FlashChunkAck, cancellationToken).ConfigureAwait(false)).FlashChunkAck;

    public async Task<BoardStatus> EndFlashAsync(CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { FlashEnd = new FlashEnd() }, BoardMessage.BodyOneofCase.BoardStatus, cancellationToken).ConfigureAwait(false)).BoardStatus;

    public async Task<BoardStatus> VerifyAsync(CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { FlashVerify = new FlashVerify() }, BoardMessage.BodyOneofCase.BoardStatus, cancellationToken).ConfigureAwait(false)).BoardStatus;

    public Task ResetAsync(CancellationToken cancellationToken) =>
        RequestAsync(new BoardMessage { Reset = new Reset() }, BoardMessage.BodyOneofCase.Done, cancellationToken);

    public async Task<BoardStatus> SetEncoderAsync(SetEncoder request, CancellationToken cancellationToken) =>
        (await RequestAsync(new BoardMessage { SetEncoder = request }, BoardMessage.BodyOneofCase.BoardStatus, cancellationToken).ConfigureAwait(false)).BoardStatus;

    public async IAsyncEnumerable<RunEvent> RunAsync(RunRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input.Count == 0)
        {
            throw new ArgumentException("A run request needs at least one InputEvents message.", nameof(request));
        }

        await RequestAsync(new BoardMessage { Start = request.Start }, BoardMessage.BodyOneofCase.Done, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < request.Input.Count - 1; k++)
        {
            await RequestAsync(new BoardMessage { InputEvents = request.Input[k] }, BoardMessage.BodyOneofCase.Done, cancellationToken).ConfigureAwait(false);
        }

        var pending = await SendAsync(new BoardMessage { InputEvents = request.Input[^1] }, streaming: true, cancellationToken).ConfigureAwait(false);
        while (await ReadReplyAsync(pending, cancellationToken).ConfigureAwait(false) is { } message)
        {
            ThrowIfError(message);
            yield return message.BodyCase switch
            {
                BoardMessage.BodyOneofCase.OutputSpikes => new RunEvent { OutputSpikes = message.OutputSpikes },
                BoardMessage.BodyOneofCase.TraceStep => new RunEvent { TraceStep = message.TraceStep },
                BoardMessage.BodyOneofCase.Telemetry => new RunEvent { Telemetry = message.Telemetry },
                BoardMessage.BodyOneofCase.RunComplete => new RunEvent { RunComplete = message.RunComplete },
                _ => throw new InvalidDataException($"The board sent {message.BodyCase} during a run; expected run events."),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _sendOrder.Dispose();
    }

    private static void ThrowIfError(BoardMessage message)
    {
        if (message.BodyCase == BoardMessage.BodyOneofCase.Error)
        {
            throw new BoardException(message.Error.Code, message.Error.Message);
        }
    }

    private async Task<BoardMessage> RequestAsync(BoardMessage request, BoardMessage.BodyOneofCase expected, CancellationToken cancellationToken)
    {
        var pending = await SendAsync(request, streaming: false, cancellationToken).ConfigureAwait(false);
        var reply = await ReadReplyAsync(pending, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"The board sent no reply to {request.BodyCase}.");
        ThrowIfError(reply);
        if (reply.BodyCase != expected)
        {
            throw new InvalidDataException($"The board replied to {request.BodyCase} with {reply.BodyCase}; expected {expected}.");
        }

        return reply;
    }

    /// <summary>Returns the next reply, or null after the last one; a link failure surfaces as <see cref="LinkException"/>.</summary>
    private static async Task<BoardMessage?> ReadReplyAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.Replies.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)
                && pending.Replies.Reader.TryRead(out var message)
                ? message
                : null;
        }
        catch (LinkException error)
        {
            throw new LinkException(error.Message, error);
        }
    }

    private async Task<Pending> SendAsync(BoardMessage request, bool streaming, CancellationToken cancellationToken)
    {
        var pending = new Pending(streaming);
        await _sendOrder.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw new LinkException("The connection to the board failed: " + _failure.Message, _failure);
                }

                _pending.Enqueue(pending);
            }

            try
            {
                await _channel.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The request may or may not have reached the board, so a later reply could belong to it.
                // Closing the connection keeps every reply matched to its own request; the caller reconnects.
                FailAll(new LinkException(
                    $"Sending {request.BodyCase} was cancelled; the connection is closed so that replies stay matched to requests. Connect again."));
                throw;
            }
        }
        finally
        {
            _sendOrder.Release();
        }

        return pending;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var received = await _channel.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
                var message = received.Message ?? new BoardMessage
                {
                    Error = new BoardError { Code = ErrorCode.Malformed, Message = "The board sent a message the host cannot decode: " + received.Error },
                };
                Dispatch(message);
            }
        }
        catch (LinkException error)
        {
            FailAll(error);
        }
    }

    private void Dispatch(BoardMessage message)
    {
        lock (_lock)
        {
            if (!_pending.TryPeek(out var pending))
            {
                // Nothing was asked: a late reply to a request that timed out and was dropped.
                return;
            }

            pending.Replies.Writer.TryWrite(message);
            var terminal = !pending.Streaming
                || message.BodyCase is BoardMessage.BodyOneofCase.RunComplete or BoardMessage.BodyOneofCase.Error;
            if (terminal)
            {
                pending.Replies.Writer.TryComplete();
                _pending.Dequeue();
            }
        }
    }

    private void FailAll(Exception error)
    {
        lock (_lock)
        {
            _failure = error;
            while (_pending.TryDequeue(out var pending))
            {
                pending.Replies.Writer.TryComplete(error);
            }
        }
    }

    private sealed class Pending(bool streaming)
    {
        public bool Streaming { get; } = streaming;

        public Channel<BoardMessage> Replies { get; } = Channel.CreateUnbounded<BoardMessage>();
    }
}
