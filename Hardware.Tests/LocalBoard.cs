using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Host.Transport;
using NeuroDeploy.Runtime.Host.Usb;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Hardware.Tests;

/// <summary>
/// A virtual board served on one transport (pty, tcp, grpc, usb pipe, sim), or the board
/// that NEURODEPLOY_TARGET names. <see cref="Board"/> is null for an external target.
/// </summary>
public sealed class LocalBoard : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serve;
    private readonly InMemoryUsbBulkPipe? _usbPipe;

    private LocalBoard(string kind, string uri, VirtualBoard? board, Task serve, InMemoryUsbBulkPipe? usbPipe)
    {
        Kind = kind;
        Uri = uri;
        Board = board;
        _serve = serve;
        _usbPipe = usbPipe;
    }

    public static string? ExternalTarget => Environment.GetEnvironmentVariable("NEURODEPLOY_TARGET");

    /// <summary>Transports tested: only "external" when NEURODEPLOY_TARGET is set, else every local one.</summary>
    public static TheoryData<string> Kinds
    {
        get
        {
            var kinds = new TheoryData<string>();
            if (!string.IsNullOrEmpty(ExternalTarget))
            {
                kinds.Add("external");
                return kinds;
            }

            foreach (var kind in new[] { "pty", "tcp", "grpc", "usb", "sim" })
            {
                kinds.Add(kind);
            }

            return kinds;
        }
    }

    public string Kind { get; }

    public string Uri { get; }

    public VirtualBoard? Board { get; }

    public static LinkOptions TestLink { get; } = new() { RetransmitTimeout = TimeSpan.FromMilliseconds(100), MaxAttempts = 100 };

    public static async Task<LocalBoard> StartAsync(string kind, VirtualBoardOptions? options = null)
    {
        if (kind == "external")
        {
            return new LocalBoard(kind, ExternalTarget!, null, Task.CompletedTask, null);
        }

        var boardOptions = (options ?? new VirtualBoardOptions()) with { Link = TestLink };
        if (kind == "sim")
        {
            return new LocalBoard(kind, "sim://", null, Task.CompletedTask, null);
        }

        if (kind == "usb")
        {
            var pipe = new InMemoryUsbBulkPipe(64);
            var usbBoard = new VirtualBoard(boardOptions);
            var local = new LocalBoard(kind, "usb://1209:0001/PIPE", usbBoard, VirtualBoardServer.ServeStreamAsync(usbBoard, pipe.Device, CancellationToken.None), pipe);
            return local;
        }

        var transport = kind switch
        {
            "pty" => BoardTransport.Pty,
            "tcp" => BoardTransport.Tcp,
            _ => BoardTransport.Grpc,
        };
        var board = new VirtualBoard(boardOptions with { Transport = transport });
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopSource = new CancellationTokenSource();
        var serve = VirtualBoardServer.ServeAsync(board, line => announced.TrySetResult(line), stopSource.Token);
        var first = await Task.WhenAny(announced.Task, serve);
        if (first == serve)
        {
            await serve;
        }

        var address = await announced.Task;
        var uri = kind switch
        {
            "pty" => "serial://" + address + "?baud=3000000",
            "tcp" => "tcp://" + address,
            _ => "grpc://" + address,
        };
        var result = new LocalBoard(kind, uri, board, serve, null);
        result._stopSource = stopSource;
        return result;
    }

    private CancellationTokenSource? _stopSource;

    /// <summary>Opens a target for this board; <paramref name="hostFaults"/> damages what the host writes.</summary>
    public ITarget CreateTarget(FaultOptions? hostFaults = null, BoardClientOptions? client = null)
    {
        var clientOptions = client ?? new BoardClientOptions { RequestTimeout = TimeSpan.FromSeconds(30) };
        if (_usbPipe is { } pipe)
        {
            return new BoardTarget(
                new Uri(Uri),
                token => ConnectUsbAsync(pipe, hostFaults, token),
                clientOptions);
        }

        return Runtime.Host.Transport.TargetFactory.Open(Uri, new TargetFactoryOptions
        {
            Client = clientOptions,
            Link = TestLink,
            SerialLink = TestLink with { RetransmitTimeout = TimeSpan.FromMilliseconds(300) },
            HostFaults = hostFaults,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopSource is not null)
        {
            await _stopSource.CancelAsync();
        }

        _usbPipe?.Disconnect();
        await _serve;
        _stopSource?.Dispose();
        _stop.Dispose();
    }

    private static async Task<IBoardConnection> ConnectUsbAsync(InMemoryUsbBulkPipe pipe, FaultOptions? faults, CancellationToken token) =>
        await FramedBoardConnection.ConnectAsync(new UsbBulkStream(new SharedUsbDevice(pipe.Host), UsbBulkStream.DefaultOutEndpoint, UsbBulkStream.DefaultInEndpoint), TestLink, faults, token);

    /// <summary>Keeps the pipe usable after one stream over it is disposed, as a reconnect would.</summary>
    private sealed class SharedUsbDevice(IUsbBulkDevice inner) : IUsbBulkDevice
    {
        public int MaxPacketSize => inner.MaxPacketSize;

        public UsbTransferStatus Transfer(byte endpoint, Span<byte> buffer, int timeoutMilliseconds, out int transferred) =>
            inner.Transfer(endpoint, buffer, timeoutMilliseconds, out transferred);

        public void ClearHalt(byte endpoint) => inner.ClearHalt(endpoint);

        public void Dispose()
        {
        }
    }
}
