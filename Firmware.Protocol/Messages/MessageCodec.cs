using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Firmware.Protocol.Messages;

/// <summary>
/// Maps a <see cref="BoardMessage"/> to a frame and back: the frame type is the field number
/// of the message in <c>BoardMessage.body</c> and the payload is that message alone.
/// </summary>
public static class MessageCodec
{
    private static readonly OneofDescriptor Body = BoardMessage.Descriptor.Oneofs[0];

    /// <summary>Returns the frame type of <paramref name="message"/>.</summary>
    public static byte TypeOf(BoardMessage message)
    {
        if (message.BodyCase == BoardMessage.BodyOneofCase.None)
        {
            throw new ArgumentException("The message has no body; set one of the BoardMessage.body fields.", nameof(message));
        }

        return (byte)message.BodyCase;
    }

    /// <summary>Returns the frame payload of <paramref name="message"/>: its body serialized alone.</summary>
    public static byte[] EncodePayload(BoardMessage message)
    {
        var field = BoardMessage.Descriptor.FindFieldByNumber(TypeOf(message));
        var body = (IMessage)field.Accessor.GetValue(message);
        return body.ToByteArray();
    }

    /// <summary>Decodes a frame's type and payload; on failure returns false and a reason.</summary>
    public static bool TryDecode(byte type, ReadOnlySpan<byte> payload, out BoardMessage message, out string reason)
    {
        message = new BoardMessage();
        var field = BoardMessage.Descriptor.FindFieldByNumber(type);
        if (field is null || field.ContainingOneof != Body)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"unknown message type {type} (0x{type:X2})");
            return false;
        }

        IMessage body;
        try
        {
            body = field.MessageType.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException error)
        {
            reason = string.Create(
                CultureInfo.InvariantCulture,
                $"payload of message type {type} ({field.MessageType.Name}, {payload.Length} bytes) is not valid protobuf: {error.Message}");
            return false;
        }

        field.Accessor.SetValue(message, body);
        reason = string.Empty;
        return true;
    }
}
