using System.Globalization;

namespace NeuroDeploy.Firmware.Protocol.Link;

/// <summary>Settings of the link layer.</summary>
public sealed record LinkOptions
{
    /// <summary>Data frames sent but not yet acknowledged, at most.</summary>
    public int WindowSize { get; init; } = 8;

    /// <summary>Time after which an unacknowledged frame is sent again, counted from its last write.</summary>
    public TimeSpan RetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends of one frame (or of a link reset) without acknowledgement before the link fails.</summary>
    public int MaxAttempts { get; init; } = 25;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (WindowSize is < 1 or > 1024)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Window size {WindowSize} is invalid; use 1 to 1024 frames."));
        }

        if (RetransmitTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Retransmit timeout {RetransmitTimeout} is invalid; use a positive time."));
        }

        if (MaxAttempts < 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Max attempts {MaxAttempts} is invalid; use 1 or more."));
        }
    }
}
