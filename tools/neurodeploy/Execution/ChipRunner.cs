using System.Globalization;
using Google.Protobuf;
using NeuroDeploy.Compiler;
using NeuroDeploy.Compiler.Encoding;
using NeuroDeploy.Compiler.Energy;
using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;
using NeuroDeploy.Data;
using NeuroDeploy.Encoders;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Host.Targets;
using NeuroDeploy.Runtime.Simulator;
using NeuroDeploy.Runtime.Simulator.Encoding;

namespace NeuroDeploy.Cli;

/// <summary>
/// Runs a batch on a target: converts inputs to the image's format, flashes, runs, sums the counters. An image with an
/// encoder program takes either feature vectors, which the board encodes, or the program's [T, 3F] graded rows.
/// </summary>
public static class ChipRunner
{
    /// <summary>
    /// Converts a batch to chip inputs. With an encoder program in the image and F = channels / 3 values per row,
    /// every row of the batch is one sample's feature vector (see <see cref="ToFeatureInputs"/>); otherwise each
    /// sample is [T, channels] input rows.
    /// </summary>
    public static List<ChipInput> ToChipInputs(NeuroImage image, SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(batch);
        var channels = (int)image.Input.Channels;
        if (image.Encoder is not null && 3 * batch.Channels == channels)
        {
            return ToFeatureInputs(image, batch);
        }

        if (batch.Channels != channels)
        {
            var features = image.Encoder is not null
                ? $" The image's encoder makes 3 channels per feature, so give features [B, {channels / 3}]."
                : "";
            throw new UsageException(
                $"{batch.Source}: input has {batch.Channels} channels per step but the model takes {channels} "
                + $"(input node shape [{string.Join(", ", image.Input.Shape)}]). Check the feature width and the encoder.{features}");
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
                    if (!double.IsFinite(value) || value < 0 || value > int.MaxValue)
                    {
                        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                            $"{batch.Source}, sample {s}, step {step}, channel {channel}: value {value} is not a spike count; spike input takes whole numbers from 0 to {int.MaxValue}."));
                    }

