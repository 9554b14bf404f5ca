namespace NeuroDeploy.Compiler.Reference;

/// <summary>Outcome of one float64 run of a discrete network.</summary>
public sealed class FloatSimulationResult
{
    public required int Steps { get; init; }

    /// <summary>Spike count of every neuron over the run, per population.</summary>
    public required long[][] SpikeCounts { get; init; }

    /// <summary>Output population spikes, row-major [step, neuron].</summary>
    public required byte[] OutputSpikes { get; init; }

    /// <summary>Spike counts of the output population (same as SpikeCounts[OutputPopulation]).</summary>
    public required long[] OutputCounts { get; init; }

    /// <summary>Traces of the populations listed in <see cref="FloatSimulationOptions.TracePopulations"/>, by index.</summary>
    public required IReadOnlyDictionary<int, PopulationTrace> Traces { get; init; }

    public required OperationCounts Operations { get; init; }

    /// <summary>Index of the output neuron with the most spikes; ties go to the lowest index.</summary>
    public int PredictedClass
    {
        get
        {
            var best = 0;
            for (var k = 1; k < OutputCounts.Length; k++)
            {
                if (OutputCounts[k] > OutputCounts[best])
                {
                    best = k;
                }
            }

            return best;
        }
    }

    /// <summary>Total spikes of one population.</summary>
    public long TotalSpikes(int population) => SpikeCounts[population].Sum();
}
