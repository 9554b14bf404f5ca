using NeuroDeploy.Compiler.Energy;

namespace NeuroDeploy.Cli;

/// <summary>What a run of a batch produced, ready for RESULT.json.</summary>
public sealed class RunOutcome
{
    public required string Mode { get; init; }

    public required string Target { get; init; }

    public required List<long[]> Outputs { get; init; }

    public required string[] PopulationNames { get; init; }

    public required long[] SpikesPerPopulation { get; init; }

    public long[]? SpikesPerCore { get; init; }

    public required OperationCounts Counts { get; init; }

    public required EnergyEstimate Energy { get; init; }

    public long InputEvents { get; init; }

    /// <summary>Time steps per sample the target ran, when it differs from the input rows (features encoded on the board).</summary>
    public int? Steps { get; init; }

    /// <summary>Per recorded population of sample 0: v per step and neuron (float units), spikes, and raw integers when fixed point.</summary>
    public Dictionary<string, RecordedTrace> Records { get; } = new(StringComparer.Ordinal);

    public int[] Predictions() => Outputs.Select(Argmax).ToArray();

    /// <summary>Index of the largest count; ties go to the lowest index.</summary>
    public static int Argmax(long[] counts)
    {
        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return best;
    }
}
