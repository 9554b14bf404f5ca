namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>Why a received block between two 0x00 delimiters is not a valid frame.</summary>
public enum FrameError
{
    None = 0,

    /// <summary>The COBS encoding is invalid (a code byte points past the end of the block).</summary>
    InvalidCobs,

    /// <summary>Fewer bytes than the 9-byte header and CRC.</summary>
    TooShort,

    /// <summary>The block is longer than the largest frame the receiver accepts.</summary>
    TooLong,

    /// <summary>The length field does not match the number of payload bytes.</summary>
    LengthMismatch,

    /// <summary>The CRC-32C does not match the frame's contents.</summary>
    CrcMismatch,
}
