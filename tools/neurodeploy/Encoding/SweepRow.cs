namespace NeuroDeploy.Cli;

/// <summary>One setting of an encoder sweep and what the network did with it, per inference (sample).</summary>
public sealed record SweepRow(
    string Setting,
    double SweptValue,
    double VolumeRate,
    double LargestExponent,
    double? Accuracy,
    double SpikesPerInference,
    double SynapticOpsPerInference,
    double EnergyPerInferenceJoules);
