using NeuroDeploy.Compiler.Profiles;
using NeuroDeploy.Compiler.Quantization;

namespace NeuroDeploy.Compiler.Mapping;

/// <summary>
/// Places populations onto cores in order, each core holding a contiguous range of one
/// population's neurons, and checks every limit of the profile.
/// </summary>
public static class Mapper
{
    /// <exception cref="CompileException">A layer breaks a limit; the message names the layer, the limit and the amount.</exception>
    public static List<CoreAssignment> Map(QuantizedNetwork network, HardwareProfile profile)
    {
        CheckFanInAndFanOut(network, profile);
        var assignments = new List<CoreAssignment>();
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            var incoming = network.Projections.Where(x => x.Target == p).ToArray();
            var start = 0;
            while (start < population.Size)
            {
                var count = 0;
                var synapses = 0;
                var sources = new HashSet<(int Projection, int Column)>();
                while (start + count < population.Size && count < profile.NeuronsPerCore)
                {
                    var neuron = start + count;
                    var neuronSynapses = 0;
                    var newSources = new List<(int, int)>();
                    for (var j = 0; j < incoming.Length; j++)
                    {
                        var projection = incoming[j];
                        for (var k = projection.RowStart[neuron]; k < projection.RowStart[neuron + 1]; k++)
                        {
                            neuronSynapses++;
                            if (!sources.Contains((j, projection.Column[k])))
                            {
                                newSources.Add((j, projection.Column[k]));
                            }
                        }
                    }

                    var distinctNew = newSources.Distinct().Count();
                    if (count > 0 && (synapses + neuronSynapses > profile.SynapsesPerCore
                        || sources.Count + distinctNew > profile.AxonsPerCore))
                    {
                        break;
                    }

                    if (neuronSynapses > profile.SynapsesPerCore || distinctNew > profile.AxonsPerCore)
                    {
                        throw new CompileException(
                            $"Layer '{population.Name}': neuron {neuron} alone needs {neuronSynapses} synapses and "
                            + $"{distinctNew} axons; a core of profile '{profile.Name}' holds {profile.SynapsesPerCore} "
                            + $"synapses and {profile.AxonsPerCore} axons.");
                    }

                    foreach (var source in newSources)
                    {
                        sources.Add(source);
                    }

                    synapses += neuronSynapses;
                    count++;
                }

                assignments.Add(new CoreAssignment(assignments.Count, p, start, count, synapses, sources.Count));
                start += count;
            }

            if (population.Size == 0)
            {
                throw new CompileException($"Layer '{population.Name}' has no neurons.");
            }
        }

        if (assignments.Count > profile.Cores)
        {
            var first = assignments[profile.Cores];
            throw new CompileException(
                $"The network needs {assignments.Count} cores but profile '{profile.Name}' has {profile.Cores}; "
                + $"cores run out at layer '{network.Populations[first.Population].Name}' "
                + $"({assignments.Count - profile.Cores} cores over the limit).");
        }

        return assignments;
    }

    private static void CheckFanInAndFanOut(QuantizedNetwork network, HardwareProfile profile)
    {
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            var fanIn = new int[population.Size];
            foreach (var projection in network.Projections.Where(x => x.Target == p))
            {
                for (var n = 0; n < population.Size; n++)
                {
                    fanIn[n] += projection.RowStart[n + 1] - projection.RowStart[n];
                }
            }

            var maxFanIn = fanIn.DefaultIfEmpty(0).Max();
            if (maxFanIn > profile.MaxFanIn)
            {
                throw new CompileException(
                    $"Layer '{population.Name}': neuron {Array.IndexOf(fanIn, maxFanIn)} has fan-in {maxFanIn}, above "
                    + $"profile '{profile.Name}' max_fan_in {profile.MaxFanIn} (by {maxFanIn - profile.MaxFanIn}).");
            }

            var fanOut = new int[population.Size];
            foreach (var projection in network.Projections.Where(x => x.Source == p))
            {
                foreach (var column in projection.Column)
                {
                    fanOut[column]++;
                }
            }

            var maxFanOut = fanOut.DefaultIfEmpty(0).Max();
            if (maxFanOut > profile.MaxFanOut)
            {
                throw new CompileException(
                    $"Layer '{population.Name}': neuron {Array.IndexOf(fanOut, maxFanOut)} has fan-out {maxFanOut}, above "
                    + $"profile '{profile.Name}' max_fan_out {profile.MaxFanOut} (by {maxFanOut - profile.MaxFanOut}).");
            }
        }
    }
}
