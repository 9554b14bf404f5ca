using System.Globalization;
using NeuroDeploy.Compiler.Nir;

namespace NeuroDeploy.Compiler.Lowering;

/// <summary>Per-step constants of one neuron node under a convention, and the input gain folded into its weights.</summary>
internal static class NeuronDiscretizer
{
    public static (DiscretePopulation Population, double[] InputGain) Discretize(
        NirNode node, double dt, string convention, ResetRule? resetOverride)
    {
        return node switch
        {
            NirLifNode n => Lif(n, dt, convention, resetOverride),
            NirCubaLifNode n => CubaLif(n, dt, convention, resetOverride),
            NirIfNode n => If(n, convention, resetOverride),
            NirThresholdNode n => Threshold(n),
            _ => throw new LoweringException(
                $"node '{node.Name}' ({node.TypeName}): non-spiking neuron models (LI, I) are not supported yet; "
                + "replace it with a LIF readout or read its input weights directly"),
        };
    }

    private static (DiscretePopulation, double[]) Lif(NirLifNode n, double dt, string convention, ResetRule? reset)
    {
        var size = n.Size;
        var decay = new double[size];
        var gain = new double[size];
        var biasV = new double[size];
        for (var k = 0; k < size; k++)
        {
            var (d, g) = Constants(n, "tau", dt / n.Tau[k], convention);
            decay[k] = d;
            biasV[k] = g * n.VLeak[k];
            gain[k] = g * n.R[k];
        }

        var population = Population(n, NeuronKind.Lif, convention, reset, decay, new double[size], biasV);
        return (population, gain);
    }

    private static (DiscretePopulation, double[]) CubaLif(
        NirCubaLifNode n, double dt, string convention, ResetRule? reset)
    {
        var size = n.Size;
        var decayV = new double[size];
        var decayI = new double[size];
        var gain = new double[size];
        var biasV = new double[size];
        for (var k = 0; k < size; k++)
        {
            var (dv, gv) = Constants(n, "tau_mem", dt / n.TauMem[k], convention);
            var (di, gi) = Constants(n, "tau_syn", dt / n.TauSyn[k], convention);
            decayV[k] = dv;
            decayI[k] = di;
            biasV[k] = gv * n.VLeak[k];

            // The state i contains gv * r * I, so that v <- decayV v + i + biasV; the synaptic input
            // w_in * u then enters i with gain gv * r * gi * w_in.
            gain[k] = gv * n.R[k] * gi * n.WIn[k];
        }

        var population = Population(n, NeuronKind.CubaLif, convention, reset, decayV, decayI, biasV);
        return (population, gain);
    }

    private static (DiscretePopulation, double[]) If(NirIfNode n, string convention, ResetRule? reset)
    {
        // Integrate-and-fire as Sinabs runs it: v <- v + r * I per step, independent of dt.
        var size = n.Size;
        var population = Population(
            n, NeuronKind.If, convention, reset, Filled(size, 1.0), new double[size], new double[size]);
        return (population, (double[])n.R.Values.Clone());
    }

    private static (DiscretePopulation, double[]) Threshold(NirThresholdNode n)
    {
        // A stateless Heaviside: v <- input (decay 0), spike when v > threshold, v <- 0.
        var size = n.Threshold.Length;
        var population = new DiscretePopulation
        {
            Name = n.Name,
            Shape = n.OutputShape,
            Kind = NeuronKind.Lif,
            Reset = ResetRule.Zero,
            DecayV = new double[size],
            DecayI = new double[size],
            BiasI = new double[size],
            BiasV = new double[size],
            Threshold = (double[])n.Threshold.Values.Clone(),
            VReset = new double[size],
        };
        return (population, Filled(size, 1.0));
    }

    /// <summary>Returns (decay, gain) for one time constant with ratio dt / tau.</summary>
    private static (double Decay, double Gain) Constants(NirNode node, string field, double ratio, string convention)
    {
        switch (convention)
        {
            case LoweringConventions.Exact:
                var decay = Math.Exp(-ratio);
                return (decay, 1 - decay);
            case LoweringConventions.Rockpool:
            case LoweringConventions.Sinabs:
                return (Math.Exp(-ratio), ratio);
            default:
                if (ratio > 1)
                {
                    throw new LoweringException(
                        $"node '{node.Name}' ({node.TypeName}), field '{field}': dt / {field} = "
                        + $"{ratio.ToString("G6", CultureInfo.InvariantCulture)} > 1 makes the forward-Euler decay "
                        + $"negative under the '{convention}' convention; use a smaller --dt or the 'exact' convention");
                }

                return (1 - ratio, ratio);
        }
    }

    private static DiscretePopulation Population(
        NirSpikingNode n,
        NeuronKind kind,
        string convention,
        ResetRule? reset,
        double[] decayV,
        double[] decayI,
        double[] biasV)
    {
        var size = n.Size;
        var rule = reset ?? (n.VReset is not null ? ResetRule.Zero : LoweringConventions.DefaultReset(convention));
        return new DiscretePopulation
        {
            Name = n.Name,
            Shape = n.OutputShape,
            Kind = kind,
            Reset = rule,
            DecayV = decayV,
            DecayI = decayI,
            BiasI = new double[size],
            BiasV = biasV,
            Threshold = (double[])n.VThreshold.Values.Clone(),
            VReset = n.VReset is null ? new double[size] : (double[])n.VReset.Values.Clone(),
        };
    }

    private static double[] Filled(int size, double value) => Enumerable.Repeat(value, size).ToArray();
}
