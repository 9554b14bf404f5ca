using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Quantization;

namespace NeuroDeploy.Compiler.Golden;

/// <summary>
/// The reference implementation of docs/fixed-point.md: dense, one population at a time, one
/// step at a time, written without reference to the event-driven simulator. The two must agree
/// bit for bit.
/// </summary>
public static class GoldenModel
{
    /// <summary>Runs one sample of <paramref name="steps"/> rows of int32 input (row-major [step, channel]).</summary>
    public static GoldenResult Run(QuantizedNetwork network, int[] input, int steps, IReadOnlyCollection<int>? record = null)
    {
        var channels = network.InputSize;
        if (input.Length != steps * channels)
        {
            throw new ArgumentException(
                $"Input has {input.Length} values; expected {steps} steps x {channels} channels.", nameof(input));
        }

        var count = network.Populations.Count;
        var f = network.DecayFractionBits;
        var bits = network.StateBits;
        var v = new long[count][];
        var i = new long[count][];
        var spikesNow = new byte[count][];
        var spikesPrevious = new byte[count][];
        var result = new GoldenResult
        {
            Steps = steps,
            Spikes = new byte[count][],
            V = new long[count][],
            I = new long[count][],
        };
        for (var p = 0; p < count; p++)
        {
            var size = network.Populations[p].Size;
            v[p] = new long[size];
            i[p] = new long[size];
            spikesNow[p] = new byte[size];
            spikesPrevious[p] = new byte[size];
            result.Spikes[p] = new byte[steps * size];
            if (record is not null && record.Contains(p))
            {
                result.V[p] = new long[steps * size];
                result.I[p] = new long[steps * size];
            }
        }

        var incoming = Enumerable.Range(0, count)
            .Select(p => network.Projections.Where(x => x.Target == p).ToArray())
            .ToArray();
        var zeroInput = new int[channels];

        for (var t = 0; t < steps; t++)
        {
            var inputNow = new ReadOnlySpan<int>(input, t * channels, channels);
            var inputPrevious = t > 0 ? new ReadOnlySpan<int>(input, (t - 1) * channels, channels) : zeroInput;
            foreach (var x in inputNow)
            {
                if (x != 0)
                {
                    result.InputEvents++;
                }
            }

            for (var p = 0; p < count; p++)
            {
                var population = network.Populations[p];
                var size = population.Size;
                var spikeSum = new long[size];
                var gradedSum = new long[size];
                foreach (var projection in incoming[p])
                {
                    Accumulate(network, population, projection, inputNow, inputPrevious, spikesNow, spikesPrevious,
                        spikeSum, gradedSum, result);
                }

                var vp = v[p];
                var ip = i[p];
                var spikes = spikesNow[p];
                for (var n = 0; n < size; n++)
                {
                    var input1 = spikeSum[n] + FixedPoint.RoundShift(gradedSum[n], network.InputFractionBits) + population.Bias[n];
                    var reset = population.Reset is ResetRule.SubtractNextStep or ResetRule.SubtractGuardedRefire
                        && vp[n] > population.Threshold;
                    long vNew;
                    long iNew = 0;
                    switch (population.Kind)
                    {
                        case NeuronKind.Lif:
                            vNew = FixedPoint.Saturate(FixedPoint.Multiply(vp[n], population.DecayV, f) + input1, bits);
                            break;
                        case NeuronKind.CubaLif:
                            iNew = FixedPoint.Saturate(FixedPoint.Multiply(ip[n], population.DecayI, f) + input1, bits);
                            vNew = FixedPoint.Saturate(FixedPoint.Multiply(vp[n], population.DecayV, f) + iNew, bits);
                            break;
                        case NeuronKind.If:
                            vNew = FixedPoint.Saturate(vp[n] + input1, bits);
                            break;
                        default:
                            throw new InvalidOperationException($"Unknown neuron kind {population.Kind}.");
                    }

                    if (reset)
                    {
                        vNew = FixedPoint.Saturate(vNew - population.Threshold, bits);
                    }

                    var spike = vNew > population.Threshold;
                    if (spike && population.Reset == ResetRule.Zero)
                    {
                        vNew = population.VReset;
                    }
                    else if (spike && population.Reset == ResetRule.Subtract)
                    {
                        vNew = FixedPoint.Saturate(vNew - population.Threshold, bits);
                    }
                    else if (population.Reset == ResetRule.SubtractGuardedRefire && spike != reset)
                    {
                        // v <- v - threshold * (s - rst): the stored v ends up as if only this step's spike subtracted.
                        vNew = FixedPoint.Saturate(spike ? vNew - population.Threshold : vNew + population.Threshold, bits);
                    }

                    vp[n] = vNew;
                    ip[n] = iNew;
                    spikes[n] = spike ? (byte)1 : (byte)0;
                    result.Spikes[p][(t * size) + n] = spikes[n];
                    result.V[p]?[(t * size) + n] = vNew;
                    result.I[p]?[(t * size) + n] = iNew;
                }

                result.NeuronUpdates += size;
            }

            (spikesNow, spikesPrevious) = (spikesPrevious, spikesNow);
        }

        CountUndeliveredEvents(network, input, steps, spikesPrevious, result);
        return result;
    }

