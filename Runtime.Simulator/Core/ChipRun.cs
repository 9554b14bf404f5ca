using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// The mutable state of one sample on a <see cref="ChipNetwork"/>, and the step loop of
/// docs/fixed-point.md. One instance runs one sample at a time. Its buffers are reused across
/// samples, so a run allocates only its result and its traces.
/// </summary>
internal sealed class ChipRun
{
    private readonly ChipNetwork _network;
    private readonly ChipCycleCosts _cycleCosts;
    private readonly long[] _v;
    private readonly long[] _i;
    private readonly byte[] _spiked;
    private readonly long[] _spikesPerCore;

    // Accumulator pairs of docs/fixed-point.md: S (spike input) and A (graded input) for the
    // current step and the next one, and the synaptic operations per core that take effect in
    // each of the two steps. The pairs swap at the end of a step.
    private long[] _spikeSum;
    private long[] _spikeSumNext;
    private long[] _gradedSum;
    private long[] _gradedSumNext;
    private long[] _coreOperations;
    private long[] _coreOperationsNext;

    private long _accumulates;
    private long _multiplyAccumulates;
    private long _neuronUpdates;
    private long _spikesRouted;
    private long _inputEvents;
    private long _cycles;

    public ChipRun(ChipNetwork network, ChipCycleCosts cycleCosts)
    {
        _network = network;
        _cycleCosts = cycleCosts;
        _v = new long[network.NeuronCount];
        _i = new long[network.NeuronCount];
        _spiked = new byte[network.NeuronCount];
        _spikeSum = new long[network.NeuronCount];
        _spikeSumNext = new long[network.NeuronCount];
        _gradedSum = new long[network.NeuronCount];
        _gradedSumNext = new long[network.NeuronCount];
        _coreOperations = new long[network.CoreCount];
        _coreOperationsNext = new long[network.CoreCount];
        _spikesPerCore = new long[network.CoreCount];
    }

    /// <summary>Runs one sample from the reset state. The caller has checked the input's shape.</summary>
    public ChipRunResult Run(ChipInput input, IReadOnlyCollection<int>? record)
    {
        ResetState();
        var network = _network;
        var steps = input.Steps;
        var outputBase = network.PopulationNeuronBase[network.OutputPopulation];
        var outputSize = network.PopulationSize[network.OutputPopulation];
        var counters = new ChipCounters(network.PopulationCount, network.CoreCount);
        var result = new ChipRunResult(steps, outputSize, counters);
        var traces = CreateTraces(result, steps, record);

        for (var t = 0; t < steps; t++)
        {
            DeliverInput(input.Step(t));
            _cycles += RunStages();
            Array.Copy(_spiked, outputBase, result.OutputSpikes, t * outputSize, outputSize);
            RecordTraces(traces, t);
            (_spikeSum, _spikeSumNext) = (_spikeSumNext, _spikeSum);
            (_gradedSum, _gradedSumNext) = (_gradedSumNext, _gradedSum);
            (_coreOperations, _coreOperationsNext) = (_coreOperationsNext, _coreOperations);
        }

        counters.Accumulates = _accumulates;
        counters.MultiplyAccumulates = _multiplyAccumulates;
        counters.NeuronUpdates = _neuronUpdates;
        counters.SpikesRouted = _spikesRouted;
        counters.InputEvents = _inputEvents;
        counters.Steps = steps;
        counters.Cycles = _cycles;
        for (var k = 0; k < network.CoreCount; k++)
        {
            counters.SpikesPerCore[k] = _spikesPerCore[k];
            counters.SpikesPerPopulation[network.CorePopulation[k]] += _spikesPerCore[k];
        }

        return result;
    }

    private void ResetState()
    {
        Array.Clear(_v);
        Array.Clear(_i);
        Array.Clear(_spiked);
        Array.Clear(_spikeSum);
        Array.Clear(_spikeSumNext);
        Array.Clear(_gradedSum);
        Array.Clear(_gradedSumNext);
        Array.Clear(_coreOperations);
        Array.Clear(_coreOperationsNext);
        Array.Clear(_spikesPerCore);
        _accumulates = 0;
        _multiplyAccumulates = 0;
        _neuronUpdates = 0;
        _spikesRouted = 0;
        _inputEvents = 0;
        _cycles = 0;
    }

