using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Mapping;
using NeuroDeploy.Compiler.Nir;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Pipeline;

/// <summary>Every stage's output of one compilation, for reports and for the float reference.</summary>
public sealed record CompileResult(
    NirGraph Graph,
    DiscreteNetwork Discrete,
    QuantizedNetwork Quantized,
    IReadOnlyList<CoreAssignment> Cores,
    HardwareProfile Profile,
    NeuroImage Image)
{
    /// <summary>Why the options' encoder was not embedded in the image, or null when it was or none was given.</summary>
    public string? EncoderNote { get; init; }
}
