using System.Globalization;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>Error raised when the TCP port a virtual board should listen on is taken by another listener.</summary>
public sealed class PortInUseException : IOException
{
    public PortInUseException(int port, Exception innerException)
        : base(string.Create(CultureInfo.InvariantCulture, $"Port {port} on 127.0.0.1 is already in use; choose another port or 0 for a free one."), innerException)
    {
        Port = port;
    }

    /// <summary>Requested port that was in use.</summary>
    public int Port { get; }
}
