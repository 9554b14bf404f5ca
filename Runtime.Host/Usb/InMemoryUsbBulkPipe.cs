using System.Collections.Concurrent;
using System.Globalization;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>
/// A USB device's two bulk endpoints in memory, with bulk semantics: data moves in packets
/// of at most <see cref="MaxPacketSize"/> bytes, a short or zero-length packet ends an IN
/// transfer, endpoints can be stalled. <see cref="Host"/> is the host's view (as libusb
/// gives it); <see cref="Device"/> is a stream for the firmware side.
/// </summary>
public sealed class InMemoryUsbBulkPipe
{
    private readonly BlockingCollection<byte[]> _out;
    private readonly BlockingCollection<byte[]> _in = [];
    private readonly ConcurrentDictionary<byte, bool> _halted = new();
    private readonly ConcurrentDictionary<byte, int> _stallRequests = new();

    public InMemoryUsbBulkPipe(int maxPacketSize = 512)
        : this(maxPacketSize, outBufferPackets: 0)
    {
    }

    /// <summary>
    /// Creates a pipe whose OUT endpoint buffers at most <paramref name="outBufferPackets"/>
    /// packets (0 for no limit). Once the buffer is full and the device does not read, OUT
    /// transfers time out, as when a device NAKs every OUT token.
    /// </summary>
    public InMemoryUsbBulkPipe(int maxPacketSize, int outBufferPackets)
    {
        if (maxPacketSize is < 8 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPacketSize), maxPacketSize, "A bulk endpoint's max packet size is 8 to 1024 bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(outBufferPackets);
        _out = outBufferPackets == 0 ? [] : new BlockingCollection<byte[]>(outBufferPackets);
        MaxPacketSize = maxPacketSize;
        Host = new HostSide(this);
        Device = new DeviceStream(this);
    }

    public int MaxPacketSize { get; }

    public IUsbBulkDevice Host { get; }

    public Stream Device { get; }

    /// <summary>Packets the host sent, zero-length ones included.</summary>
    public long OutPackets { get; private set; }

    public long OutZeroLengthPackets { get; private set; }

    /// <summary>Makes the next transfer on <paramref name="endpoint"/> stall.</summary>
    public void StallNext(byte endpoint) => _stallRequests.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    /// <summary>
    /// Queues one IN packet as it is, even one longer than <see cref="MaxPacketSize"/>, as a
    /// misbehaving device would send it (babble).
    /// </summary>
    public void SendRawInPacket(ReadOnlySpan<byte> packet) => _in.Add(packet.ToArray());

    /// <summary>Ends both directions, as unplugging the device would.</summary>
    public void Disconnect()
    {
        _out.CompleteAdding();
        _in.CompleteAdding();
    }

    private static List<byte[]> Packetize(ReadOnlySpan<byte> data, int maxPacket, bool endWithZeroLength)
    {
        var packets = new List<byte[]>();
        for (var offset = 0; offset < data.Length; offset += maxPacket)
        {
            packets.Add(data.Slice(offset, Math.Min(maxPacket, data.Length - offset)).ToArray());
        }

        if (data.IsEmpty || (endWithZeroLength && data.Length % maxPacket == 0))
        {
            packets.Add([]);
        }

        return packets;
    }

    private bool TakeStall(byte endpoint)
    {
        if (_halted.TryGetValue(endpoint, out var halted) && halted)
        {
            return true;
        }

        if (_stallRequests.TryGetValue(endpoint, out var count) && count > 0)
        {
            _stallRequests[endpoint] = count - 1;
            _halted[endpoint] = true;
            return true;
        }

        return false;
    }

    private sealed class HostSide(InMemoryUsbBulkPipe pipe) : IUsbBulkDevice
    {
        private byte[]? _partialIn;

        public int MaxPacketSize => pipe.MaxPacketSize;

