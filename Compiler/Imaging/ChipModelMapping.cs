using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Compiler.Imaging;

/// <summary>Maps the compiler's neuron kinds and reset rules to the image's enums and back, in one place.</summary>
public static class ChipModelMapping
{
    /// <summary>Returns the image's model for a neuron kind, or null when the chip has none.</summary>
    public static NeuronModel? ToModel(NeuronKind kind) => kind switch
    {
        NeuronKind.Lif => NeuronModel.Lif,
        NeuronKind.CubaLif => NeuronModel.CubaLif,
        NeuronKind.If => NeuronModel.If,
        _ => null,
    };

    /// <summary>Returns the neuron kind of an image model, or null for an unknown model.</summary>
    public static NeuronKind? ToKind(NeuronModel model) => model switch
    {
        NeuronModel.Lif => NeuronKind.Lif,
        NeuronModel.CubaLif => NeuronKind.CubaLif,
        NeuronModel.If => NeuronKind.If,
        _ => null,
    };

    /// <summary>Returns the image's reset mode for a reset rule, or null when the chip has none.</summary>
    public static ResetMode? ToResetMode(ResetRule rule) => rule switch
    {
        ResetRule.Zero => ResetMode.Zero,
        ResetRule.Subtract => ResetMode.Subtract,
        ResetRule.SubtractNextStep => ResetMode.SubtractNextStep,
        ResetRule.SubtractGuardedRefire => ResetMode.SubtractGuarded,
        _ => null,
    };

    /// <summary>Returns the reset rule of an image reset mode, or null for an unknown mode.</summary>
    public static ResetRule? ToResetRule(ResetMode mode) => mode switch
    {
        ResetMode.Zero => ResetRule.Zero,
        ResetMode.Subtract => ResetRule.Subtract,
        ResetMode.SubtractNextStep => ResetRule.SubtractNextStep,
        ResetMode.SubtractGuarded => ResetRule.SubtractGuardedRefire,
        _ => null,
    };
}
