namespace NeuroDeploy.Compiler.Quantization;

/// <summary>How far the integer parameters are from the float ones, per population.</summary>
public sealed class QuantizationReport
{
    public List<PopulationQuantization> Populations { get; } = [];
}