        public UsbTransferStatus Transfer(byte endpoint, Span<byte> buffer, int timeoutMilliseconds, out int transferred)
        {
            transferred = 0;
            if (pipe.TakeStall(endpoint))
            {
                return UsbTransferStatus.Stall;
            }

            return (endpoint & 0x80) == 0 ? TransferOut(buffer, timeoutMilliseconds, out transferred) : TransferIn(buffer, timeoutMilliseconds, out transferred);
        }

        public void ClearHalt(byte endpoint) => pipe._halted[endpoint] = false;

        public void Dispose()
        {
        }

        private UsbTransferStatus TransferOut(Span<byte> buffer, int timeoutMilliseconds, out int transferred)
        {
            transferred = 0;
            if (pipe._out.IsAddingCompleted)
            {
                return UsbTransferStatus.NoDevice;
            }

            // A host controller does not add a zero-length packet by itself; UsbBulkStream does.
            var deadline = Environment.TickCount64 + timeoutMilliseconds;
            foreach (var packet in Packetize(buffer, pipe.MaxPacketSize, endWithZeroLength: false))
            {
                try
                {
                    if (!pipe._out.TryAdd(packet, (int)Math.Max(0, deadline - Environment.TickCount64)))
                    {
                        // As libusb does, a timeout reports the bytes of the packets already sent.
                        return UsbTransferStatus.TimedOut;
                    }
                }
                catch (InvalidOperationException)
                {
                    return UsbTransferStatus.NoDevice;
                }

                pipe.OutPackets++;
                if (packet.Length == 0)
                {
                    pipe.OutZeroLengthPackets++;
                }

                transferred += packet.Length;
            }

            return UsbTransferStatus.Completed;
        }

        private UsbTransferStatus TransferIn(Span<byte> buffer, int timeoutMilliseconds, out int transferred)
        {
            transferred = 0;
            var deadline = Environment.TickCount64 + timeoutMilliseconds;
            while (true)
            {
                var packet = _partialIn;
                _partialIn = null;
                if (packet is null)
                {
                    var wait = (int)Math.Max(0, deadline - Environment.TickCount64);
                    try
                    {
                        if (!pipe._in.TryTake(out packet, wait))
                        {
                            return pipe._in.IsCompleted ? UsbTransferStatus.NoDevice : UsbTransferStatus.TimedOut;
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        return UsbTransferStatus.NoDevice;
                    }
                }

                if (packet.Length > pipe.MaxPacketSize || packet.Length > buffer.Length - transferred)
                {
                    // The packet exceeds the max packet size (babble) or does not fit the buffer:
                    // libusb reports an overflow and the data is lost.
                    return UsbTransferStatus.Overflow;
                }

                packet.CopyTo(buffer[transferred..]);
                transferred += packet.Length;
                if (packet.Length < pipe.MaxPacketSize || transferred == buffer.Length)
                {
                    return UsbTransferStatus.Completed;
                }
            }
        }
    }

    private sealed class DeviceStream(InMemoryUsbBulkPipe pipe) : Stream
    {
        private ReadOnlyMemory<byte> _current;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count), CancellationToken.None);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Factory.StartNew(() => Read(buffer.Span, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (pipe._in.IsAddingCompleted)
            {
                throw new IOException("The USB pipe is disconnected.");
            }

            // Device firmware ends each write with a zero-length packet when the last packet is full.
            foreach (var packet in Packetize(buffer, pipe.MaxPacketSize, endWithZeroLength: true))
            {
                pipe._in.Add(packet);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                pipe.Disconnect();
            }

            base.Dispose(disposing);
        }

        private int Read(Span<byte> destination, CancellationToken cancellationToken)
        {
            while (_current.IsEmpty)
            {
                try
                {
                    // Zero-length packets end a transfer but carry no bytes of the stream.
                    _current = pipe._out.Take(cancellationToken);
                }
                catch (InvalidOperationException)
                {
                    return 0;
                }
            }

            var count = Math.Min(destination.Length, _current.Length);
            _current.Span[..count].CopyTo(destination);
            _current = _current[count..];
            return count;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"in-memory USB pipe, {MaxPacketSize}-byte packets");
}
