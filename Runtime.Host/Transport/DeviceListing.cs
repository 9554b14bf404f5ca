using NeuroDeploy.Runtime.Host.Usb;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>Serial ports and USB boards found on this machine, and why USB could not be listed, if so.</summary>
public sealed record DeviceListing(IReadOnlyList<string> SerialPorts, IReadOnlyList<UsbDeviceInfo> UsbDevices, string? UsbProblem)
{
    /// <summary>Returns the target URIs of every device found.</summary>
    public IEnumerable<string> TargetUris() =>
        SerialPorts.Select(p => "serial://" + p).Concat(UsbDevices.Select(d => "usb://" + new UsbDeviceSelector(d.VendorId, d.ProductId, d.SerialNumber)));
}
