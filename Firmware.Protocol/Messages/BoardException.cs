using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Firmware.Protocol.Messages;

/// <summary>A request the board rejected, with the board's error code and message.</summary>
public sealed class BoardException : Exception
{
    public BoardException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public BoardException(ErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public ErrorCode Code { get; }

    /// <summary>Returns the message that carries this error over the protocol.</summary>
    public BoardMessage ToMessage() => new() { Error = new BoardError { Code = Code, Message = Message } };
}