    /// <summary>
    /// Counts the synaptic operations of delay-1 events of the last step: the chip performs them
    /// when the event is emitted, although the step that would use them never runs.
    /// </summary>
    private static void CountUndeliveredEvents(QuantizedNetwork network, int[] input, int steps, byte[][] lastSpikes, GoldenResult result)
    {
        if (steps == 0)
        {
            return;
        }

        var channels = network.InputSize;
        var lastInput = new ReadOnlySpan<int>(input, (steps - 1) * channels, channels);
        var scratch = network.Populations.Select(p => (new long[p.Size], new long[p.Size])).ToArray();
        foreach (var projection in network.Projections.Where(x => x.Delay == 1))
        {
            var (spikeSum, gradedSum) = scratch[projection.Target];
            var delayed = new QuantizedProjection
            {
                Source = projection.Source,
                Target = projection.Target,
                Delay = 0,
                RowStart = projection.RowStart,
                Column = projection.Column,
                Mantissa = projection.Mantissa,
            };
            Accumulate(network, network.Populations[projection.Target], delayed, lastInput, lastInput, lastSpikes, lastSpikes,
                spikeSum, gradedSum, result);
        }
    }

    private static void Accumulate(
        QuantizedNetwork network,
        QuantizedPopulation target,
        QuantizedProjection projection,
        ReadOnlySpan<int> inputNow,
        ReadOnlySpan<int> inputPrevious,
        byte[][] spikesNow,
        byte[][] spikesPrevious,
        long[] spikeSum,
        long[] gradedSum,
        GoldenResult result)
    {
        var rows = projection.RowStart.Length - 1;
        if (projection.Source < 0)
        {
            var source = projection.Delay == 0 ? inputNow : inputPrevious;
            for (var n = 0; n < rows; n++)
            {
                for (var k = projection.RowStart[n]; k < projection.RowStart[n + 1]; k++)
                {
                    var x = source[projection.Column[k]];
                    if (x == 0)
                    {
                        continue;
                    }

                    var weight = (long)projection.Mantissa[k] << target.WeightExponent;
                    if (network.GradedInput)
                    {
                        gradedSum[n] += weight * x;
                        result.MultiplyAccumulates++;
                    }
                    else
                    {
                        spikeSum[n] += weight * x;
                        result.Accumulates += x;
                    }
                }
            }

            return;
        }

        // Delay 0 reads the source's spikes of this step, because the source ran earlier in the step.
        // Delay 1 reads the previous step's spikes, which stay untouched until the step ends.
        var spikes = projection.Delay == 0 ? spikesNow[projection.Source] : spikesPrevious[projection.Source];
        for (var n = 0; n < rows; n++)
        {
            for (var k = projection.RowStart[n]; k < projection.RowStart[n + 1]; k++)
            {
                if (spikes[projection.Column[k]] != 0)
                {
                    spikeSum[n] += (long)projection.Mantissa[k] << target.WeightExponent;
                    result.Accumulates++;
                }
            }
        }
    }
}
