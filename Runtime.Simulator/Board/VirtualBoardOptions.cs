using NeuroDeploy.Firmware.Protocol.Faults;
using NeuroDeploy.Firmware.Protocol.Link;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>Settings of a virtual board and of how it is served.</summary>
public sealed record VirtualBoardOptions
{
    public BoardTransport Transport { get; init; } = BoardTransport.Tcp;

    /// <summary>TCP port for <see cref="BoardTransport.Tcp"/> and <see cref="BoardTransport.Grpc"/>; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Hardware profile the board implements; images for other profiles are rejected.</summary>
    public string Profile { get; init; } = "generic";

    public string DeviceName { get; init; } = "NeuroDeploy virtual board";

    public string FirmwareVersion { get; init; } = "0.1.0";

    public string SerialNumber { get; init; } = "VIRTUAL-0001";

    /// <summary>Largest flash chunk the board accepts, in bytes.</summary>
    public int MaxChunkSize { get; init; } = BoardProtocol.DefaultMaxChunkSize;

    /// <summary>Largest image the board stores, in bytes.</summary>
    public long MaxImageSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Protocol version the board reports; differs from <see cref="BoardProtocol.Version"/> only in tests.</summary>
    public uint ProtocolVersion { get; init; } = BoardProtocol.Version;

    /// <summary>Link settings on byte-stream transports.</summary>
    public LinkOptions Link { get; init; } = new();

    /// <summary>Faults applied to what the board writes on byte-stream transports, or null for none.</summary>
    public FaultOptions? Faults { get; init; }

    /// <summary>Throws when a setting is out of range, naming it and its valid range.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Port {Port} is invalid; use 0 (any free port) to 65535.");
        }

        if (string.IsNullOrWhiteSpace(Profile))
        {
            throw new InvalidOperationException("The board profile name is empty; set it to the profile the images are compiled for, such as \"generic\".");
        }

        if (MaxChunkSize is < 16 or > BoardProtocol.DefaultMaxChunkSize * 2)
        {
            throw new InvalidOperationException($"Max chunk size {MaxChunkSize} is invalid; use 16 to {BoardProtocol.DefaultMaxChunkSize * 2} bytes so a chunk fits one frame.");
        }

        if (MaxImageSize <= 0 || MaxImageSize > Array.MaxLength)
        {
            throw new InvalidOperationException($"Max image size {MaxImageSize} is invalid; use 1 to {Array.MaxLength} bytes.");
        }

        Link.Validate();
        Faults?.Validate();
    }
}
