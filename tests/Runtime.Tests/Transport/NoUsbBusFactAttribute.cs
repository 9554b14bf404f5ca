namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>A test that expects a machine without a USB bus (no /dev/bus/usb); skipped on one with a bus.</summary>
public sealed class NoUsbBusFactAttribute : FactAttribute
{
    public NoUsbBusFactAttribute()
    {
        if (Directory.Exists("/dev/bus/usb"))
        {
            Skip = "this machine has a USB bus (/dev/bus/usb exists)";
        }
    }
}
