namespace NeuroDeploy.Firmware.Protocol.Messages;

/// <summary>Constants both ends of the board protocol share.</summary>
public static class BoardProtocol
{
    /// <summary>
    /// Version of the messages and framing in docs/protocol.md. A host and a board talk only
    /// when their versions are equal.
    /// </summary>
    public const uint Version = 1;

    /// <summary>USB vendor ID of NeuroDeploy boards (pid.codes open-source vendor ID).</summary>
    public const ushort UsbVendorId = 0x1209;

    /// <summary>USB product ID of NeuroDeploy boards.</summary>
    public const ushort UsbProductId = 0x0001;

    /// <summary>Default largest flash chunk, in bytes; it fits one frame with room for the message fields.</summary>
    public const int DefaultMaxChunkSize = 8192;

    /// <summary>gRPC trailer that carries the <c>ErrorCode</c> number of a rejected request.</summary>
    public const string ErrorCodeTrailer = "board-error-code";
}
