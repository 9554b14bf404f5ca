namespace NeuroDeploy.Runtime.Simulator.Encoding;

/// <summary>An encoder state (x, y, z) in the program's fixed-point format, held in 128 bits between steps.</summary>
public readonly record struct EncoderState(Int128 X, Int128 Y, Int128 Z)
{
    public EncoderState Add(EncoderState other) => new(X + other.X, Y + other.Y, Z + other.Z);
}
