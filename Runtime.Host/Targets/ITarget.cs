using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>
/// A board or simulator that runs images: connect, flash, run. Every transport implements it,
/// so a run is a pure function of image, input and target.
/// </summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>The URI the target was opened with.</summary>
    Uri Uri { get; }

    /// <summary>Connects and performs the handshake; returns what the device reports.</summary>
    Task<TargetInfo> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Writes an image and activates it once its digest verifies.</summary>
    Task FlashAsync(ReadOnlyMemory<byte> image, IProgress<FlashProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Runs one sample on the active image.</summary>
    Task<ChipRunResult> RunAsync(ChipInput input, RunOptions options, CancellationToken cancellationToken);

    /// <summary>Resets the network state; the active image stays.</summary>
    Task ResetAsync(CancellationToken cancellationToken);
}
