using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Link;

namespace NeuroDeploy.Firmware.Protocol.Messages;

/// <summary>Sends and receives <see cref="BoardMessage"/>s over a <see cref="LinkLayer"/>, one message per frame.</summary>
public sealed class MessageChannel : IAsyncDisposable
{
    public MessageChannel(LinkLayer link)
    {
        Link = link;
    }

    public LinkLayer Link { get; }

    public Task SendAsync(BoardMessage message, CancellationToken cancellationToken) =>
        Link.SendAsync(MessageCodec.TypeOf(message), MessageCodec.EncodePayload(message), cancellationToken);

    /// <summary>
    /// Returns the next message, or a message-level decode error with its reason (the frame
    /// itself passed the CRC). Throws <see cref="LinkException"/> once the link fails.
    /// </summary>
    public async ValueTask<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var frame = await Link.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return MessageCodec.TryDecode(frame.Type, frame.Payload.Span, out var message, out var reason)
            ? new ReceivedMessage(message, null)
            : new ReceivedMessage(null, reason);
    }

    public ValueTask DisposeAsync() => Link.DisposeAsync();
}
