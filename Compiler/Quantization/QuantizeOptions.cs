namespace NeuroDeploy.Compiler.Quantization;

/// <summary>Choices the quantizer cannot make from the network alone.</summary>
public sealed record QuantizeOptions
{
    /// <summary>True when the input carries real values (an encoder's output) rather than spike counts.</summary>
    public bool GradedInput { get; init; }

    /// <summary>The largest input magnitude expected, for choosing the graded input's fraction bits.</summary>
    public double InputBound { get; init; } = 1.0;
}
