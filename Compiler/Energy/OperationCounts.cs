namespace NeuroDeploy.Compiler.Energy;

/// <summary>Operation counts of a run, as the chip counts them (docs/fixed-point.md, "Counters and cycles").</summary>
public sealed record OperationCounts(
    long Accumulates,
    long MultiplyAccumulates,
    long NeuronUpdates,
    long SpikesRouted,
    long Cycles);
