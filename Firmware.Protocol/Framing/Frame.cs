namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>One decoded frame: type, sequence number and payload.</summary>
public readonly record struct Frame(byte Type, ushort Sequence, ReadOnlyMemory<byte> Payload);
