using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Host.Usb;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>
/// The libusb-1.0 binding as far as a machine allows. Without /dev/bus/usb (containers, CI)
/// libusb initializes but finds no devices, and the results name that problem.
/// </summary>
public sealed class LibUsbTests
{
    private const string NoBusHint = " (no USB bus: /dev/bus/usb does not exist on this machine)";

    private static bool HasUsbBus => Directory.Exists("/dev/bus/usb");

    [Fact]
    public void InitSucceedsAndContextReleases()
    {
        var result = LibUsbContextHandle.Create(out var context);
        Assert.Equal(LibUsbNative.Success, result);
        Assert.False(context.IsInvalid);
        Assert.False(context.IsClosed);

        context.Dispose();
        Assert.True(context.IsClosed);
    }

    [Fact]
    public void UnopenedDeviceHandleDisposes()
    {
        var handle = new LibUsbDeviceHandle();
        Assert.True(handle.IsInvalid);
        handle.Dispose();
        Assert.True(handle.IsClosed);
    }

    [NoUsbBusFact]
    public void EnumerateWithoutBusNamesProblem()
    {
        var result = LibUsbBulkDevice.Enumerate(null, null);
        Assert.Empty(result.Devices);
        Assert.Equal("libusb found no USB devices at all" + NoBusHint + ".", result.Problem);
    }

    [NoUsbBusFact]
    public void OpenWithoutBusReportsNoDevice()
    {
        var error = Assert.Throws<IOException>(() => LibUsbBulkDevice.Open(new UsbDeviceSelector(0x1209, 0x0001, null)));
        Assert.Equal("No USB device 1209:0001 found" + NoBusHint + "; connect the board or check `neurodeploy devices`.", error.Message);
    }

    [Fact]
    public void DeviceListMatchesMachine()
    {
        var listing = DeviceEnumerator.List();
        var expectedPorts = Directory.EnumerateFiles("/dev", "ttyACM*").Concat(Directory.EnumerateFiles("/dev", "ttyUSB*")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedPorts, listing.SerialPorts);
        if (!HasUsbBus)
        {
            Assert.Empty(listing.UsbDevices);
            Assert.Equal("libusb found no USB devices at all" + NoBusHint + ".", listing.UsbProblem);
            Assert.Equal(expectedPorts.Select(p => "serial://" + p), listing.TargetUris());
        }
    }
}
