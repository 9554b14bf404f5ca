using NeuroDeploy.Firmware.Protocol.Messages;
using NeuroDeploy.Runtime.Host.Usb;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>Finds boards attached to this machine: CDC-ACM and USB-serial ports, and USB devices with known IDs.</summary>
public static class DeviceEnumerator
{
    /// <summary>USB vendor and product IDs of NeuroDeploy boards.</summary>
    public static IReadOnlyList<(ushort VendorId, ushort ProductId)> KnownUsbIds { get; } =
        [(BoardProtocol.UsbVendorId, BoardProtocol.UsbProductId)];

    public static DeviceListing List()
    {
        var ports = new List<string>();
        if (Directory.Exists("/dev"))
        {
            ports.AddRange(Directory.EnumerateFiles("/dev", "ttyACM*"));
            ports.AddRange(Directory.EnumerateFiles("/dev", "ttyUSB*"));
            ports.Sort(StringComparer.Ordinal);
        }

        var devices = new List<UsbDeviceInfo>();
        string? problem = null;
        foreach (var (vendor, product) in KnownUsbIds)
        {
            var result = LibUsbBulkDevice.Enumerate(vendor, product);
            devices.AddRange(result.Devices);
            problem ??= result.Problem;
        }

        return new DeviceListing(ports, devices, problem);
    }
}
