using System.Runtime.InteropServices;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>struct libusb_device_descriptor (18 bytes, USB 2.0 section 9.6.1).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibUsbDeviceDescriptor
{
    public byte Length;
    public byte DescriptorType;
    public ushort UsbVersion;
    public byte DeviceClass;
    public byte DeviceSubClass;
    public byte DeviceProtocol;
    public byte MaxPacketSize0;
    public ushort VendorId;
    public ushort ProductId;
    public ushort DeviceVersion;
    public byte ManufacturerIndex;
    public byte ProductIndex;
    public byte SerialNumberIndex;
    public byte ConfigurationCount;
}
