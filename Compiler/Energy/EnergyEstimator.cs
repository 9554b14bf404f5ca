using NeuroDeploy.Compiler.Profiles;

namespace NeuroDeploy.Compiler.Energy;

/// <summary>Multiplies operation counts by a profile's per-operation energies.</summary>
public static class EnergyEstimator
{
    /// <param name="profile">Energy and clock figures.</param>
    /// <param name="counts">Counts of the whole run.</param>
    /// <param name="denseAnnMultiplyAccumulates">
    /// Multiply-accumulates of one dense ANN pass over the same weights, times the number of samples.
    /// </param>
    public static EnergyEstimate Estimate(HardwareProfile profile, OperationCounts counts, long denseAnnMultiplyAccumulates)
    {
        var energy = profile.Energy;
        var seconds = counts.Cycles / profile.ClockHz;
        var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["accumulates"] = counts.Accumulates * energy.AccumulateJoules,
            ["multiply_accumulates"] = counts.MultiplyAccumulates * energy.MultiplyAccumulateJoules,
            ["neuron_updates"] = counts.NeuronUpdates * energy.NeuronUpdateJoules,
            ["spikes_routed"] = counts.SpikesRouted * energy.SpikeRoutedJoules,
            ["static"] = seconds * energy.StaticWatts,
        };
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["accumulates"] = energy.AccumulateSource,
            ["multiply_accumulates"] = energy.MultiplyAccumulateSource,
            ["neuron_updates"] = energy.NeuronUpdateSource,
            ["spikes_routed"] = energy.SpikeRoutedSource,
            ["static"] = energy.StaticSource,
            ["dense_ann"] = "one multiply-accumulate per weight per inference at " + energy.MultiplyAccumulateSource,
        };
        return new EnergyEstimate(
            profile.Name,
            breakdown.Values.Sum(),
            breakdown,
            sources,
            seconds,
            denseAnnMultiplyAccumulates,
            denseAnnMultiplyAccumulates * energy.MultiplyAccumulateJoules);
    }
}
