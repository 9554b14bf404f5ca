namespace NeuroDeploy.Compiler.Reference;

/// <summary>What <see cref="FloatSimulator.Run"/> records besides spike counts and output spikes.</summary>
public sealed record FloatSimulationOptions
{
    /// <summary>Population indices whose v, i and spikes are recorded at every step.</summary>
    public IReadOnlyCollection<int> TracePopulations { get; init; } = [];
}
