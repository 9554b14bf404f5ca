namespace NeuroDeploy.Firmware.Protocol.Framing;

/// <summary>The outcome of decoding one block: a frame, or an error with its reason.</summary>
public readonly record struct FrameDecodeResult(Frame Frame, FrameError Error, string? Reason)
{
    public bool IsValid => Error == FrameError.None;

    public static FrameDecodeResult Invalid(FrameError error, string reason) => new(default, error, reason);
}