    private (int Population, PopulationTrace Trace)[] CreateTraces(
        ChipRunResult result, int steps, IReadOnlyCollection<int>? record)
    {
        if (record is null || record.Count == 0)
        {
            return [];
        }

        foreach (var population in record)
        {
            if (!result.Traces.ContainsKey(population))
            {
                result.Traces[population] = new PopulationTrace(steps, _network.PopulationSize[population]);
            }
        }

        var traces = new (int Population, PopulationTrace Trace)[result.Traces.Count];
        var j = 0;
        foreach (var (population, trace) in result.Traces)
        {
            traces[j++] = (population, trace);
        }

        return traces;
    }

    private void RecordTraces((int Population, PopulationTrace Trace)[] traces, int t)
    {
        foreach (var (population, trace) in traces)
        {
            var first = _network.PopulationNeuronBase[population];
            var size = trace.Size;
            Array.Copy(_v, first, trace.V, t * size, size);
            Array.Copy(_i, first, trace.I, t * size, size);
            Array.Copy(_spiked, first, trace.Spikes, t * size, size);
        }
    }

    /// <summary>Delivers one step of external input through the channels' fan-out.</summary>
    private void DeliverInput(ReadOnlySpan<int> row)
    {
        var network = _network;
        var sourceEdgeStart = network.SourceEdgeStart;
        var edgeCore = network.EdgeCore;
        var edgeDelayed = network.EdgeDelayed;
        var edgeSynapseStart = network.EdgeSynapseStart;
        var graded = network.GradedInput;
        for (var c = 0; c < row.Length; c++)
        {
            long x = row[c];
            if (x == 0)
            {
                continue;
            }

            // NOTE: sums are not checked for int64 overflow. The spec keeps them exact only within the
            // compiler's limits (fan-in <= 8192, |x| < 2^31), which the chip does not re-check.
            _inputEvents++;
            for (var e = sourceEdgeStart[c]; e < sourceEdgeStart[c + 1]; e++)
            {
                var delayed = edgeDelayed[e];
                var sums = graded
                    ? (delayed ? _gradedSumNext : _gradedSum)
                    : (delayed ? _spikeSumNext : _spikeSum);
                var first = edgeSynapseStart[e];
                var end = edgeSynapseStart[e + 1];
                Accumulate(sums, network.Synapses, first, end, x);

                // A graded event counts one multiply-accumulate per synapse, and a spike input of x events
                // counts x accumulates per synapse.
                var operations = graded ? end - first : (end - first) * x;
                if (graded)
                {
                    _multiplyAccumulates += operations;
                }
                else
                {
                    _accumulates += operations;
                }

                (delayed ? _coreOperationsNext : _coreOperations)[edgeCore[e]] += operations;
            }
        }
    }

    /// <summary>Updates every core, stage by stage, and returns the step's cycles.</summary>
    private long RunStages()
    {
        var network = _network;
        var stageStart = network.StageStart;
        var stageCores = network.StageCores;
        var coreNeuronBase = network.CoreNeuronBase;
        var stepCycles = _cycleCosts.StepOverhead;
        for (var s = 0; s + 1 < stageStart.Length; s++)
        {
            long stageCycles = 0;
            for (var j = stageStart[s]; j < stageStart[s + 1]; j++)
            {
                var k = stageCores[j];
                UpdateCore(k);

                // Every delay-0 event for core k comes from the input or an earlier stage, so its count is final.
                var neurons = coreNeuronBase[k + 1] - coreNeuronBase[k];
                var coreCycles = (neurons * _cycleCosts.NeuronUpdate)
                    + (_coreOperations[k] * _cycleCosts.SynapticOperation);
                _coreOperations[k] = 0;
                stageCycles = Math.Max(stageCycles, coreCycles);
            }

            stepCycles += stageCycles;
        }

        return stepCycles;
    }

