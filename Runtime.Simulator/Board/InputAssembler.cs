using System.Globalization;
using NeuroDeploy.Firmware.Protocol.Board;
using NeuroDeploy.Firmware.Protocol.Messages;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>Collects the InputEvents messages of one run into a dense [step, channel] array.</summary>
public sealed class InputAssembler
{
    private readonly int _steps;
    private readonly int _channels;
    private int[] _values;
    private int _receivedSteps;

    public InputAssembler(Start start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _steps = (int)start.Steps;
        _channels = (int)start.Channels;
        // The buffer grows with the steps received, so a Start that declares a long run costs
        // no memory until its input arrives.
        _values = new int[Math.Min(_steps * _channels, 64 * 1024)];
        Start = start;
    }

    public Start Start { get; }

    public bool IsComplete => _receivedSteps == _steps;

    /// <summary>
    /// Returns the assembled input, a features input when <c>Start.features</c> is set; valid once
    /// <see cref="IsComplete"/> is true.
    /// </summary>
    public ChipInput ToChipInput() =>
        Start.Features ? ChipInput.FromFeatures(_values) : new(_steps, _channels, _values);

    /// <summary>Adds one message; throws <see cref="BoardException"/> when it does not fit the run.</summary>
    public void Add(InputEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.FirstStep != _receivedSteps)
        {
            throw Invalid($"input starts at step {events.FirstStep}, expected step {_receivedSteps}; send the steps in order");
        }

        if (events.StepCount == 0 || events.FirstStep + (long)events.StepCount > _steps)
        {
            throw Invalid($"input covers {events.StepCount} steps from step {events.FirstStep}, but the run has {_steps} steps");
        }

        var baseIndex = (int)events.FirstStep * _channels;
        var count = (int)events.StepCount * _channels;
        EnsureCapacity(baseIndex + count);
        switch (events.ValuesCase)
        {
            case InputEvents.ValuesOneofCase.Dense:
                if (events.Dense.Values.Count != count)
                {
                    throw Invalid($"dense input has {events.Dense.Values.Count} values, expected {events.StepCount} steps x {_channels} channels = {count}");
                }

                events.Dense.Values.CopyTo(_values, baseIndex);
                break;
            case InputEvents.ValuesOneofCase.Sparse:
                AddSparse(events.Sparse, baseIndex, (int)events.StepCount);
                break;
            default:
                throw Invalid($"input has neither dense nor sparse values");
        }

        _receivedSteps += (int)events.StepCount;
    }

    private void EnsureCapacity(int length)
    {
        if (length > _values.Length)
        {
            Array.Resize(ref _values, Math.Min(_steps * _channels, Math.Max(length, _values.Length * 2)));
        }
    }

    private void AddSparse(SparseValues sparse, int baseIndex, int stepCount)
    {
        if (sparse.Step.Count != sparse.Channel.Count || sparse.Step.Count != sparse.Value.Count)
        {
            throw Invalid($"sparse input arrays differ in length: {sparse.Step.Count} steps, {sparse.Channel.Count} channels, {sparse.Value.Count} values");
        }

        for (var k = 0; k < sparse.Step.Count; k++)
        {
            var step = sparse.Step[k];
            var channel = sparse.Channel[k];
            if (step >= stepCount || channel >= _channels)
            {
                throw Invalid($"sparse event {k} at step {step}, channel {channel} is outside {stepCount} steps x {_channels} channels");
            }

            _values[baseIndex + ((int)step * _channels) + (int)channel] = sparse.Value[k];
        }
    }

    private static BoardException Invalid(FormattableString message) =>
        new(ErrorCode.InvalidInput, "Invalid input: " + message.ToString(CultureInfo.InvariantCulture) + ".");
}
