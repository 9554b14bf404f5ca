using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Runtime.Simulator.Board;

namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>Settings that <see cref="TargetFactory"/> applies to the targets it opens.</summary>
public sealed record TargetFactoryOptions
{
    public BoardClientOptions Client { get; init; } = new();

    /// <summary>Link settings for TCP and in-process targets.</summary>
    public LinkOptions Link { get; init; } = new();

    /// <summary>
    /// Link settings for serial and USB targets; the longer timeout covers a full window of
    /// 8 KiB frames at 3 Mbit/s (about 220 ms).
    /// </summary>
    public LinkOptions SerialLink { get; init; } = new() { RetransmitTimeout = TimeSpan.FromMilliseconds(600) };

    /// <summary>Faults applied to what the host writes on byte-stream targets, or null for none.</summary>
    public FaultOptions? HostFaults { get; init; }

    /// <summary>Board settings of <c>sim://</c> targets; the URI's <c>profile</c> query overrides the profile.</summary>
    public VirtualBoardOptions Simulator { get; init; } = new();
}
