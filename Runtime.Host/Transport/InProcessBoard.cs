using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Transport;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>
/// A virtual board in this process, reached through an in-memory byte pipe with the same
/// framing and link layer as a serial line.
/// </summary>
public sealed class InProcessBoard : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Lock _lock = new();

    public InProcessBoard(VirtualBoard board)
    {
        Board = board;
    }

    public VirtualBoard Board { get; }

    /// <summary>Opens a new connection to the board; <paramref name="hostFaults"/> damages what the host writes.</summary>
    public async Task<IBoardConnection> ConnectAsync(LinkOptions link, FaultOptions? hostFaults, CancellationToken cancellationToken)
    {
        var (hostEnd, boardEnd) = InMemoryDuplexStream.CreatePair();
        lock (_lock)
        {
            _sessions.Add(VirtualBoardServer.ServeStreamAsync(Board, boardEnd, _stop.Token));
        }

        return await FramedBoardConnection.ConnectAsync(hostEnd, link, hostFaults, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
