namespace NeuroDeploy.Compiler.Quantization;

/// <summary>
/// A projection with int16 weight mantissas (CSR by target row). The effective weight is
/// mantissa shifted left by the target population's weight exponent.
/// </summary>
public sealed class QuantizedProjection
{
    /// <summary>Source population index, or -1 for the network input.</summary>
    public required int Source { get; init; }

    public required int Target { get; init; }

    public required int Delay { get; init; }

    public required int[] RowStart { get; init; }

    public required int[] Column { get; init; }

    public required short[] Mantissa { get; init; }

    public int SynapseCount => Column.Length;
}