                    if (value != Math.Floor(value))
                    {
                        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                            $"{batch.Source}, sample {s}, step {step}, channel {channel}: value {value} is not a spike count, but the image takes spike input. Compile the model with --graded-input (or give --encoder)."));
                    }

                    values[k] = (int)value;
                }
            }

            inputs.Add(new ChipInput(batch.Steps, channels, values));
        }

        return inputs;
    }

    /// <summary>
    /// Converts feature vectors (every row of the batch, [B, F] or one sample [B rows, F]) to features inputs,
    /// normalized as the image's encoder program states (<c>EncoderProgram.normalize</c>) over the whole batch.
    /// </summary>
    /// <exception cref="UsageException">The image has no encoder program, the batch is not 2-D, or a feature is invalid.</exception>
    public static List<ChipInput> ToFeatureInputs(NeuroImage image, SampleBatch batch)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(batch);
        var program = image.Encoder ?? throw new UsageException(
            $"{batch.Source}: features need an image with an encoder program; give --encoder SPEC to encode on the host.");
        if (batch.Samples != 1 && batch.Steps != 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{batch.Source}: input has shape [{batch.Samples}, {batch.Steps}, {batch.Channels}]; the image's encoder program takes features [B, F]."));
        }

        double[] normalized;
        try
        {
            normalized = FeatureNormalizer.Normalize(batch.Values, FeatureNormalizer.Parse(program.Normalize.Length == 0 ? "none" : program.Normalize));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new UsageException($"{batch.Source}: {ex.Message}", ex);
        }

        var featureCount = batch.Channels;
        var rows = featureCount == 0 ? 0 : normalized.Length / featureCount;
        var inputs = new List<ChipInput>(rows);
        for (var r = 0; r < rows; r++)
        {
            try
            {
                inputs.Add(ChipInput.FromFeatures(normalized.AsSpan(r * featureCount, featureCount)));
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{batch.Source}, sample {r}: {ex.Message} The image's program normalizes with '{program.Normalize}'."), ex);
            }
        }

        return inputs;
    }

    /// <summary>Wraps features [B, F] as a batch of B samples with one step of F channels, for <see cref="ToChipInputs"/>.</summary>
    public static SampleBatch FeatureBatch(NdArray features, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new SampleBatch(features.Shape[0], 1, features.Shape[1], features.Data, source);
    }

    /// <summary>
    /// Returns a copy of <paramref name="image"/> whose encoder program is built from <paramref name="specText"/>
    /// for the image's input format, through <see cref="EncoderSwitch.Replace"/>. The network part and its digest
    /// stay unchanged, and a line on stderr reports the switch. The image file is not modified.
    /// </summary>
    /// <exception cref="UsageException">
    /// The SPEC is invalid or has no on-board program, or its range or output format does not fit the image's input.
    /// </exception>
    public static NeuroImage SwitchEncoder(NeuroImage image, string specText, string normalize)
    {
        ArgumentNullException.ThrowIfNull(image);
        var spec = CompileCommand.ParseSpec(specText);
        var fractionBits = (int)image.Input.FractionBits;
        var bound = CompileCommand.EncoderBound(spec.ToString());
        if (Math.ScaleB(bound, fractionBits) >= int.MaxValue)
        {
            // The bound comes from the 21 grid starts, so this check catches the setting's typical range, not every start.
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"Encoder '{spec}' emits values up to {bound:G6}, but the image's graded input has {fractionBits} fraction bits and holds |value| < 2^{31 - fractionBits}. ")
                + "Compile the network with --encoder set to the widest setting you switch to (or --input-bound).");
        }

        var program = EncoderPrograms.Build(spec, (int)image.Input.Channels / 3, (int)image.Input.FractionBits, CompileCommand.ParseNormalize(normalize));
        NeuroImage switched;
        try
        {
            switched = EncoderSwitch.Replace(image, program);
        }
        catch (CompileException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        Console.Error.WriteLine(
            $"encoder program replaced in memory: {image.Encoder?.Spec ?? "(none)"} -> {program.Spec} (normalize {program.Normalize}); "
            + $"network_digest {Convert.ToHexStringLower(switched.NetworkDigest.Span)} unchanged, so the network is not re-mapped.");
        return switched;
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
        return Summarize(image, results, targetUri, profile, denseMacsPerInference * inputs.Count);
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
        var features = inputs.Count(i => i.IsFeatures);
        if (string.Equals(targetUri.TrimEnd('/'), "sim:", StringComparison.Ordinal))
        {
            // In process: run samples in parallel on one chip, recording sample 0 only.
            var chip = new Chip(image, costs);
            if (features > 0)
            {
                var operations = chip.EncoderOperationsPerSample;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"the board encodes {features} feature vector(s) with {image.Encoder.Spec}: {operations.Total} encoder operations per sample "
                    + $"({operations.Multiplies} multiplies, {operations.Additions} additions, {operations.Divisions} divisions), not counted as synaptic operations"));
            }

            var results = new List<ChipRunResult>(inputs.Count);
            if (inputs.Count > 0)
            {
                results.Add(chip.Run(inputs[0], record.Count > 0 ? record : null));
            }

            results.AddRange(chip.RunBatch(inputs.Skip(1).ToList(), Environment.ProcessorCount));
            return results;
        }

        if (features > 0)
        {
            // NOTE: the board protocol carries input rows only, so for remote targets the host runs the image's
            // encoder program with the board's interpreter. The rows are the same integers the board would compute.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{targetUri} takes input rows only: the host encodes {features} feature vector(s) with the image's program {image.Encoder.Spec}"));
            inputs = EncodeOnHost(image, inputs);
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
            Steps = results.Count > 0 ? results[0].Steps : null,
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

    private static List<ChipInput> EncodeOnHost(NeuroImage image, IReadOnlyList<ChipInput> inputs)
    {
        var interpreter = new EncoderInterpreter(image.Encoder);
        var channels = (int)image.Input.Channels;
        return inputs
            .Select(input => input.IsFeatures ? new ChipInput(interpreter.Steps, channels, interpreter.Encode(input.Values)) : input)
            .ToList();
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