    /// <summary>Updates the neurons of core <paramref name="k"/> in index order and routes their spikes.</summary>
    private void UpdateCore(int k)
    {
        var network = _network;
        var model = network.CoreModel[k];
        var reset = network.CoreReset[k];
        var decayV = network.CoreDecayV[k];
        var decayI = network.CoreDecayI[k];
        var fractionBits = network.CoreDecayFractionBits[k];
        var threshold = network.CoreThreshold[k];
        var vReset = network.CoreVReset[k];
        var min = network.CoreStateMin[k];
        var max = network.CoreStateMax[k];
        var inputFractionBits = network.InputFractionBits;
        var subtractNextStep = reset is ResetMode.SubtractNextStep or ResetMode.SubtractGuarded;
        var v = _v;
        var current = _i;
        var spiked = _spiked;
        var spikeSum = _spikeSum;
        var gradedSum = _gradedSum;
        var bias = network.Bias;
        var first = network.CoreNeuronBase[k];
        var end = network.CoreNeuronBase[k + 1];
        for (var g = first; g < end; g++)
        {
            var input = spikeSum[g] + FixedPoint.RoundingShift(gradedSum[g], inputFractionBits) + bias[g];
            spikeSum[g] = 0;
            gradedSum[g] = 0;

            // rst of docs/fixed-point.md. It reads the stored v, which for SUBTRACT_NEXT_STEP is the value the
            // previous step compared against θ, and for SUBTRACT_GUARDED that value minus θ if it spiked.
            var vPrevious = v[g];
            var subtractNow = subtractNextStep && vPrevious > threshold;
            long vNext;
            long iNext = 0;
            switch (model)
            {
                case NeuronModel.Lif:
                    vNext = FixedPoint.Saturate(FixedPoint.Decay(vPrevious, decayV, fractionBits) + input, min, max);
                    break;
                case NeuronModel.CubaLif:
                    iNext = FixedPoint.Saturate(FixedPoint.Decay(current[g], decayI, fractionBits) + input, min, max);
                    vNext = FixedPoint.Saturate(FixedPoint.Decay(vPrevious, decayV, fractionBits) + iNext, min, max);
                    break;
                default:
                    vNext = FixedPoint.Saturate(vPrevious + input, min, max);
                    break;
            }

            if (subtractNow)
            {
                vNext = FixedPoint.Saturate(vNext - threshold, min, max);
            }

            var spike = vNext > threshold;
            if (spike)
            {
                if (reset == ResetMode.Zero)
                {
                    vNext = vReset;
                }
                else if (reset == ResetMode.Subtract)
                {
                    vNext = FixedPoint.Saturate(vNext - threshold, min, max);
                }
            }

            // SUBTRACT_GUARDED stores v' - θ * (s - rst): subtract in a spiking step without rst, and add θ
            // back in a step with rst that does not spike.
            if (reset == ResetMode.SubtractGuarded && spike != subtractNow)
            {
                vNext = FixedPoint.Saturate(spike ? vNext - threshold : vNext + threshold, min, max);
            }

            v[g] = vNext;
            current[g] = iNext;
            spiked[g] = spike ? (byte)1 : (byte)0;
            if (spike)
            {
                _spikesPerCore[k]++;
                RouteSpike(g);
            }
        }

        _neuronUpdates += end - first;
    }

    /// <summary>Delivers a spike of global neuron <paramref name="g"/> through its fan-out.</summary>
    private void RouteSpike(int g)
    {
        var network = _network;
        var source = network.ChannelCount + g;
        var sourceEdgeStart = network.SourceEdgeStart;
        var edgeCore = network.EdgeCore;
        var edgeDelayed = network.EdgeDelayed;
        var edgeSynapseStart = network.EdgeSynapseStart;
        var synapses = network.Synapses;
        _spikesRouted += network.SourceRoutedCores[g];
        for (var e = sourceEdgeStart[source]; e < sourceEdgeStart[source + 1]; e++)
        {
            var delayed = edgeDelayed[e];
            var sums = delayed ? _spikeSumNext : _spikeSum;
            var first = edgeSynapseStart[e];
            var end = edgeSynapseStart[e + 1];
            Accumulate(sums, synapses, first, end);

            _accumulates += end - first;
            (delayed ? _coreOperationsNext : _coreOperations)[edgeCore[e]] += end - first;
        }
    }

    /// <summary>Adds the weights of <c>synapses[first .. end)</c> to their targets' sums.</summary>
    private static void Accumulate(long[] sums, Synapse[] synapses, int first, int end)
    {
        // Bounds checks are skipped: ChipNetwork guarantees first <= end <= synapses.Length and every
        // target below the neuron count, which is sums.Length.
        ref var sum = ref MemoryMarshal.GetArrayDataReference(sums);
        ref var synapse = ref MemoryMarshal.GetArrayDataReference(synapses);
        for (var j = first; j < end; j++)
        {
            var entry = Unsafe.Add(ref synapse, j);
            Unsafe.Add(ref sum, entry.Target) += entry.Weight;
        }
    }

    /// <summary>Adds the weights of <c>synapses[first .. end)</c> times <paramref name="x"/> to their targets' sums.</summary>
    private static void Accumulate(long[] sums, Synapse[] synapses, int first, int end, long x)
    {
        ref var sum = ref MemoryMarshal.GetArrayDataReference(sums);
        ref var synapse = ref MemoryMarshal.GetArrayDataReference(synapses);
        for (var j = first; j < end; j++)
        {
            var entry = Unsafe.Add(ref synapse, j);
            Unsafe.Add(ref sum, entry.Target) += entry.Weight * x;
        }
    }
}
