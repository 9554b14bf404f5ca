using System.Globalization;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>
/// A byte stream over a pair of bulk endpoints. Each write is one OUT transfer, followed by
/// a zero-length packet when its length is a multiple of the max packet size, so the device
/// sees where it ends. Reads submit IN transfers of whole packets into an internal buffer
/// (a buffer that is not a multiple of the packet size risks an overflow) and poll with a
/// short timeout so cancellation and disposal take effect. A stall is cleared and the
/// transfer retried once.
/// </summary>
public sealed class UsbBulkStream : Stream
{
    /// <summary>Bulk OUT endpoint of interface 0 on NeuroDeploy boards.</summary>
    public const byte DefaultOutEndpoint = 0x01;

    /// <summary>Bulk IN endpoint of interface 0 on NeuroDeploy boards.</summary>
    public const byte DefaultInEndpoint = 0x81;

    private const int PollMilliseconds = 50;

    private readonly IUsbBulkDevice _device;
    private readonly byte _outEndpoint;
    private readonly byte _inEndpoint;
    private readonly byte[] _readBuffer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _readOffset;
    private int _readCount;
    private volatile bool _disposed;

    public UsbBulkStream(IUsbBulkDevice device, byte outEndpoint, byte inEndpoint, int writeTimeoutMilliseconds = 2000)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.MaxPacketSize <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Max packet size {device.MaxPacketSize} is invalid; a bulk endpoint has 8 to 1024 bytes."), nameof(device));
        }

        _device = device;
        _outEndpoint = outEndpoint;
        _inEndpoint = inEndpoint;
        WriteTimeoutMilliseconds = writeTimeoutMilliseconds;
        _readBuffer = new byte[device.MaxPacketSize * Math.Max(1, 16384 / device.MaxPacketSize)];
    }

    public int WriteTimeoutMilliseconds { get; }

    /// <summary>Zero-length packets sent to end transfers that filled their last packet.</summary>
    public long ZeroLengthPacketsSent { get; private set; }

    /// <summary>Stalls cleared on either endpoint.</summary>
    public long StallsCleared { get; private set; }

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

    public override int Read(Span<byte> buffer) => Read(buffer, CancellationToken.None);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Factory.StartNew(() => Read(buffer.Span, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _writeLock.Wait();
        try
        {
            WriteTransfer(buffer);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => WriteTransfer(buffer.Span), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _device.Dispose();
            _writeLock.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Read(Span<byte> destination, CancellationToken cancellationToken)
    {
        while (_readOffset == _readCount)
        {
            if (_disposed)
            {
                return 0;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var status = TransferWithStallRecovery(_inEndpoint, _readBuffer, PollMilliseconds, out var transferred);
            switch (status)
            {
                case UsbTransferStatus.Completed:
                case UsbTransferStatus.TimedOut:
                    _readOffset = 0;
                    _readCount = transferred;
                    break;
                case UsbTransferStatus.NoDevice:
                    return 0;
                default:
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"USB bulk IN transfer on endpoint 0x{_inEndpoint:X2} failed: {Describe(status)}"));
            }
        }

        var count = Math.Min(destination.Length, _readCount - _readOffset);
        _readBuffer.AsSpan(_readOffset, count).CopyTo(destination);
        _readOffset += count;
        return count;
    }

    private void WriteTransfer(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var copy = data.ToArray();
        var sent = 0;
        var deadline = Environment.TickCount64 + WriteTimeoutMilliseconds;
        while (sent < copy.Length)
        {
            var remaining = (int)Math.Max(1, deadline - Environment.TickCount64);
            var status = TransferWithStallRecovery(_outEndpoint, copy.AsSpan(sent), remaining, out var transferred);
            sent += transferred;
            if (status == UsbTransferStatus.Completed)
            {
                break;
            }

            if (status == UsbTransferStatus.TimedOut && Environment.TickCount64 >= deadline)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"USB bulk OUT transfer on endpoint 0x{_outEndpoint:X2} timed out after {WriteTimeoutMilliseconds} ms with {sent} of {copy.Length} bytes sent; the board is not reading. Check that its firmware is running, or reconnect it."));
            }

            if (status != UsbTransferStatus.TimedOut)
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"USB bulk OUT transfer on endpoint 0x{_outEndpoint:X2} failed after {sent} of {copy.Length} bytes: {Describe(status)}"));
            }
        }

        if (copy.Length > 0 && copy.Length % _device.MaxPacketSize == 0)
        {
            var status = TransferWithStallRecovery(_outEndpoint, Span<byte>.Empty, WriteTimeoutMilliseconds, out _);
            if (status != UsbTransferStatus.Completed)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"USB zero-length packet on endpoint 0x{_outEndpoint:X2} failed: {Describe(status)}"));
            }

            ZeroLengthPacketsSent++;
        }
    }

    private static string Describe(UsbTransferStatus status) => status switch
    {
        UsbTransferStatus.Stall => "the endpoint stalled again after its halt was cleared (LIBUSB_ERROR_PIPE); reset or reconnect the board.",
        UsbTransferStatus.Overflow => "the device sent more data than requested or a packet longer than the max packet size (LIBUSB_ERROR_OVERFLOW); the data is lost, so reconnect the board.",
        UsbTransferStatus.TimedOut => "the transfer timed out (LIBUSB_ERROR_TIMEOUT).",
        UsbTransferStatus.NoDevice => "the device was disconnected (LIBUSB_ERROR_NO_DEVICE).",
        _ => "libusb reported an error; reconnect the board.",
    };

    private UsbTransferStatus TransferWithStallRecovery(byte endpoint, Span<byte> buffer, int timeout, out int transferred)
    {
        var status = _device.Transfer(endpoint, buffer, timeout, out transferred);
        if (status != UsbTransferStatus.Stall)
        {
            return status;
        }

        _device.ClearHalt(endpoint);
        StallsCleared++;
        var done = transferred;
        status = _device.Transfer(endpoint, buffer[done..], timeout, out transferred);
        transferred += done;
        return status;
    }
}
