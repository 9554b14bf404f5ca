using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>
/// The simulator in this process, called directly without a protocol in between. The fastest
/// way to run an image; the protocol targets are checked against it.
/// </summary>
public sealed class ChipTarget : ITarget
{
    private Chip? _chip;

    public ChipTarget(Uri uri)
    {
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <summary>The chip of the active image, or null before the first flash.</summary>
    public Chip? Chip => _chip;

    public Task<TargetInfo> ConnectAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TargetInfo("in-process simulator", "any", 1, ImageVersion(), ["run", "record"]));

    public Task FlashAsync(ReadOnlyMemory<byte> image, IProgress<FlashProgress>? progress, CancellationToken cancellationToken)
    {
        var parsed = ImageDigest.ParseVerified(image.Span);
        _chip = new Chip(parsed);
        progress?.Report(new FlashProgress(image.Length, image.Length));
        return Task.CompletedTask;
    }

    /// <summary>Activates an already parsed image without serializing it.</summary>
    public void Load(NeuroImage image) => _chip = new Chip(image);

    public Task<ChipRunResult> RunAsync(ChipInput input, RunOptions options, CancellationToken cancellationToken)
    {
        var chip = _chip ?? throw new InvalidOperationException("No image is active on sim://; flash one first.");
        return Task.FromResult(chip.Run(input, options.Record));
    }

    public Task ResetAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string ImageVersion() => typeof(Chip).Assembly.GetName().Version?.ToString(3) ?? "0";
}
