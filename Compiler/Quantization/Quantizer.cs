using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Profiles;

namespace NeuroDeploy.Compiler.Quantization;

/// <summary>
/// Turns a discrete float network into the integer form of docs/fixed-point.md
/// (section "Quantization").
/// </summary>
public static class Quantizer
{
    /// <exception cref="CompileException">A parameter cannot be represented on the profile.</exception>
    public static QuantizedNetwork Quantize(DiscreteNetwork network, HardwareProfile profile, QuantizeOptions options)
    {
        var report = new QuantizationReport();
        var populations = new List<QuantizedPopulation>(network.Populations.Count);
        var projections = new List<QuantizedProjection>(network.Projections.Count);
        var maxMantissa = (1 << (profile.WeightBits - 1)) - 1;

        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            var stateExponent = ChooseStateExponent(population, profile);
            var scale = Math.ScaleB(1.0, stateExponent);
            var incoming = network.Projections.Where(x => x.Target == p).ToList();

            var maxAbsWeight = incoming.SelectMany(x => x.Weight).Select(Math.Abs).DefaultIfEmpty(0).Max();
            var weightExponent = 0;
            while (maxAbsWeight * scale / Math.ScaleB(1.0, weightExponent) > maxMantissa + 0.5)
            {
                weightExponent++;
            }

            if (weightExponent > profile.MaxWeightExponent)
            {
                throw new CompileException(
                    $"Population '{population.Name}': the largest weight {maxAbsWeight:G6} needs weight exponent "
                    + $"{weightExponent}, above the profile's maximum {profile.MaxWeightExponent}. Its threshold "
                    + "is small relative to its weights; rescale the layer (weights and threshold together).");
            }

            var weightStep = Math.ScaleB(1.0, weightExponent) / scale;
            double maxError = 0, sumSquares = 0;
            int synapses = 0, dropped = 0;
            foreach (var projection in incoming)
            {
                var quantized = QuantizeProjection(projection, scale, weightExponent, maxMantissa, weightStep,
                    ref maxError, ref sumSquares, ref dropped);
                synapses += projection.SynapseCount;
                projections.Add(quantized);
            }

            var decayV = QuantizeDecay(population, population.DecayV, "decay_v", profile.DecayFractionBits);
            var decayI = population.Kind == NeuronKind.CubaLif
                ? QuantizeDecay(population, population.DecayI, "decay_i", profile.DecayFractionBits)
                : 0;
            if (population.Kind == NeuronKind.If)
            {
                decayV = 1L << profile.DecayFractionBits;
            }

            var threshold = Uniform(population, population.Threshold, "v_threshold");
            var vReset = Uniform(population, population.VReset, "v_reset");
            var bias = QuantizeBias(population, scale);
            var stateLimit = (1L << (profile.StateBits - 1)) - 1;
            var thresholdUnits = FixedPoint.Round(threshold * scale);
            var vResetUnits = FixedPoint.Round(vReset * scale);
            if (Math.Abs(vResetUnits) > stateLimit)
            {
                throw new CompileException(
                    $"Population '{population.Name}': v_reset {vReset:G6} is outside the {profile.StateBits}-bit state range at scale 2^{stateExponent}.");
            }

            populations.Add(new QuantizedPopulation
            {
                Name = population.Name,
                Shape = population.Shape,
                Size = population.Size,
                Kind = population.Kind,
                Reset = population.Reset,
                StateExponent = stateExponent,
                WeightExponent = weightExponent,
                DecayV = decayV,
                DecayI = decayI,
                Threshold = thresholdUnits,
                VReset = vResetUnits,
                Bias = bias,
            });

            var fractionOne = Math.ScaleB(1.0, profile.DecayFractionBits);
            report.Populations.Add(new PopulationQuantization(
                population.Name,
                stateExponent,
                weightExponent,
                synapses,
                dropped,
                maxError,
                synapses == 0 ? 0 : Math.Sqrt(sumSquares / synapses),
                maxAbsWeight,
                population.Kind == NeuronKind.If ? 0 : Math.Abs((decayV / fractionOne) - population.DecayV[0]),
                population.Kind == NeuronKind.CubaLif ? Math.Abs((decayI / fractionOne) - population.DecayI[0]) : 0,
                Math.Abs((thresholdUnits / scale) - threshold)));
        }

        var inputFractionBits = 0;
        if (options.GradedInput)
        {
            var bound = Math.Max(options.InputBound, 0);
            inputFractionBits = Math.Min(16, Math.Max(0, 30 - (int)Math.Ceiling(Math.Log2(bound + 1))));
        }

