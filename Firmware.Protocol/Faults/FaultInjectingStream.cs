using System.Diagnostics;
using System.Globalization;

namespace NeuroDeploy.Firmware.Protocol.Faults;

/// <summary>
/// Wraps a stream and damages what is written through it: flipped bits, dropped frames,
/// delays, line-rate pacing and a disconnect after a number of bytes, all from a seeded
/// generator. Reads pass through unchanged until a disconnect.
/// </summary>
public sealed class FaultInjectingStream : Stream
{
    private readonly Stream _inner;
    private readonly FaultOptions _options;
    private readonly Random _random;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _atFrameStart = true;
    private bool _droppingFrame;
    private bool _disconnected;
    private TimeSpan _lineFreeAt;

    public FaultInjectingStream(Stream inner, FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _inner = inner;
        _options = options;
        _random = new Random(options.Seed);
    }

    public long BytesWritten { get; private set; }

    public long BytesCorrupted { get; private set; }

    public long FramesDropped { get; private set; }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDisconnected();
        var count = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        ThrowIfDisconnected();
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDisconnected();
        if (_options.WriteDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.WriteDelay, cancellationToken).ConfigureAwait(false);
        }

        var allowed = buffer.Length;
        if (_options.DisconnectAfterBytes is { } limit)
        {
            allowed = (int)Math.Clamp(limit - BytesWritten, 0, buffer.Length);
        }

        var output = Damage(buffer.Span[..allowed]);
        BytesWritten += allowed;
        if (output.Length > 0)
        {
            await _inner.WriteAsync(output, cancellationToken).ConfigureAwait(false);
        }

        if (allowed < buffer.Length)
        {
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            _disconnected = true;
            await _inner.DisposeAsync().ConfigureAwait(false);
            ThrowIfDisconnected();
        }

        await PaceAsync(allowed, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisconnected();
        return _inner.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private byte[] Damage(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length);
        foreach (var original in data)
        {
            if (_atFrameStart)
            {
                _droppingFrame = _options.FrameDropRate > 0 && _random.NextDouble() < _options.FrameDropRate;
                if (_droppingFrame)
                {
                    FramesDropped++;
                }

                _atFrameStart = false;
            }

            if (original == 0)
            {
                _atFrameStart = true;
            }

            if (_droppingFrame)
            {
                continue;
            }

            var b = original;
            if (_options.ByteErrorRate > 0 && _random.NextDouble() < _options.ByteErrorRate)
            {
                b ^= (byte)(1 << _random.Next(8));
                BytesCorrupted++;
            }

            output.Add(b);
        }

        return [.. output];
    }

    private async Task PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_options.LineRateBitsPerSecond is not { } rate)
        {
            return;
        }

        // An idle line earns no credit: the bytes start when the line is free or now.
        var now = _clock.Elapsed;
        var start = _lineFreeAt > now ? _lineFreeAt : now;
        _lineFreeAt = start + TimeSpan.FromSeconds(bytes * 10.0 / rate);
        var wait = _lineFreeAt - now;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfDisconnected()
    {
        if (_disconnected)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"Injected disconnect after {_options.DisconnectAfterBytes} bytes written."));
        }
    }
}
