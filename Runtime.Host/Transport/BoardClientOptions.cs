namespace NeuroDeploy.Runtime.Host.Transport;

/// <summary>Settings of a <see cref="BoardClient"/>.</summary>
public sealed record BoardClientOptions
{
    /// <summary>Time one request may take before it fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time a run may take, from its start to RunComplete.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest flash chunk to send; the board's own limit applies as well.</summary>
    public int MaxChunkSize { get; init; } = int.MaxValue;

    /// <summary>Protocol version the host announces; differs from the built-in one only in tests.</summary>
    public uint ProtocolVersion { get; init; } = Firmware.Protocol.Messages.BoardProtocol.Version;

    /// <summary>Input values per InputEvents message, at most.</summary>
    public int MaxValuesPerInputMessage { get; init; } = 2048;
}