        return new QuantizedNetwork
        {
            InputNode = network.InputNode,
            InputShape = network.InputShape,
            GradedInput = options.GradedInput,
            InputFractionBits = inputFractionBits,
            Populations = populations,
            Projections = ApplyInputDelay(projections, network.InputDelay),
            OutputPopulation = network.OutputPopulation,
            StateBits = profile.StateBits,
            DecayFractionBits = profile.DecayFractionBits,
            Report = report,
        };
    }

    /// <summary>Converts one float input value to the board's int32 input format.</summary>
    /// <exception cref="CompileException">The value does not fit in int32 at the chosen fraction bits.</exception>
    public static int QuantizeInput(double value, int fractionBits, int step, int channel)
    {
        if (!double.IsFinite(value))
        {
            throw new CompileException($"Input value at step {step}, channel {channel} is {value}; inputs must be finite.");
        }

        var scaledValue = Math.ScaleB(value, fractionBits);
        if (scaledValue is > int.MaxValue or < int.MinValue)
        {
            var fix = fractionBits > 0
                ? $"Compile with --input-bound {Math.Abs(value):G3} or larger."
                : "The chip's graded input holds at most 2^31 - 1; scale the input down.";
            throw new CompileException(
                $"Input value {value:G6} at step {step}, channel {channel} does not fit the image's input format "
                + $"(int32 with {fractionBits} fraction bits, |value| < {Math.ScaleB(1.0, 31 - fractionBits):G6}). " + fix);
        }

        var scaled = FixedPoint.Round(scaledValue);

        return (int)scaled;
    }

    private static List<QuantizedProjection> ApplyInputDelay(List<QuantizedProjection> projections, int inputDelay)
    {
        if (inputDelay == 0)
        {
            return projections;
        }

        return projections.Select(p =>
        {
            if (p.Source != -1)
            {
                return p;
            }

            var delay = p.Delay + inputDelay;
            if (delay > 1)
            {
                throw new CompileException(
                    $"The input reaches population {p.Target} after {delay} steps; the chip delivers events after 0 or 1 steps.");
            }

            return new QuantizedProjection
            {
                Source = p.Source,
                Target = p.Target,
                Delay = delay,
                RowStart = p.RowStart,
                Column = p.Column,
                Mantissa = p.Mantissa,
            };
        }).ToList();
    }

    private static int ChooseStateExponent(DiscretePopulation population, HardwareProfile profile)
    {
        var threshold = population.Threshold.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (!(threshold > 0) || !double.IsFinite(threshold))
        {
            throw new CompileException(
                $"Population '{population.Name}': v_threshold {threshold:G6} is not supported; the chip needs a positive, finite threshold.");
        }

        var target = Math.ScaleB(1.0, profile.ThresholdTargetBits);
        var exponent = (int)Math.Floor(Math.Log2(target / threshold));
        while (threshold * Math.ScaleB(1.0, exponent) >= target)
        {
            exponent--;
        }

        while (threshold * Math.ScaleB(1.0, exponent + 1) < target)
        {
            exponent++;
        }

        return exponent;
    }

    private static QuantizedProjection QuantizeProjection(
        Projection projection,
        double scale,
        int weightExponent,
        int maxMantissa,
        double weightStep,
        ref double maxError,
        ref double sumSquares,
        ref int dropped)
    {
        var rows = projection.RowStart.Length - 1;
        var rowStart = new int[rows + 1];
        var columns = new List<int>(projection.SynapseCount);
        var mantissas = new List<short>(projection.SynapseCount);
        for (var row = 0; row < rows; row++)
        {
            rowStart[row] = columns.Count;
            for (var k = projection.RowStart[row]; k < projection.RowStart[row + 1]; k++)
            {
                var weight = projection.Weight[k];
                var mantissa = FixedPoint.Round(weight * scale / Math.ScaleB(1.0, weightExponent));
                mantissa = Math.Clamp(mantissa, -maxMantissa - 1, maxMantissa);
                var error = Math.Abs((mantissa * weightStep) - weight);
                maxError = Math.Max(maxError, error);
                sumSquares += error * error;
                if (mantissa == 0)
                {
                    if (weight != 0)
                    {
                        dropped++;
                    }

                    continue;
                }

                columns.Add(projection.Column[k]);
                mantissas.Add((short)mantissa);
            }
        }

        rowStart[rows] = columns.Count;
        return new QuantizedProjection
        {
            Source = projection.Source,
            Target = projection.Target,
            Delay = projection.Delay,
            RowStart = rowStart,
            Column = [.. columns],
            Mantissa = [.. mantissas],
        };
    }

    private static long QuantizeDecay(DiscretePopulation population, double[] values, string field, int fractionBits)
    {
        var decay = Uniform(population, values, field);
        if (decay is < 0 or > 1 || !double.IsFinite(decay))
        {
            throw new CompileException(
                $"Population '{population.Name}': {field} per step is {decay:G6}; the chip needs a decay in [0, 1]. "
                + "Check --dt against the time constants.");
        }

        return FixedPoint.Round(decay * Math.ScaleB(1.0, fractionBits));
    }

    private static double Uniform(DiscretePopulation population, double[] values, string field)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var first = values[0];
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] != first)
            {
                throw new CompileException(
                    $"Population '{population.Name}': {field} differs between neurons ({first:G6} at 0, {values[k]:G6} at {k}); "
                    + "per-neuron values of this parameter are not supported yet.");
            }
        }

        return first;
    }

    private static int[] QuantizeBias(DiscretePopulation population, double scale)
    {
        var bias = new int[population.Size];
        for (var n = 0; n < population.Size; n++)
        {
            var value = population.BiasI[n];
            if (population.Kind == NeuronKind.CubaLif)
            {
                if (population.BiasV[n] != 0)
                {
                    throw new CompileException(
                        $"Population '{population.Name}': CubaLIF with nonzero v_leak (neuron {n}) is not supported yet on the chip.");
                }
            }
            else
            {
                value += population.BiasV[n];
            }

            var units = FixedPoint.Round(value * scale);
            if (units is > int.MaxValue or < int.MinValue)
            {
                throw new CompileException(
                    $"Population '{population.Name}': bias {value:G6} of neuron {n} does not fit 32 bits at scale 2^{Math.Log2(scale)}.");
            }

            bias[n] = (int)units;
        }

        return bias;
    }
}
