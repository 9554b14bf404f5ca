using System.Runtime.InteropServices;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>An open libusb device with interface 0 claimed; released with libusb_release_interface and libusb_close.</summary>
internal sealed class LibUsbDeviceHandle : SafeHandle
{
    public LibUsbDeviceHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public bool InterfaceClaimed { get; set; }

    internal void Attach(nint raw) => SetHandle(raw);

    protected override bool ReleaseHandle()
    {
        if (InterfaceClaimed)
        {
            // Closing the handle releases the interface even when this call fails.
            _ = LibUsbNative.ReleaseInterface(handle, 0);
        }

        LibUsbNative.Close(handle);
        return true;
    }
}
