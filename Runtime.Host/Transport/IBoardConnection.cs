using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>
/// The board protocol's requests over one transport. A rejected request throws
/// <see cref="NeuroDeploy.Firmware.Protocol.Messages.BoardException"/> with the board's code.
/// </summary>
public interface IBoardConnection : IAsyncDisposable
{
    /// <summary>Flash chunks that may be outstanding at once without reordering.</summary>
    int MaxChunksInFlight { get; }

    Task<HelloReply> HandshakeAsync(Hello hello, CancellationToken cancellationToken);

    Task<FlashBeginReply> BeginFlashAsync(FlashBegin begin, CancellationToken cancellationToken);

    Task<FlashChunkAck> WriteChunkAsync(FlashChunk chunk, CancellationToken cancellationToken);

    Task<BoardStatus> EndFlashAsync(CancellationToken cancellationToken);

    Task<BoardStatus> VerifyAsync(CancellationToken cancellationToken);

    Task ResetAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the active image's encoder program; the reply is the board's status.</summary>
    Task<BoardStatus> SetEncoderAsync(SetEncoder request, CancellationToken cancellationToken);

    /// <summary>Runs one sample; yields the run's events, the last one RunComplete.</summary>
    IAsyncEnumerable<RunEvent> RunAsync(RunRequest request, CancellationToken cancellationToken);
}
