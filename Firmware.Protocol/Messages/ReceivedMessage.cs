using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Firmware.Protocol.Messages;

/// <summary>A received message, or the reason its frame did not decode to one.</summary>
public readonly record struct ReceivedMessage(BoardMessage? Message, string? Error);
