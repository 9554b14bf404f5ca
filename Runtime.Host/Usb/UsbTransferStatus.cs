namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>Outcome of one bulk transfer, as libusb reports it.</summary>
public enum UsbTransferStatus
{
    Completed,

    /// <summary>The timeout elapsed; some bytes may have been transferred (LIBUSB_ERROR_TIMEOUT).</summary>
    TimedOut,

    /// <summary>The endpoint halted (LIBUSB_ERROR_PIPE); clear the halt before the next transfer.</summary>
    Stall,

    /// <summary>The device sent more data than the buffer can contain (LIBUSB_ERROR_OVERFLOW).</summary>
    Overflow,

    /// <summary>The device was disconnected (LIBUSB_ERROR_NO_DEVICE).</summary>
    NoDevice,

    Error,
}
