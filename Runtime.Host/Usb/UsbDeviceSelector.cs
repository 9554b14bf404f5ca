using System.Globalization;
using NeuroDeploy.Runtime.Host.Transport;

namespace NeuroDeploy.Runtime.Host.Usb;

/// <summary>Which USB device a <c>usb://VID:PID[/SERIAL]</c> URI names.</summary>
public sealed record UsbDeviceSelector(ushort VendorId, ushort ProductId, string? SerialNumber)
{
    /// <summary>Parses <c>usb://VID:PID</c> or <c>usb://VID:PID/SERIAL</c>, with VID and PID as 4 hex digits.</summary>
    public static UsbDeviceSelector Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string Prefix = "usb://";
        if (!uri.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw TargetFactory.BadUri(uri, "a USB URI starts with usb://");
        }

        var rest = uri[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var ids = slash < 0 ? rest : rest[..slash];
        var serial = slash < 0 ? null : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var parts = ids.Split(':');
        if (parts.Length != 2
            || parts[0].Length != 4
            || parts[1].Length != 4
            || !ushort.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var vendor)
            || !ushort.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var product))
        {
            throw TargetFactory.BadUri(uri, "\"" + ids + "\" is not VID:PID with 4 hex digits each, as in 1209:0001");
        }

        if (serial is not null && serial.Length == 0)
        {
            throw TargetFactory.BadUri(uri, "the serial number after the slash is empty; drop the slash or give the serial number");
        }

        return new UsbDeviceSelector(vendor, product, serial);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{VendorId:x4}:{ProductId:x4}") + (SerialNumber is null ? string.Empty : "/" + SerialNumber);
}
