namespace NeuroDeploy.Runtime.Host.Targets;

/// <summary>What a target reports at the handshake.</summary>
public sealed record TargetInfo(
    string Device,
    string Profile,
    uint ProtocolVersion,
    string FirmwareVersion,
    IReadOnlyList<string> Capabilities);
