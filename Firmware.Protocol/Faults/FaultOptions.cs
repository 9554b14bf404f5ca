namespace NeuroDeploy.Firmware.Protocol.Faults;

/// <summary>Faults that <see cref="FaultInjectingStream"/> applies to the bytes one side writes.</summary>
public sealed record FaultOptions
{
    /// <summary>Seed of the random generator, so a fault pattern can be replayed.</summary>
    public int Seed { get; init; }

    /// <summary>Probability that a written byte has one random bit flipped.</summary>
    public double ByteErrorRate { get; init; }

    /// <summary>Probability that a written frame (bytes up to and including a 0x00 delimiter) is dropped whole.</summary>
    public double FrameDropRate { get; init; }

    /// <summary>Delay before each write.</summary>
    public TimeSpan WriteDelay { get; init; }

    /// <summary>When set, the stream fails after this many bytes were written through it.</summary>
    public long? DisconnectAfterBytes { get; init; }

    /// <summary>
    /// When set, writes are paced to this many bits per second at 10 bits per byte (8N1
    /// UART framing), to model a serial line on a pty, which has no speed of its own.
    /// </summary>
    public long? LineRateBitsPerSecond { get; init; }

    /// <summary>Throws when a rate is outside [0, 1] or a count is negative.</summary>
    public void Validate()
    {
        if (ByteErrorRate is < 0 or > 1 || double.IsNaN(ByteErrorRate))
        {
            throw new InvalidOperationException($"Byte error rate {ByteErrorRate} is invalid; use a probability from 0 to 1.");
        }

        if (FrameDropRate is < 0 or > 1 || double.IsNaN(FrameDropRate))
        {
            throw new InvalidOperationException($"Frame drop rate {FrameDropRate} is invalid; use a probability from 0 to 1.");
        }

        if (DisconnectAfterBytes < 0)
        {
            throw new InvalidOperationException($"Disconnect after {DisconnectAfterBytes} bytes is invalid; use 0 or more.");
        }

        if (LineRateBitsPerSecond <= 0)
        {
            throw new InvalidOperationException($"Line rate {LineRateBitsPerSecond} bit/s is invalid; use a positive rate.");
        }
    }
}
