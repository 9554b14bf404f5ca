namespace NeuroDeploy.Compiler.Quantization;

/// <summary>A discrete network in the integer form of docs/fixed-point.md, before mapping onto cores.</summary>
public sealed class QuantizedNetwork
{
    public required string InputNode { get; init; }

    public required int[] InputShape { get; init; }

    public int InputSize => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>True when the input carries graded values rather than spike counts.</summary>
    public required bool GradedInput { get; init; }

    /// <summary>Fraction bits of graded input values (0 for spike input).</summary>
    public required int InputFractionBits { get; init; }

    public required List<QuantizedPopulation> Populations { get; init; }

    public required List<QuantizedProjection> Projections { get; init; }

    public required int OutputPopulation { get; init; }

    public required int StateBits { get; init; }

    public required int DecayFractionBits { get; init; }

    public required QuantizationReport Report { get; init; }
}
