namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>Devices found, or why none could be listed.</summary>
public sealed record UsbEnumerationResult(IReadOnlyList<UsbDeviceInfo> Devices, string? Problem);
