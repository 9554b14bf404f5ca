using Google.Protobuf;
using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Energy;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Cli;

/// <summary>Runs a batch on a target: converts inputs to the image's format, flashes, runs, sums the counters.</summary>
public static class ChipRunner
{
    public static List<ChipInput> ToChipInputs(NeuroImage image, SampleBatch batch)
    {
        var channels = (int)image.Input.Channels;
        if (batch.Channels != channels)
        {
            throw new UsageException(
                $"{batch.Source}: input has {batch.Channels} channels per step but the model takes {channels} "
                + $"(input node shape [{string.Join(", ", image.Input.Shape)}]). Check the feature width and the encoder.");
        }

        var graded = image.Input.Graded;
        var fractionBits = (int)image.Input.FractionBits;
        var inputs = new List<ChipInput>(batch.Samples);
        for (var s = 0; s < batch.Samples; s++)
        {
            var sample = batch.Sample(s);
            var values = new int[sample.Length];
            for (var k = 0; k < sample.Length; k++)
            {
                var step = k / channels;
                var channel = k % channels;
                if (graded)
                {
                    try
                    {
                        values[k] = Quantizer.QuantizeInput(sample[k], fractionBits, step, channel);
                    }
                    catch (CompileException ex)
                    {
                        throw new UsageException($"{batch.Source}, sample {s}: {ex.Message}", ex);
                    }
                }
                else
                {
                    var value = sample[k];
                    if (value < 0 || value != Math.Floor(value) || value > int.MaxValue)
                    {
                        throw new UsageException(
                            $"{batch.Source}, sample {s}, step {step}, channel {channel}: value {value} is not a spike count, "
                            + "but the image takes spike input. Compile the model with --graded-input (or give --encoder).");
                    }

                    values[k] = (int)value;
                }
            }

            inputs.Add(new ChipInput(batch.Steps, channels, values));
        }

        return inputs;
    }

    public static async Task<RunOutcome> RunAsync(
        NeuroImage image,
        SampleBatch batch,
        string targetUri,
        IReadOnlyCollection<int> record,
        HardwareProfile profile,
        long denseMacsPerInference,
        CancellationToken cancellationToken)
    {
        var inputs = ToChipInputs(image, batch);
        var results = await RunInputsAsync(image, inputs, targetUri, record, profile, cancellationToken).ConfigureAwait(false);
        return Summarize(image, results, targetUri, profile, denseMacsPerInference * batch.Samples);
    }

    public static async Task<IReadOnlyList<ChipRunResult>> RunInputsAsync(
        NeuroImage image,
        IReadOnlyList<ChipInput> inputs,
        string targetUri,
        IReadOnlyCollection<int> record,
        HardwareProfile profile,
        CancellationToken cancellationToken)
    {
        CheckProfile(image, profile);
        var costs = new ChipCycleCosts(profile.Cycles.NeuronUpdate, profile.Cycles.SynapticOp, profile.Cycles.StepOverhead);
        if (string.Equals(targetUri.TrimEnd('/'), "sim:", StringComparison.Ordinal))
        {
            // In process: run samples in parallel on one chip, recording sample 0 only.
            var chip = new Chip(image, costs);
            var results = new List<ChipRunResult>(inputs.Count);
            if (inputs.Count > 0)
            {
                results.Add(chip.Run(inputs[0], record.Count > 0 ? record : null));
            }

            results.AddRange(chip.RunBatch(inputs.Skip(1).ToList(), Environment.ProcessorCount));
            return results;
        }

        await using var target = TargetFactory.Open(targetUri);
        await target.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await target.FlashAsync(image.ToByteArray(), null, cancellationToken).ConfigureAwait(false);
        var remote = new List<ChipRunResult>(inputs.Count);
        for (var s = 0; s < inputs.Count; s++)
        {
            var options = new RunOptions { Record = s == 0 && record.Count > 0 ? record : null };
            remote.Add(await target.RunAsync(inputs[s], options, cancellationToken).ConfigureAwait(false));
        }

        return remote;
    }

    public static RunOutcome Summarize(
        NeuroImage image,
        IReadOnlyList<ChipRunResult> results,
        string targetUri,
        HardwareProfile profile,
        long denseMacs)
    {
        var total = new ChipCounters(image.Populations.Count, image.Cores.Count);
        foreach (var result in results)
        {
            total.Add(result.Counters);
        }

        var counts = new OperationCounts(total.Accumulates, total.MultiplyAccumulates, total.NeuronUpdates, total.SpikesRouted, total.Cycles);
        var outcome = new RunOutcome
        {
            Mode = "fixed-point",
            Target = targetUri,
            Outputs = results.Select(r => r.OutputCounts()).ToList(),
            PopulationNames = image.Populations.Select(p => p.Name).ToArray(),
            SpikesPerPopulation = total.SpikesPerPopulation.ToArray(),
            SpikesPerCore = total.SpikesPerCore.ToArray(),
            Counts = counts,
            Energy = EnergyEstimator.Estimate(profile, counts, denseMacs),
            InputEvents = total.InputEvents,
        };

        if (results.Count > 0)
        {
            foreach (var (index, trace) in results[0].Traces)
            {
                var scale = image.Cores[(int)image.Populations[index].FirstCore].Parameters.StateScale;
                var v = new double[trace.Steps][];
                var raw = new long[trace.Steps][];
                var spikes = new byte[trace.Steps][];
                for (var t = 0; t < trace.Steps; t++)
                {
                    raw[t] = trace.V.AsSpan(t * trace.Size, trace.Size).ToArray();
                    v[t] = raw[t].Select(x => x * scale).ToArray();
                    spikes[t] = trace.Spikes.AsSpan(t * trace.Size, trace.Size).ToArray();
                }

                outcome.Records[image.Populations[index].Name] = new RecordedTrace(v, spikes, raw);
            }
        }

        return outcome;
    }

    private static void CheckProfile(NeuroImage image, HardwareProfile profile)
    {
        if (!string.Equals(image.Profile?.Name, profile.Name, StringComparison.Ordinal))
        {
            throw new UsageException(
                $"The image was compiled for profile '{image.Profile?.Name}' but profile '{profile.Name}' was given; "
                + "pass --profile with the image's profile or compile again.");
        }
    }
}
