using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Event-driven model of the chip: loads an image and runs samples on it, as a board would.
/// </summary>
public sealed class Chip
{
    public Chip(NeuroImage image)
    {
        Image = image ?? throw new ArgumentNullException(nameof(image));
    }

    public NeuroImage Image { get; }

    /// <summary>Runs one sample from the reset state and returns its outputs and counters.</summary>
    /// <param name="input">The sample, in the image's input format.</param>
    /// <param name="record">Population indices whose per-step state to record, or null.</param>
    public ChipRunResult Run(ChipInput input, IReadOnlyCollection<int>? record = null)
    {
        // TODO: replaced by the event-driven core model.
        throw new NotSupportedException("The chip model is not written yet.");
    }
}
