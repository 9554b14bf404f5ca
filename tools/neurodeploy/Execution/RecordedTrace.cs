namespace NeuroDeploy.Cli;

/// <summary>One population's per-step state for sample 0 ([step][neuron]).</summary>
public sealed record RecordedTrace(double[][] V, byte[][] Spikes, long[][]? VRaw);
