using System.Runtime.InteropServices;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>A libusb context; released with libusb_exit.</summary>
internal sealed class LibUsbContextHandle : SafeHandle
{
    public LibUsbContextHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Initializes libusb; returns the libusb error code (0 on success).</summary>
    public static int Create(out LibUsbContextHandle context)
    {
        context = new LibUsbContextHandle();
        var result = LibUsbNative.Init(out var raw);
        if (result == LibUsbNative.Success)
        {
            context.SetHandle(raw);
        }

        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibUsbNative.Exit(handle);
        return true;
    }
}
