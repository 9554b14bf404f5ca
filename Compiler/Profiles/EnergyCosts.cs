namespace NeuroDeploy.Compiler.Profiles;

/// <summary>Energy per operation in joules, each with the published source it comes from.</summary>
public sealed class EnergyCosts
{
    public required double AccumulateJoules { get; init; }

    public required string AccumulateSource { get; init; }

    public required double MultiplyAccumulateJoules { get; init; }

    public required string MultiplyAccumulateSource { get; init; }

    public required double NeuronUpdateJoules { get; init; }

    public required string NeuronUpdateSource { get; init; }

    public required double SpikeRoutedJoules { get; init; }

    public required string SpikeRoutedSource { get; init; }

    public required double StaticWatts { get; init; }

    public required string StaticSource { get; init; }
}
