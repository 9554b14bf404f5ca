using System.Collections.Concurrent;
using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator.Encoding;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Event-driven model of the chip: loads an image and runs samples on it, as a board would.
/// The arithmetic, the order inside a step and the counters follow docs/fixed-point.md.
/// Instances are thread-safe because each concurrent run gets its own state. When the image carries an encoder
/// program, a features input (<see cref="ChipInput.FromFeatures(int[])"/>) is encoded on the chip by
/// <see cref="EncoderInterpreter"/> before the network steps.
/// </summary>
public sealed class Chip
{
    private readonly ChipNetwork _network;
    private readonly ConcurrentBag<ChipRun> _idleRuns = [];
    private readonly EncoderInterpreter? _encoder;

    /// <summary>Validates the image and builds the chip with the cycle costs of the generic profile.</summary>
    /// <remarks>NOTE: the image's profile name is not checked, so an image compiled for another profile
    /// gets the generic cycle counts unless the caller passes that profile's costs.</remarks>
    /// <exception cref="InvalidDataException">The image is malformed. The message names the core or axon and the field.</exception>
    public Chip(NeuroImage image)
        : this(image, ChipCycleCosts.Generic)
    {
    }

    /// <summary>Validates the image and builds the chip with the given profile cycle costs.</summary>
    /// <exception cref="InvalidDataException">
    /// The image is malformed, or its encoder program is invalid or does not match the input map. The message names
    /// the core, axon or program field.
    /// </exception>
    public Chip(NeuroImage image, ChipCycleCosts cycleCosts)
    {
        Image = image ?? throw new ArgumentNullException(nameof(image));
        CycleCosts = cycleCosts ?? throw new ArgumentNullException(nameof(cycleCosts));
        _network = new ChipNetwork(image);
        if (image.Encoder is { } program)
        {
            _encoder = CreateEncoder(image, program);
            EncoderOperationsPerSample = _encoder.CountOperations(_network.ChannelCount / 3);
        }
    }

    public NeuroImage Image { get; }

    public ChipCycleCosts CycleCosts { get; }

    /// <summary>
    /// Integer operations the on-board encoder performs for one features input, or zero without an encoder
    /// program. They are not part of a run's <see cref="ChipCounters"/>, which count the network only.
    /// </summary>
    public EncoderOperationCounts EncoderOperationsPerSample { get; }

    /// <summary>Runs one sample from the reset state and returns its outputs and counters.</summary>
    /// <param name="input">The sample, in the image's input format, or a features input for the image's encoder program.</param>
    /// <param name="record">Population indices whose per-step state to record, or null.</param>
    /// <exception cref="ArgumentException">
    /// The input's channel count differs from the image's, a spike input value is negative, a features input was
    /// given to an image without an encoder program, or a feature lies outside [-2^30, 2^30].
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A recorded population index does not exist.</exception>
    /// <exception cref="OverflowException">The encoder program's state or output left its integer range.</exception>
    public ChipRunResult Run(ChipInput input, IReadOnlyCollection<int>? record = null)
    {
        ValidateRunArguments(input, record);
        var rows = Encode(input);
        var run = RentRun();
        try
        {
            return run.Run(rows, record);
        }
        finally
        {
            _idleRuns.Add(run);
        }
    }

    /// <summary>
    /// Runs independent samples in parallel, each from the reset state, and returns the results in
    /// input order. Each result equals what <see cref="Run"/> returns for that input.
    /// </summary>
    /// <param name="inputs">The samples.</param>
    /// <param name="maxDegreeOfParallelism">Maximum samples run at once; at least 1.</param>
    /// <param name="record">Population indices to record in every sample, or null.</param>
    public IReadOnlyList<ChipRunResult> RunBatch(
        IReadOnlyList<ChipInput> inputs, int maxDegreeOfParallelism, IReadOnlyCollection<int>? record = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        foreach (var input in inputs)
        {
            ValidateRunArguments(input, record);
        }

        var results = new ChipRunResult[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(
            0,
            inputs.Count,
            options,
            RentRun,
            (index, _, run) =>
            {
                results[index] = run.Run(Encode(inputs[index]), record);
                return run;
            },
            _idleRuns.Add);
        return results;
    }

    private ChipRun RentRun() =>
        _idleRuns.TryTake(out var run) ? run : new ChipRun(_network, CycleCosts);

    private static EncoderInterpreter CreateEncoder(NeuroImage image, EncoderProgram program)
    {
        var interpreter = new EncoderInterpreter(program);
        var input = image.Input;
        if (!input.Graded || program.OutputFractionBits != input.FractionBits)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Encoder program '{program.Spec}' outputs {program.OutputFractionBits} fraction bits, but the image's input is {(input.Graded ? "graded with " + input.FractionBits.ToString(CultureInfo.InvariantCulture) + " fraction bits" : "spike input")}. Replace the program with one built for this image."));
        }

        if (input.Channels % 3 != 0 || (program.Features != 0 && 3 * program.Features != input.Channels))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Encoder program '{program.Spec}' emits 3 channels per feature for {program.Features} features, but the image's input.channels is {input.Channels}. Replace the program with one built for this image."));
        }

        return interpreter;
    }

    /// <summary>Returns the input rows of <paramref name="input"/>: itself, or the encoder program's output for a features input.</summary>
    private ChipInput Encode(ChipInput input)
    {
        if (!input.IsFeatures)
        {
            return input;
        }

        // ValidateRunArguments has checked that a features input comes with an encoder program.
        var rows = _encoder!.Encode(input.Values);
        return new ChipInput(_encoder.Steps, _network.ChannelCount, rows);
    }

    private void ValidateRunArguments(ChipInput input, IReadOnlyCollection<int>? record)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsFeatures)
        {
            ValidateFeatures(input);
        }
        else if (input.Channels != _network.ChannelCount)
        {
            throw new ArgumentException(
                $"The input has {input.Channels} channels, but the image's input.channels is "
                + $"{_network.ChannelCount}.",
                nameof(input));
        }

        if (!_network.GradedInput && !input.IsFeatures)
        {
            var values = input.Values;
            for (var j = 0; j < values.Length; j++)
            {
                if (values[j] < 0)
                {
                    throw new ArgumentException(
                        $"Spike input must be a non-negative event count, but step {j / input.Channels} channel "
                        + $"{j % input.Channels} is {values[j]}.",
                        nameof(input));
                }
            }
        }

        if (record is null)
        {
            return;
        }

        foreach (var population in record)
        {
            if (population < 0 || population >= _network.PopulationCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(record),
                    population,
                    $"Population {population} does not exist; the image has {_network.PopulationCount}.");
            }
        }
    }

    private void ValidateFeatures(ChipInput input)
    {
        if (_encoder is null)
        {
            throw new ArgumentException(
                "The input contains features for an on-board encoder, but the image has no encoder program. Compile the "
                + "network with a dynamical --encoder, or encode the features on the host and pass the input rows.",
                nameof(input));
        }

        if (3 * input.Channels != _network.ChannelCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The input has {input.Channels} features, but the image's encoder program emits 3 channels per feature and input.channels is {_network.ChannelCount}, so it takes {_network.ChannelCount / 3}."),
                nameof(input));
        }
    }
}
