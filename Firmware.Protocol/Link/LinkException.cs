namespace NeuroDeploy.Firmware.Protocol.Link;

/// <summary>The link failed: the stream closed or a frame went unacknowledged too often.</summary>
public sealed class LinkException : IOException
{
    public LinkException(string message)
        : base(message)
    {
    }

    public LinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
