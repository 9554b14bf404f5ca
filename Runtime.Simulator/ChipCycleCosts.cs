namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Cycle costs from a hardware profile's <c>cycles</c> table. The image names its profile but does
/// not carry this table, so the caller passes it to the chip.
/// </summary>
/// <param name="NeuronUpdate">Cycles per neuron update (<c>neuron_update</c>).</param>
/// <param name="SynapticOperation">Cycles per accumulate or multiply-accumulate (<c>synaptic_op</c>).</param>
/// <param name="StepOverhead">Fixed cycles per time step (<c>step_overhead</c>).</param>
public sealed record ChipCycleCosts(long NeuronUpdate, long SynapticOperation, long StepOverhead)
{
    /// <summary>The <c>cycles</c> table of profiles/generic.json.</summary>
    public static ChipCycleCosts Generic { get; } = new(NeuronUpdate: 2, SynapticOperation: 1, StepOverhead: 16);
}
