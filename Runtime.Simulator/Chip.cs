using System.Collections.Concurrent;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// Event-driven model of the chip: loads an image and runs samples on it, as a board would.
/// The arithmetic, the order inside a step and the counters follow docs/fixed-point.md.
/// Instances are thread-safe because each concurrent run gets its own state.
/// </summary>
public sealed class Chip
{
    private readonly ChipNetwork _network;
    private readonly ConcurrentBag<ChipRun> _idleRuns = [];

    /// <summary>Validates the image and builds the chip with the cycle costs of the generic profile.</summary>
    /// <remarks>NOTE: the image's profile name is not checked, so an image compiled for another profile
    /// gets the generic cycle counts unless the caller passes that profile's costs.</remarks>
    /// <exception cref="InvalidDataException">The image is malformed. The message names the core or axon and the field.</exception>
    public Chip(NeuroImage image)
        : this(image, ChipCycleCosts.Generic)
    {
    }

    /// <summary>Validates the image and builds the chip with the given profile cycle costs.</summary>
    /// <exception cref="InvalidDataException">The image is malformed. The message names the core or axon and the field.</exception>
    public Chip(NeuroImage image, ChipCycleCosts cycleCosts)
    {
        Image = image ?? throw new ArgumentNullException(nameof(image));
        CycleCosts = cycleCosts ?? throw new ArgumentNullException(nameof(cycleCosts));
        _network = new ChipNetwork(image);
    }

    public NeuroImage Image { get; }

    public ChipCycleCosts CycleCosts { get; }

    /// <summary>Runs one sample from the reset state and returns its outputs and counters.</summary>
    /// <param name="input">The sample, in the image's input format.</param>
    /// <param name="record">Population indices whose per-step state to record, or null.</param>
    /// <exception cref="ArgumentException">
    /// The input's channel count differs from the image's, or a spike input value is negative.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A recorded population index does not exist.</exception>
    public ChipRunResult Run(ChipInput input, IReadOnlyCollection<int>? record = null)
    {
        ValidateRunArguments(input, record);
        var run = RentRun();
        try
        {
            return run.Run(input, record);
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
                results[index] = run.Run(inputs[index], record);
                return run;
            },
            _idleRuns.Add);
        return results;
    }

    private ChipRun RentRun() =>
        _idleRuns.TryTake(out var run) ? run : new ChipRun(_network, CycleCosts);

    private void ValidateRunArguments(ChipInput input, IReadOnlyCollection<int>? record)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Channels != _network.ChannelCount)
        {
            throw new ArgumentException(
                $"The input has {input.Channels} channels, but the image's input.channels is "
                + $"{_network.ChannelCount}.",
                nameof(input));
        }

        if (!_network.GradedInput)
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
}
