using NeuroDeploy.Compiler.Energy;
using NeuroDeploy.Compiler.Pipeline;
using NeuroDeploy.Compiler.Reference;

namespace NeuroDeploy.Cli;

/// <summary>Runs a batch on the float64 reference model of a compiled network.</summary>
public static class FloatRunner
{
    public static RunOutcome Run(CompileResult compiled, SampleBatch batch, IReadOnlyCollection<int> record)
    {
        var network = compiled.Discrete;
        if (batch.Channels != network.InputSize)
        {
            throw new UsageException(
                $"{batch.Source}: input has {batch.Channels} channels per step but the model takes {network.InputSize} "
                + $"(input node shape [{string.Join(", ", network.InputShape)}]). Check the feature width and the encoder.");
        }

        for (var k = 0; k < batch.Values.Length; k++)
        {
            if (!double.IsFinite(batch.Values[k]))
            {
                var sampleLength = batch.Steps * batch.Channels;
                throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{batch.Source}, sample {k / sampleLength}, step {k % sampleLength / batch.Channels}, channel {k % batch.Channels}: "
                    + $"value {batch.Values[k]} is not finite; inputs must be finite numbers."));
            }
        }

        var simulator = new FloatSimulator(network);
        var results = new FloatSimulationResult[batch.Samples];
        Parallel.For(0, batch.Samples, s =>
        {
            var options = new FloatSimulationOptions { TracePopulations = s == 0 ? record : [] };
            results[s] = simulator.Run(batch.Sample(s).ToArray(), options);
        });

        var populations = network.Populations.Count;
        var spikes = new long[populations];
        long accumulates = 0, macs = 0, updates = 0;
        foreach (var result in results)
        {
            for (var p = 0; p < populations; p++)
            {
                spikes[p] += result.TotalSpikes(p);
            }

            accumulates += result.Operations.Accumulates;
            macs += result.Operations.MultiplyAccumulates;
            updates += result.Operations.NeuronUpdates;
        }

        var counts = new Compiler.Energy.OperationCounts(accumulates, macs, updates, 0, 0);
        var denseMacs = network.Projections.Sum(p => (long)p.SynapseCount) * batch.Samples;
        var outcome = new RunOutcome
        {
            Mode = "float",
            Target = "float64 reference",
            Outputs = results.Select(r => r.OutputCounts).ToList(),
            PopulationNames = network.Populations.Select(p => p.Name).ToArray(),
            SpikesPerPopulation = spikes,
            Counts = counts,
            Energy = EnergyEstimator.Estimate(compiled.Profile, counts, denseMacs),
        };

        if (results.Length > 0)
        {
            foreach (var (index, trace) in results[0].Traces)
            {
                var steps = trace.V.Length / trace.Size;
                var v = new double[steps][];
                var s = new byte[steps][];
                for (var t = 0; t < steps; t++)
                {
                    v[t] = trace.V.AsSpan(t * trace.Size, trace.Size).ToArray();
                    s[t] = trace.Spikes.AsSpan(t * trace.Size, trace.Size).ToArray();
                }

                outcome.Records[network.Populations[index].Name] = new RecordedTrace(v, s, null);
            }
        }

        return outcome;
    }
}
