using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>Serves a <see cref="VirtualBoard"/> on a pty, on TCP or as a gRPC server.</summary>
public static class VirtualBoardServer
{
    /// <summary>
    /// Creates a board from <paramref name="options"/> and serves it until
    /// <paramref name="cancellationToken"/> is cancelled. <paramref name="announce"/> receives
    /// one line once the board accepts connections: the pty slave path, or 127.0.0.1:PORT.
    /// </summary>
    /// <exception cref="PortInUseException">The TCP or gRPC port is taken by another listener.</exception>
    public static Task ServeAsync(VirtualBoardOptions options, Action<string> announce, CancellationToken cancellationToken) =>
        ServeAsync(new VirtualBoard(options), announce, cancellationToken);

    /// <summary>Serves an existing board with the transport and port of its options.</summary>
    public static Task ServeAsync(VirtualBoard board, Action<string> announce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(announce);
        return board.Options.Transport switch
        {
            BoardTransport.Pty => ServePtyAsync(board, announce, cancellationToken),
            BoardTransport.Tcp => ServeTcpAsync(board, announce, cancellationToken),
            BoardTransport.Grpc => ServeGrpcAsync(board, announce, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(board), board.Options.Transport, "Unknown transport; use pty, tcp or grpc."),
        };
    }

    /// <summary>
    /// Serves one byte-stream connection (framed, with the link layer) until the stream ends,
    /// the link fails or <paramref name="cancellationToken"/> is cancelled. Disposes the stream.
    /// </summary>
    public static async Task ServeStreamAsync(VirtualBoard board, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(stream);
        var link = new LinkLayer(WithFaults(stream, board.Options.Faults), board.Options.Link, isInitiator: false);
        await using (link.ConfigureAwait(false))
        {
            link.Start();
            var session = new BoardSession(board, new MessageChannel(link));
            try
            {
                await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static Stream WithFaults(Stream stream, FaultOptions? faults) =>
        faults is null ? stream : new FaultInjectingStream(stream, faults);

    private static async Task ServePtyAsync(VirtualBoard board, Action<string> announce, CancellationToken cancellationToken)
    {
        using var pty = PseudoTerminal.Open();
        announce(pty.SlavePath);
        var serve = ServeStreamAsync(board, pty.OpenMasterStream(), cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // A read of the master blocks in the kernel and ignores cancellation, so bytes written to the
        // slave wake it and the link can shut down. Once the link has closed the master, the write
        // fails with EIO and the serve task only needs to be awaited.
        while (!serve.IsCompleted)
        {
            try
            {
                pty.WriteToSlave([0]);
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(serve, Task.Delay(10, CancellationToken.None)).ConfigureAwait(false);
        }

        await serve.ConfigureAwait(false);
    }

    private static async Task ServeTcpAsync(VirtualBoard board, Action<string> announce, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, board.Options.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new PortInUseException(board.Options.Port, error);
        }

        var connections = new List<Task>();
        try
        {
            var endPoint = (IPEndPoint)listener.LocalEndpoint;
            announce(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{endPoint.Port}"));
            while (!cancellationToken.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                client.NoDelay = true;
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeClientAsync(board, client, cancellationToken));
            }
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(connections).ConfigureAwait(false);
        }
    }

    private static async Task ServeClientAsync(VirtualBoard board, TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            await ServeStreamAsync(board, client.GetStream(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ServeGrpcAsync(VirtualBoard board, Action<string> announce, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, board.Options.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 256 * 1024 * 1024;
            grpc.EnableDetailedErrors = true;
        });
        builder.Services.AddSingleton(board);

        // The default ConsoleLifetime handles SIGINT and SIGTERM itself and marks them handled,
        // so the caller's token never fires and the server keeps running. The caller owns
        // shutdown through cancellationToken instead.
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            app.MapGrpcService<BoardGrpcService>();
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException error) when (error.InnerException is AddressInUseException)
            {
                throw new PortInUseException(board.Options.Port, error);
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            announce(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{new Uri(address).Port}"));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Host lifetime that installs no signal handlers, because the caller's token stops the server.</summary>
    private sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
