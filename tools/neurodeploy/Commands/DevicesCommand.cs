using System.CommandLine;
using System.Globalization;
using NeuroDeploy.Runtime.Host.Transport;

namespace NeuroDeploy.Cli;

/// <summary><c>neurodeploy devices</c>: serial ports and USB boards that match known VID:PIDs.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List serial ports and USB devices with known vendor and product IDs, as target URIs.");
        command.SetAction(_ => CommandRunner.Run(() =>
        {
            var listing = DeviceEnumerator.List();
            Console.WriteLine(listing.SerialPorts.Count == 0 ? "serial: no /dev/ttyACM* or /dev/ttyUSB* ports" : "serial:");
            foreach (var port in listing.SerialPorts)
            {
                Console.WriteLine("  serial://" + port);
            }

            if (listing.UsbProblem is not null)
            {
                Console.WriteLine("usb: " + listing.UsbProblem);
            }
            else if (listing.UsbDevices.Count == 0)
            {
                Console.WriteLine("usb: no device with a known VID:PID ("
                    + string.Join(", ", DeviceEnumerator.KnownUsbIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"{id.VendorId:x4}:{id.ProductId:x4}"))) + ")");
            }
            else
            {
                Console.WriteLine("usb:");
                foreach (var device in listing.UsbDevices)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  usb://{device.VendorId:x4}:{device.ProductId:x4}{(device.SerialNumber is null ? "" : "/" + device.SerialNumber)} (bus {device.Bus}, address {device.Address})"));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
