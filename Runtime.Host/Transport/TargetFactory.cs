using System.Globalization;
using System.IO.Ports;
using System.Net.Sockets;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Host.Usb;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>Opens a target from its URI.</summary>
public static class TargetFactory
{
    /// <summary>Text listing the accepted URI forms, for error and help messages.</summary>
    public const string AcceptedForms =
        "sim:// (in-process simulator, optional ?profile=NAME), "
        + "serial:///dev/ttyACM0?baud=3000000, "
        + "tcp://127.0.0.1:7000, "
        + "grpc://127.0.0.1:50051, "
        + "usb://1209:0001 or usb://1209:0001/SERIAL";

    /// <summary>Default serial speed in bit/s when the URI has no baud query.</summary>
    public const int DefaultBaudRate = 3_000_000;

    /// <summary>Opens a target; nothing connects until <see cref="ITarget.ConnectAsync"/>.</summary>
    public static ITarget Open(string uri) => Open(uri, new TargetFactoryOptions());

    public static ITarget Open(string uri, TargetFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw BadUri(uri ?? string.Empty, "the URI is empty");
        }

        var scheme = uri.Split("://", 2)[0].ToLowerInvariant();
        return scheme switch
        {
            "sim" => OpenSimulator(uri, options),
            "serial" => OpenSerial(uri, options),
            "tcp" => OpenTcp(uri, options),
            "grpc" => OpenGrpc(uri, options),
            "usb" => OpenUsb(uri, options),
            _ => throw BadUri(uri, "unknown scheme \"" + scheme + "\""),
        };
    }

    private static BoardTarget OpenSimulator(string text, TargetFactoryOptions options)
    {
        var uri = Parse(text);
        if (!string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/"))
        {
            throw BadUri(text, "a simulator URI has nothing between sim:// and the optional ?profile=NAME");
        }

        var boardOptions = options.Simulator;
        var profile = QueryValue(uri, "profile");
        if (profile is not null)
        {
            boardOptions = boardOptions with { Profile = profile };
        }

        var board = new InProcessBoard(new VirtualBoard(boardOptions));
        return new BoardTarget(uri, token => board.ConnectAsync(options.Link, options.HostFaults, token), options.Client, board);
    }

    private static BoardTarget OpenSerial(string text, TargetFactoryOptions options)
    {
        var uri = Parse(text);
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (string.IsNullOrEmpty(path) || string.Equals(path, "/", StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.Host))
        {
            throw BadUri(text, "a serial URI needs a device path after three slashes, as in serial:///dev/ttyACM0");
        }

        var baud = DefaultBaudRate;
        if (QueryValue(uri, "baud") is { } baudText
            && (!int.TryParse(baudText, NumberStyles.None, CultureInfo.InvariantCulture, out baud) || baud <= 0))
        {
            throw BadUri(text, "baud \"" + baudText + "\" is not a positive integer (bit/s)");
        }

        return new BoardTarget(
            uri,
            async token =>
            {
                // Opening a missing device reports "access denied" on Linux, so check for it first.
                // Windows port names such as COM3 are not files and skip this check.
                if (!OperatingSystem.IsWindows() && !File.Exists(path))
                {
                    throw new FileNotFoundException($"serial device {path} not found; `neurodeploy devices` lists the serial ports.", path);
                }

                var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, ReadTimeout = SerialPort.InfiniteTimeout };
                try
                {
                    port.Open();
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    port.Dispose();
                    throw new IOException($"Failed to open serial port {path} at {baud} bit/s: {error.Message.TrimEnd('.')}. Check the path (see `neurodeploy devices`) and that no other program has the port open.", error);
                }

                port.DiscardInBuffer();
                var stream = new OwningStream(port.BaseStream, port);
                return await FramedBoardConnection.ConnectAsync(stream, options.SerialLink, options.HostFaults, token).ConfigureAwait(false);
            },
            options.Client);
    }

    private static BoardTarget OpenTcp(string text, TargetFactoryOptions options)
    {
        var uri = ParseHostPort(text);
        return new BoardTarget(
            uri,
            async token =>
            {
                var client = new TcpClient { NoDelay = true };
                try
                {
                    await client.ConnectAsync(uri.Host, uri.Port, token).ConfigureAwait(false);
                }
                catch (SocketException error)
                {
                    client.Dispose();
                    throw new IOException($"Cannot connect to the board at {uri.Host}:{uri.Port}: {error.Message}. Check that the board server is running on that port.", error);
                }

                var stream = new OwningStream(client.GetStream(), client);
                return await FramedBoardConnection.ConnectAsync(stream, options.Link, options.HostFaults, token).ConfigureAwait(false);
            },
            options.Client);
    }

    private static BoardTarget OpenGrpc(string text, TargetFactoryOptions options)
    {
        var uri = ParseHostPort(text);
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{uri.Host}:{uri.Port}"));
        return new BoardTarget(uri, _ => Task.FromResult<IBoardConnection>(new GrpcBoardConnection(address)), options.Client);
    }

    private static BoardTarget OpenUsb(string text, TargetFactoryOptions options)
    {
        var selector = UsbDeviceSelector.Parse(text);

        // System.Uri reads "usb://1209:ABCD" as host 1209 with port ABCD, so it rejects a PID
        // with hex letters and turns PID 0001 into port 1. The opaque form usb:VID:PID[/SERIAL]
        // keeps the IDs as written.
        var serial = selector.SerialNumber is null ? string.Empty : "/" + Uri.EscapeDataString(selector.SerialNumber);
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"usb:{selector.VendorId:x4}:{selector.ProductId:x4}{serial}"));
        return new BoardTarget(
            uri,
            async token =>
            {
                var device = LibUsbBulkDevice.Open(selector);
                var stream = new UsbBulkStream(device, UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint);
                return await FramedBoardConnection.ConnectAsync(stream, options.SerialLink, options.HostFaults, token).ConfigureAwait(false);
            },
            options.Client);
    }

    private static Uri Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw BadUri(text, "it is not a valid URI");
        }

        return uri;
    }

    private static Uri ParseHostPort(string text)
    {
        var uri = Parse(text);
        if (string.IsNullOrEmpty(uri.Host) || uri.IsDefaultPort || uri.Port <= 0)
        {
            throw BadUri(text, "it needs a host and a port, as in " + uri.Scheme + "://127.0.0.1:7000");
        }

        return uri;
    }

    private static string? QueryValue(Uri uri, string key)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (string.Equals(parts[0], key, StringComparison.OrdinalIgnoreCase))
            {
                return parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            }
        }

        return null;
    }

    internal static ArgumentException BadUri(string uri, string reason) =>
        new($"Invalid target URI \"{uri}\": {reason}. Accepted forms: {AcceptedForms}.", nameof(uri));
}
