namespace NeuroDeploy.Compiler.Profiles;

/// <summary>Clock cycles per operation, as docs/fixed-point.md's cycle formula uses them.</summary>
public sealed class CycleCosts
{
    public required int NeuronUpdate { get; init; }

    public required int SynapticOp { get; init; }

    public required int StepOverhead { get; init; }
}
