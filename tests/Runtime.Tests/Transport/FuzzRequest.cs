using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>One fuzzed request: a message, or a raw frame type and payload that may not decode.</summary>
internal sealed record FuzzRequest(BoardMessage Message, byte? RawType, byte[] RawPayload, string Description)
{
    public static FuzzRequest Of(BoardMessage message) => new(message, null, [], message.ToString());

    public static FuzzRequest Raw(byte type, byte[] payload) =>
        new(new BoardMessage(), type, payload, $"raw frame type 0x{type:X2} with {payload.Length} payload bytes {Convert.ToHexString(payload)}");
}
