using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using NeuroDeploy.Firmware.Protocol.Framing;

namespace NeuroDeploy.Firmware.Protocol.Link;

/// <summary>
/// Reliable, ordered delivery of frames over a byte stream that may corrupt, drop or
/// delay bytes: go-back-N with cumulative acknowledgements, negative acknowledgements,
/// retransmission on timeout, duplicate suppression and a bounded send window.
/// docs/protocol.md specifies the behavior for firmware authors.
/// </summary>
/// <remarks>
/// The initiator (the host) calls <see cref="ConnectAsync"/> once; the responder (the board)
/// accepts link resets at any time, which restart both sequence counters at 0. The link
/// owns the stream and disposes it.
/// </remarks>
public sealed class LinkLayer : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly LinkOptions _options;
    private readonly bool _isInitiator;
    private readonly FrameReader _reader;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>();
    private readonly Channel<Delivered> _delivered = Channel.CreateUnbounded<Delivered>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LinkedList<PendingFrame> _unacknowledged = new();
    private readonly SemaphoreSlim _window;
    private readonly SemaphoreSlim _sendOrder = new(1, 1);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _readLoop;
    private Task? _writeLoop;
    private Task? _timerLoop;
    private ushort _nextSequence;
    private ushort _expectedSequence;
    private int _epoch;
    private uint _lastResetNonce;
    private bool _hasResetNonce;
    private TaskCompletionSource? _connectCompletion;
    private uint _connectNonce;
    private long _lastNackTicks = long.MinValue;
    private ushort _lastNackSequence;
    private long _lastNackRetransmitTicks = long.MinValue;
    private Exception? _failure;

    public LinkLayer(Stream stream, LinkOptions options, bool isInitiator)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _stream = stream;
        _options = options;
        _isInitiator = isInitiator;
        _reader = new FrameReader(stream);
        _window = new SemaphoreSlim(options.WindowSize);
    }

    public LinkStatistics Statistics { get; } = new();

    /// <summary>Raised on the responder when a new link reset arrives; data of the old session is dropped.</summary>
    public event EventHandler? Resynchronized;

    /// <summary>Starts the read, write and retransmission loops.</summary>
    public void Start()
    {
        if (_readLoop is not null)
        {
            return;
        }

        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
        _timerLoop = Task.Run(TimerLoopAsync);
    }

    /// <summary>
    /// Sends link resets until the responder acknowledges one; afterwards both sides count
    /// sequence numbers from 0. Only the initiator calls this.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_isInitiator)
        {
            throw new InvalidOperationException("Only the initiating side of a link sends link resets.");
        }

        Start();
        var nonceBytes = RandomNumberGenerator.GetBytes(4);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _connectNonce = BinaryPrimitives.ReadUInt32LittleEndian(nonceBytes);
            _connectCompletion = completion;
        }

        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            ThrowIfFailed();
            Enqueue(FrameCodec.Encode(FrameType.LinkReset, 0, nonceBytes), null, _epoch);
            var delay = Task.Delay(_options.RetransmitTimeout, cancellationToken);
            var finished = await Task.WhenAny(completion.Task, delay).ConfigureAwait(false);
            if (finished == completion.Task)
            {
                await completion.Task.ConfigureAwait(false);
                Statistics.CountReset();
                return;
            }

            await delay.ConfigureAwait(false);
        }

        throw new TimeoutException(string.Create(
            CultureInfo.InvariantCulture,
            $"The board did not answer {_options.MaxAttempts} link resets, {_options.RetransmitTimeout.TotalMilliseconds} ms apart; check that the board is powered, the port and baud rate are right, and nothing else holds the port."));
    }

    /// <summary>
    /// Queues a data frame for sending once the window has room. Returns when the frame is
    /// queued, not when it is acknowledged.
    /// </summary>
    public async Task SendAsync(byte type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!FrameType.IsData(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Data frames have a type of 0x10 or more; lower types belong to the link layer.");
        }

        ThrowIfFailed();
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _sendOrder.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFailed();
            lock (_lock)
            {
                var sequence = _nextSequence++;
                var pending = new PendingFrame(sequence, FrameCodec.Encode(type, sequence, payload.Span));
                _unacknowledged.AddLast(pending);
                Enqueue(pending.Bytes, pending, _epoch);
            }

            Statistics.CountSent();
        }
        finally
        {
            _sendOrder.Release();
        }
    }

    /// <summary>Returns the next data frame in order; throws <see cref="LinkException"/> once the link fails.</summary>
    public async ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Delivered item;
            try
            {
                item = await _delivered.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw Failure();
            }

            if (item.Epoch == Volatile.Read(ref _epoch))
            {
                return item.Frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new LinkException("The link was closed."));
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        foreach (var task in new[] { _readLoop, _writeLoop, _timerLoop })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stop.Dispose();
    }

    private static bool IsBefore(ushort a, ushort b) => (short)(a - b) < 0;

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is not null)
        {
            throw Failure();
        }
    }

    private LinkException Failure()
    {
        var failure = Volatile.Read(ref _failure);
        return failure as LinkException ?? new LinkException("The link failed: " + failure?.Message, failure!);
    }

    private void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is not null)
        {
            return;
        }

        _delivered.Writer.TryComplete();
        _outgoing.Writer.TryComplete();
        lock (_lock)
        {
            _connectCompletion?.TrySetException(Failure());
        }

        // Wake senders waiting for window space; they see the failure and throw.
        _window.Release(_options.WindowSize);
    }

    private void Enqueue(byte[] bytes, PendingFrame? pending, int epoch)
    {
        if (pending is not null)
        {
            Interlocked.Increment(ref pending.QueuedWrites);
        }

        _outgoing.Writer.TryWrite(new Outgoing(bytes, pending, epoch));
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (item.Epoch != Volatile.Read(ref _epoch))
                {
                    continue;
                }

                await _stream.WriteAsync(item.Bytes, _stop.Token).ConfigureAwait(false);
                if (_outgoing.Reader.Count == 0)
                {
                    await _stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                }

                if (item.Pending is { } pending)
                {
                    Volatile.Write(ref pending.SentTicks, _clock.ElapsedTicks);
                    Interlocked.Decrement(ref pending.QueuedWrites);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            // Any failure of the writer ends the link; a silent stop would hang every sender.
            Fail(new LinkException("Writing to the link failed: " + error.Message, error));
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (result is null)
                {
                    Fail(new LinkException("The connection was closed by the other side."));
                    return;
                }

                Handle(result.Value);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            Fail(new LinkException("Reading from the link failed: " + error.Message, error));
        }
    }

    private void Handle(FrameDecodeResult result)
    {
        if (!result.IsValid)
        {
            Statistics.CountRejected(result.Reason!);
            SendNack(force: false);
            return;
        }

        var frame = result.Frame;
        switch (frame.Type)
        {
            case FrameType.Ack:
                Acknowledge(frame.Sequence);
                break;
            case FrameType.Nack:
                Acknowledge(frame.Sequence);
                RetransmitAfterNack(frame.Sequence);
                break;
            case FrameType.LinkReset:
                HandleLinkReset(frame);
                break;
            case FrameType.LinkResetAck:
                HandleLinkResetAck(frame);
                break;
            default:
                HandleData(frame);
                break;
        }
    }

    private void HandleData(Frame frame)
    {
        if (!FrameType.IsData(frame.Type))
        {
            Statistics.CountRejected(string.Create(CultureInfo.InvariantCulture, $"unknown link frame type 0x{frame.Type:X2}"));
            return;
        }

        int epoch;
        ushort expected;
        lock (_lock)
        {
            epoch = _epoch;
            if (frame.Sequence == _expectedSequence)
            {
                _expectedSequence++;
                _delivered.Writer.TryWrite(new Delivered(frame, epoch));
                Statistics.CountDelivered();
            }
            else if (IsBefore(frame.Sequence, _expectedSequence))
            {
                Statistics.CountDuplicate();
            }
            else
            {
                Statistics.CountOutOfOrder();
                SendNack(force: false);
                return;
            }

            expected = _expectedSequence;
        }

        Enqueue(FrameCodec.Encode(FrameType.Ack, expected, ReadOnlySpan<byte>.Empty), null, epoch);
    }

    private void SendNack(bool force)
    {
        lock (_lock)
        {
            // One NACK per missing frame and retransmit timeout; a burst of out-of-order
            // frames would otherwise trigger a burst of full-window retransmissions.
            var now = _clock.ElapsedTicks;
            var quiet = Stopwatch.Frequency * _options.RetransmitTimeout.TotalSeconds / 2;
            if (!force && _lastNackSequence == _expectedSequence && now - _lastNackTicks < quiet)
            {
                return;
            }

            _lastNackSequence = _expectedSequence;
            _lastNackTicks = now;
            Statistics.CountNack();
            Enqueue(FrameCodec.Encode(FrameType.Nack, _expectedSequence, ReadOnlySpan<byte>.Empty), null, _epoch);
        }
    }

    private void Acknowledge(ushort next)
    {
        var released = 0;
        lock (_lock)
        {
            // An acknowledgement past anything sent is corrupt or from an old session.
            if (IsBefore(_nextSequence, next))
            {
                return;
            }

            while (_unacknowledged.First is { } first && IsBefore(first.Value.Sequence, next))
            {
                _unacknowledged.RemoveFirst();
                released++;
            }
        }

        if (released > 0)
        {
            _window.Release(released);
        }
    }

    private void RetransmitAfterNack(ushort from)
    {
        lock (_lock)
        {
            var now = _clock.ElapsedTicks;
            var quiet = Stopwatch.Frequency * _options.RetransmitTimeout.TotalSeconds / 4;
            if (now - _lastNackRetransmitTicks < quiet)
            {
                return;
            }

            _lastNackRetransmitTicks = now;
            RetransmitLocked(from);
        }
    }

    private int RetransmitLocked(ushort from)
    {
        var count = 0;
        foreach (var pending in _unacknowledged)
        {
            if (IsBefore(pending.Sequence, from) || Volatile.Read(ref pending.QueuedWrites) > 0)
            {
                continue;
            }

            pending.Attempts++;
            Enqueue(pending.Bytes, pending, _epoch);
            count++;
        }

        Statistics.CountRetransmissions(count);
        return count;
    }

    private void HandleLinkReset(Frame frame)
    {
        if (_isInitiator || frame.Payload.Length != 4)
        {
            return;
        }

        var nonce = BinaryPrimitives.ReadUInt32LittleEndian(frame.Payload.Span);
        var released = 0;
        var isNewSession = false;
        lock (_lock)
        {
            if (!_hasResetNonce || nonce != _lastResetNonce)
            {
                _hasResetNonce = true;
                _lastResetNonce = nonce;
                _epoch++;
                _nextSequence = 0;
                _expectedSequence = 0;
                released = _unacknowledged.Count;
                _unacknowledged.Clear();
                isNewSession = true;
                Statistics.CountReset();
            }

            Enqueue(FrameCodec.Encode(FrameType.LinkResetAck, 0, frame.Payload.Span), null, _epoch);
        }

        if (released > 0)
        {
            _window.Release(released);
        }

        if (isNewSession)
        {
            Resynchronized?.Invoke(this, EventArgs.Empty);
        }
    }

    private void HandleLinkResetAck(Frame frame)
    {
        if (!_isInitiator || frame.Payload.Length != 4)
        {
            return;
        }

        var nonce = BinaryPrimitives.ReadUInt32LittleEndian(frame.Payload.Span);
        lock (_lock)
        {
            if (_connectCompletion is { } completion && nonce == _connectNonce)
            {
                completion.TrySetResult();
            }
        }
    }

    private async Task TimerLoopAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _options.RetransmitTimeout.Ticks / 4));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                CheckTimeouts();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void CheckTimeouts()
    {
        lock (_lock)
        {
            if (_unacknowledged.First is not { } first)
            {
                return;
            }

            var oldest = first.Value;
            if (Volatile.Read(ref oldest.QueuedWrites) > 0)
            {
                return;
            }

            var timeout = Stopwatch.Frequency * _options.RetransmitTimeout.TotalSeconds;
            if (_clock.ElapsedTicks - Volatile.Read(ref oldest.SentTicks) < timeout)
            {
                return;
            }

            if (oldest.Attempts >= _options.MaxAttempts)
            {
                Fail(new LinkException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Frame {oldest.Sequence} was sent {oldest.Attempts} times without acknowledgement; the other side stopped answering.")));
                return;
            }

            RetransmitLocked(oldest.Sequence);
        }
    }

    private sealed class PendingFrame(ushort sequence, byte[] bytes)
    {
        public int QueuedWrites;
        public long SentTicks;

        public ushort Sequence { get; } = sequence;

        public byte[] Bytes { get; } = bytes;

        public int Attempts { get; set; } = 1;
    }

    private readonly record struct Outgoing(byte[] Bytes, PendingFrame? Pending, int Epoch);

    private readonly record struct Delivered(Frame Frame, int Epoch);
}
