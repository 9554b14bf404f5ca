using System.Runtime.InteropServices;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>The few libusb-1.0 functions the USB transport needs (libusb 1.0.16 or later).</summary>
internal static unsafe partial class LibUsbNative
{
    public const string Library = "libusb-1.0.so.0";

    public const int Success = 0;
    public const int ErrorTimeout = -7;
    public const int ErrorPipe = -9;
    public const int ErrorOverflow = -8;
    public const int ErrorNoDevice = -4;

    [LibraryImport(Library, EntryPoint = "libusb_init")]
    public static partial int Init(out nint context);

    [LibraryImport(Library, EntryPoint = "libusb_exit")]
    public static partial void Exit(nint context);

    [LibraryImport(Library, EntryPoint = "libusb_get_device_list")]
    public static partial nint GetDeviceList(LibUsbContextHandle context, out nint list);

    [LibraryImport(Library, EntryPoint = "libusb_free_device_list")]
    public static partial void FreeDeviceList(nint list, int unreferenceDevices);

    [LibraryImport(Library, EntryPoint = "libusb_get_device_descriptor")]
    public static partial int GetDeviceDescriptor(nint device, out LibUsbDeviceDescriptor descriptor);

    [LibraryImport(Library, EntryPoint = "libusb_get_bus_number")]
    public static partial byte GetBusNumber(nint device);

    [LibraryImport(Library, EntryPoint = "libusb_get_device_address")]
    public static partial byte GetDeviceAddress(nint device);

    [LibraryImport(Library, EntryPoint = "libusb_get_max_packet_size")]
    public static partial int GetMaxPacketSize(nint device, byte endpoint);

    [LibraryImport(Library, EntryPoint = "libusb_open")]
    public static partial int Open(nint device, out nint handle);

    [LibraryImport(Library, EntryPoint = "libusb_close")]
    public static partial void Close(nint handle);

    [LibraryImport(Library, EntryPoint = "libusb_claim_interface")]
    public static partial int ClaimInterface(LibUsbDeviceHandle handle, int interfaceNumber);

    [LibraryImport(Library, EntryPoint = "libusb_release_interface")]
    public static partial int ReleaseInterface(nint handle, int interfaceNumber);

    [LibraryImport(Library, EntryPoint = "libusb_bulk_transfer")]
    public static partial int BulkTransfer(LibUsbDeviceHandle handle, byte endpoint, byte* data, int length, out int transferred, uint timeout);

    [LibraryImport(Library, EntryPoint = "libusb_clear_halt")]
    public static partial int ClearHalt(LibUsbDeviceHandle handle, byte endpoint);

    [LibraryImport(Library, EntryPoint = "libusb_get_string_descriptor_ascii")]
    public static partial int GetStringDescriptorAscii(LibUsbDeviceHandle handle, byte index, byte* data, int length);

    [LibraryImport(Library, EntryPoint = "libusb_error_name")]
    public static partial nint ErrorName(int code);

    /// <summary>Returns libusb's name of an error code, such as LIBUSB_ERROR_TIMEOUT.</summary>
    public static string DescribeError(int code) => Marshal.PtrToStringAnsi(ErrorName(code)) ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
