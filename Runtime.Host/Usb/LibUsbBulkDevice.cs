using System.Globalization;
using System.Text;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>A board's bulk endpoints through libusb-1.0.</summary>
public sealed unsafe class LibUsbBulkDevice : IUsbBulkDevice
{
    private readonly LibUsbContextHandle _context;
    private readonly LibUsbDeviceHandle _handle;

    private LibUsbBulkDevice(LibUsbContextHandle context, LibUsbDeviceHandle handle, int maxPacketSize)
    {
        _context = context;
        _handle = handle;
        MaxPacketSize = maxPacketSize;
    }

    public int MaxPacketSize { get; }

    /// <summary>
    /// Lists the devices on the bus that match <paramref name="vendorId"/> and
    /// <paramref name="productId"/> (or all devices when both are null). When the library or the
    /// bus is missing, or libusb fails, the result names the problem instead of an exception.
    /// </summary>
    public static UsbEnumerationResult Enumerate(ushort? vendorId, ushort? productId)
    {
        LibUsbContextHandle context;
        int init;
        try
        {
            init = LibUsbContextHandle.Create(out context);
        }
        catch (DllNotFoundException error)
        {
            return new UsbEnumerationResult([], "libusb-1.0 is not installed (" + error.Message + "); install libusb-1.0-0 to use USB boards.");
        }

        using (context)
        {
            if (init != LibUsbNative.Success)
            {
                return new UsbEnumerationResult([], "libusb_init failed with " + LibUsbNative.DescribeError(init) + UsbBusHint() + ".");
            }

            var devices = new List<UsbDeviceInfo>();
            var count = (long)LibUsbNative.GetDeviceList(context, out var list);
            if (count < 0)
            {
                return new UsbEnumerationResult([], "libusb_get_device_list failed with " + LibUsbNative.DescribeError((int)count) + UsbBusHint() + ".");
            }

            try
            {
                for (var k = 0; k < count; k++)
                {
                    var device = ((nint*)list)[k];
                    if (LibUsbNative.GetDeviceDescriptor(device, out var descriptor) != LibUsbNative.Success)
                    {
                        continue;
                    }

                    if ((vendorId is null || descriptor.VendorId == vendorId) && (productId is null || descriptor.ProductId == productId))
                    {
                        devices.Add(new UsbDeviceInfo(descriptor.VendorId, descriptor.ProductId, LibUsbNative.GetBusNumber(device), LibUsbNative.GetDeviceAddress(device), ReadSerial(device, descriptor)));
                    }
                }
            }
            finally
            {
                LibUsbNative.FreeDeviceList(list, 1);
            }

            var problem = count == 0 ? "libusb found no USB devices at all" + UsbBusHint() + "." : null;
            return new UsbEnumerationResult(devices, problem);
        }
    }

    /// <summary>Opens the first device that matches <paramref name="selector"/> and claims interface 0.</summary>
    public static LibUsbBulkDevice Open(UsbDeviceSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var init = LibUsbContextHandle.Create(out var context);
        if (init != LibUsbNative.Success)
        {
            context.Dispose();
            throw new IOException("Cannot open USB device " + selector + ": libusb_init failed with " + LibUsbNative.DescribeError(init) + UsbBusHint() + ".");
        }

        try
        {
            var count = (long)LibUsbNative.GetDeviceList(context, out var list);
            if (count < 0)
            {
                throw new IOException("Cannot open USB device " + selector + ": libusb_get_device_list failed with " + LibUsbNative.DescribeError((int)count) + UsbBusHint() + ".");
            }

            try
            {
                for (var k = 0; k < count; k++)
                {
                    var device = ((nint*)list)[k];
                    if (LibUsbNative.GetDeviceDescriptor(device, out var descriptor) != LibUsbNative.Success
                        || descriptor.VendorId != selector.VendorId
                        || descriptor.ProductId != selector.ProductId)
                    {
                        continue;
                    }

                    if (selector.SerialNumber is not null && !string.Equals(ReadSerial(device, descriptor), selector.SerialNumber, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    return OpenDevice(context, device, selector);
                }
            }
            finally
            {
                LibUsbNative.FreeDeviceList(list, 1);
            }

            throw new IOException("No USB device " + selector + " found" + UsbBusHint() + "; connect the board or check `neurodeploy devices`.");
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    public UsbTransferStatus Transfer(byte endpoint, Span<byte> buffer, int timeoutMilliseconds, out int transferred)
    {
        int result;
        fixed (byte* data = buffer)
        {
            result = LibUsbNative.BulkTransfer(_handle, endpoint, data, buffer.Length, out transferred, (uint)Math.Max(1, timeoutMilliseconds));
        }

        return result switch
        {
            LibUsbNative.Success => UsbTransferStatus.Completed,
            LibUsbNative.ErrorTimeout => UsbTransferStatus.TimedOut,
            LibUsbNative.ErrorPipe => UsbTransferStatus.Stall,
            LibUsbNative.ErrorOverflow => UsbTransferStatus.Overflow,
            LibUsbNative.ErrorNoDevice => UsbTransferStatus.NoDevice,
            _ => UsbTransferStatus.Error,
        };
    }

    public void ClearHalt(byte endpoint)
    {
        var result = LibUsbNative.ClearHalt(_handle, endpoint);
        if (result != LibUsbNative.Success)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"libusb_clear_halt on endpoint 0x{endpoint:X2} failed with {LibUsbNative.DescribeError(result)}."));
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        _context.Dispose();
    }

    private static LibUsbBulkDevice OpenDevice(LibUsbContextHandle context, nint device, UsbDeviceSelector selector)
    {
        var result = LibUsbNative.Open(device, out var raw);
        if (result != LibUsbNative.Success)
        {
            throw new IOException("Cannot open USB device " + selector + ": libusb_open failed with " + LibUsbNative.DescribeError(result) + "; check the udev rules give you access to the device.");
        }

        var handle = new LibUsbDeviceHandle();
        handle.Attach(raw);
        result = LibUsbNative.ClaimInterface(handle, 0);
        if (result != LibUsbNative.Success)
        {
            handle.Dispose();
            throw new IOException("Cannot claim interface 0 of USB device " + selector + ": " + LibUsbNative.DescribeError(result) + "; another program may hold it.");
        }

        handle.InterfaceClaimed = true;
        var maxPacket = LibUsbNative.GetMaxPacketSize(device, UsbBulkStream.DefaultInEndpoint);
        if (maxPacket <= 0)
        {
            handle.Dispose();
            throw new IOException("USB device " + selector + " has no bulk IN endpoint 0x81: " + LibUsbNative.DescribeError(maxPacket) + ".");
        }

        return new LibUsbBulkDevice(context, handle, maxPacket);
    }

    private static string? ReadSerial(nint device, LibUsbDeviceDescriptor descriptor)
    {
        if (descriptor.SerialNumberIndex == 0 || LibUsbNative.Open(device, out var raw) != LibUsbNative.Success)
        {
            return null;
        }

        using var handle = new LibUsbDeviceHandle();
        handle.Attach(raw);
        var buffer = stackalloc byte[256];
        var length = LibUsbNative.GetStringDescriptorAscii(handle, descriptor.SerialNumberIndex, buffer, 256);
        return length > 0 ? Encoding.ASCII.GetString(buffer, length) : null;
    }

    private static string UsbBusHint() =>
        Directory.Exists("/dev/bus/usb") ? string.Empty : " (no USB bus: /dev/bus/usb does not exist on this machine)";
}
