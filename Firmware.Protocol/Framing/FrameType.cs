namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>
/// Link-layer frame types. Types from <see cref="FirstMessage"/> up carry an application
/// message whose type is its field number in <c>BoardMessage.body</c>.
/// </summary>
public static class FrameType
{
    /// <summary>Cumulative acknowledgement: the sequence field is the next sequence number expected.</summary>
    public const byte Ack = 0x01;

    /// <summary>Negative acknowledgement: resend from the sequence number in the sequence field.</summary>
    public const byte Nack = 0x02;

    /// <summary>Starts a link session: both sides restart at sequence 0. Payload: a 4-byte nonce.</summary>
    public const byte LinkReset = 0x03;

    /// <summary>Answers <see cref="LinkReset"/> and echoes its nonce.</summary>
    public const byte LinkResetAck = 0x04;

    /// <summary>Lowest frame type that carries an application message.</summary>
    public const byte FirstMessage = 0x10;

    /// <summary>Returns true for frames the link layer acknowledges and delivers in order.</summary>
    public static bool IsData(byte type) => type >= FirstMessage;
}
