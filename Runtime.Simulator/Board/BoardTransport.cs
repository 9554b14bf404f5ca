namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>How the virtual board is served.</summary>
public enum BoardTransport
{
    /// <summary>A pseudo-terminal; the host opens the slave path as a serial port.</summary>
    Pty,

    /// <summary>Framed byte stream over TCP on 127.0.0.1.</summary>
    Tcp,

    /// <summary>The gRPC service Board over HTTP/2 without TLS on 127.0.0.1.</summary>
    Grpc,
}
