namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>
/// A device's pair of bulk endpoints with libusb's synchronous transfer semantics: an OUT
/// transfer sends the buffer as packets of at most <see cref="MaxPacketSize"/> bytes (an
/// empty buffer sends a zero-length packet); an IN transfer ends when the buffer is full or
/// a packet shorter than <see cref="MaxPacketSize"/> (including a zero-length one) arrives.
/// </summary>
public interface IUsbBulkDevice : IDisposable
{
    /// <summary>wMaxPacketSize of the bulk endpoints, in bytes.</summary>
    int MaxPacketSize { get; }

    /// <summary>Performs one bulk transfer; <paramref name="transferred"/> counts the bytes moved even on a timeout.</summary>
    UsbTransferStatus Transfer(byte endpoint, Span<byte> buffer, int timeoutMilliseconds, out int transferred);

    /// <summary>Clears a halt (stall) on an endpoint.</summary>
    void ClearHalt(byte endpoint);
}
