using Google.Protobuf;
using NeuroDeploy.Firmware.Protocol.Board;

namespace NeuroDeploy.Runtime.Simulator.Board;

/// <summary>Converts a chip result to the messages a board sends after a run, and back.</summary>
public static class RunEvents
{
    /// <summary>Returns OutputSpikes for each step with spikes, TraceStep per recorded population and step, Telemetry, RunComplete.</summary>
    public static IReadOnlyList<RunEvent> FromResult(ChipRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var events = new List<RunEvent>();
        for (var step = 0; step < result.Steps; step++)
        {
            var spikes = new OutputSpikes { Step = (uint)step };
            for (var n = 0; n < result.OutputSize; n++)
            {
                if (result.OutputSpikes[(step * result.OutputSize) + n] != 0)
                {
                    spikes.Neurons.Add((uint)n);
                }
            }

            if (spikes.Neurons.Count > 0)
            {
                events.Add(new RunEvent { OutputSpikes = spikes });
            }
        }

        foreach (var (population, trace) in result.Traces.OrderBy(t => t.Key))
        {
            for (var step = 0; step < trace.Steps; step++)
            {
                var offset = step * trace.Size;
                var traceStep = new TraceStep
                {
                    Population = (uint)population,
                    Step = (uint)step,
                    Spikes = ByteString.CopyFrom(trace.Spikes, offset, trace.Size),
                };
                traceStep.V.Add(trace.V.AsSpan(offset, trace.Size).ToArray());
                traceStep.I.Add(trace.I.AsSpan(offset, trace.Size).ToArray());
                events.Add(new RunEvent { TraceStep = traceStep });
            }
        }

        events.Add(new RunEvent { Telemetry = ToTelemetry(result.Counters) });
        events.Add(new RunEvent { RunComplete = new RunComplete { Steps = (uint)result.Steps, OutputSize = (uint)result.OutputSize } });
        return events;
    }

    public static Telemetry ToTelemetry(ChipCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var telemetry = new Telemetry
        {
            Accumulates = (ulong)counters.Accumulates,
            MultiplyAccumulates = (ulong)counters.MultiplyAccumulates,
            NeuronUpdates = (ulong)counters.NeuronUpdates,
            SpikesRouted = (ulong)counters.SpikesRouted,
            InputEvents = (ulong)counters.InputEvents,
            Steps = (ulong)counters.Steps,
            Cycles = (ulong)counters.Cycles,
        };
        telemetry.SpikesPerPopulation.Add(counters.SpikesPerPopulation.Select(c => (ulong)c));
        telemetry.SpikesPerCore.Add(counters.SpikesPerCore.Select(c => (ulong)c));
        return telemetry;
    }

    public static ChipCounters ToCounters(Telemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var counters = new ChipCounters(telemetry.SpikesPerPopulation.Count, telemetry.SpikesPerCore.Count)
        {
            Accumulates = (long)telemetry.Accumulates,
            MultiplyAccumulates = (long)telemetry.MultiplyAccumulates,
            NeuronUpdates = (long)telemetry.NeuronUpdates,
            SpikesRouted = (long)telemetry.SpikesRouted,
            InputEvents = (long)telemetry.InputEvents,
            Steps = (long)telemetry.Steps,
            Cycles = (long)telemetry.Cycles,
        };
        for (var k = 0; k < telemetry.SpikesPerPopulation.Count; k++)
        {
            counters.SpikesPerPopulation[k] = (long)telemetry.SpikesPerPopulation[k];
        }

        for (var k = 0; k < telemetry.SpikesPerCore.Count; k++)
        {
            counters.SpikesPerCore[k] = (long)telemetry.SpikesPerCore[k];
        }

        return counters;
    }
}
