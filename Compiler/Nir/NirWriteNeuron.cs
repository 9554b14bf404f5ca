using System.Globalization;
using NeuroDeploy.Compiler.Lowering;
using NeuroDeploy.Compiler.Quantization;
using PureHDF;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Chooses the NIR neuron node whose forward-Euler discretization reproduces a quantized population's
/// per-step update: decay d = D / 2^F becomes tau = dt / (1 - d) with unit input gain.
/// </summary>
internal static class NirWriteNeuron
{
    /// <summary>
    /// Builds the node group. A LIF population without leak (DecayV = 2^F) becomes IF with r = 1, because
    /// its tau would be infinite. <c>v_reset</c> is stored only for the Zero reset rule, so that import
    /// without an explicit reset picks Zero for those populations and the convention's default otherwise.
    /// </summary>
    /// <exception cref="NotSupportedException">A CubaLIF population has a decay of exactly 1.</exception>
    public static H5Group Build(QuantizedPopulation population, int decayFractionBits, double dt)
    {
        var one = Math.ScaleB(1.0, decayFractionBits);
        var threshold = Math.ScaleB(population.Threshold, -population.StateExponent);
        var group = new H5Group();
        switch (population.Kind)
        {
            case NeuronKind.Lif when population.DecayV == (long)one:
            case NeuronKind.If:
                group["type"] = "IF";
                group["r"] = Fill(population, 1.0);
                break;
            case NeuronKind.Lif:
            {
                var tau = TimeConstant(population, "DecayV", population.DecayV, one, dt);
                group["type"] = "LIF";
                group["tau"] = Fill(population, tau);
                group["r"] = Fill(population, tau / dt);
                group["v_leak"] = Fill(population, 0.0);
                break;
            }

            case NeuronKind.CubaLif:
            {
                var tauMem = TimeConstant(population, "DecayV", population.DecayV, one, dt);
                var tauSyn = TimeConstant(population, "DecayI", population.DecayI, one, dt);
                group["type"] = "CubaLIF";
                group["tau_mem"] = Fill(population, tauMem);
                group["tau_syn"] = Fill(population, tauSyn);
                group["r"] = Fill(population, tauMem / dt);
                group["w_in"] = Fill(population, tauSyn / dt);
                group["v_leak"] = Fill(population, 0.0);
                break;
            }

            default:
                throw new NotSupportedException($"Population '{population.Name}' has neuron kind {population.Kind}, which the NIR export does not support.");
        }

        group["v_threshold"] = Fill(population, threshold);
        if (population.Reset == ResetRule.Zero)
        {
            group["v_reset"] = Fill(population, Math.ScaleB(population.VReset, -population.StateExponent));
        }

        return group;
    }

    /// <summary>Returns tau = dt / (1 - D / 2^F), the forward-Euler time constant of decay multiplier D.</summary>
    private static double TimeConstant(QuantizedPopulation population, string field, long decay, double one, double dt)
    {
        var leak = 1.0 - (decay / one);
        if (leak <= 0 || leak > 1)
        {
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"Population '{population.Name}': {field} = {decay} / {one} has no forward-Euler time constant, because tau = dt / (1 - decay) needs a decay in [0, 1). A CubaLIF population without leak cannot be exported to NIR."));
        }

        return dt / leak;
    }

    private static H5Dataset Fill(QuantizedPopulation population, double value) =>
        NirWriteGraph.Tensor(Enumerable.Repeat(value, population.Size).ToArray(), population.Shape);
}
