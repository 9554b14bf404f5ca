using NeuroDeploy.Compiler.Lowering;

namespace NeuroDeploy.Compiler.Quantization;

/// <summary>One population in integer form: the parameter set shared by its cores, and per-neuron biases.</summary>
public sealed class QuantizedPopulation
{
    public required string Name { get; init; }

    public required int[] Shape { get; init; }

    public required int Size { get; init; }

    public required NeuronKind Kind { get; init; }

    public required ResetRule Reset { get; init; }

    /// <summary>Power-of-two state scale: float u becomes round(u * 2^StateExponent).</summary>
    public required int StateExponent { get; init; }

    public required int WeightExponent { get; init; }

    public required long DecayV { get; init; }

    public required long DecayI { get; init; }

    public required long Threshold { get; init; }

    public required long VReset { get; init; }

    public required int[] Bias { get; init; }

    /// <summary>Float units per state unit, 2^-StateExponent.</summary>
    public double StateScale => Math.ScaleB(1.0, -StateExponent);
}
