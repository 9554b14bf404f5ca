namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>A USB device found on the bus.</summary>
public sealed record UsbDeviceInfo(ushort VendorId, ushort ProductId, byte Bus, byte Address, string? SerialNumber);
