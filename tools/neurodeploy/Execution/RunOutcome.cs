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

    /// <summary>
    /// Joins the outcomes of consecutive chunks of one batch: outputs in order, counts summed, energy
    /// estimated again from the summed counts, records of the first chunk (which contains sample 0).
    /// </summary>
    public static RunOutcome Combine(IReadOnlyList<RunOutcome> parts, Compiler.Profiles.HardwareProfile profile)
    {
        var first = parts[0];
        var counts = new OperationCounts(
            parts.Sum(p => p.Counts.Accumulates),
            parts.Sum(p => p.Counts.MultiplyAccumulates),
            parts.Sum(p => p.Counts.NeuronUpdates),
            parts.Sum(p => p.Counts.SpikesRouted),
            parts.Sum(p => p.Counts.Cycles));
        var combined = new RunOutcome
        {
            Mode = first.Mode,
            Target = first.Target,
            Outputs = parts.SelectMany(p => p.Outputs).ToList(),
            PopulationNames = first.PopulationNames,
            SpikesPerPopulation = SumColumns(parts.Select(p => p.SpikesPerPopulation).ToList()),
            SpikesPerCore = first.SpikesPerCore is null ? null : SumColumns(parts.Select(p => p.SpikesPerCore!).ToList()),
            Counts = counts,
            Energy = EnergyEstimator.Estimate(profile, counts, parts.Sum(p => p.Energy.DenseAnnMultiplyAccumulates)),
            InputEvents = parts.Sum(p => p.InputEvents),
            Steps = first.Steps,
        };
        foreach (var (name, trace) in first.Records)
        {
            combined.Records[name] = trace;
        }

        return combined;
    }

    private static long[] SumColumns(List<long[]> rows)
    {
        var sum = new long[rows[0].Length];
        foreach (var row in rows)
        {
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += row[k];
            }
        }

        return sum;
    }

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
