using System.Globalization;
using NeuroDeploy.Compiler.Quantization;
using PureHDF;

namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// Builds the HDF5 tree of a NIR file from a quantized network: one Input, one neuron node per
/// population, one Affine or Linear node per projection, Delay nodes for forward one-step delays, and
/// one Output fed by the output population.
/// </summary>
internal static class NirWriteGraph
{
    public static H5File Build(QuantizedNetwork network, double dt)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!double.IsFinite(dt) || dt <= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Time step {dt} is not a positive number of seconds."), nameof(dt));
        }

        var nodes = new H5Group();
        var edges = new List<(string Source, string Target)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inputName = Reserve(names, network.InputNode.Length > 0 ? network.InputNode : "input");
        nodes[inputName] = InputOutput("Input", network.InputShape);

        var populationNames = new string[network.Populations.Count];
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            populationNames[p] = Reserve(names, population.Name);
            nodes[populationNames[p]] = NirWriteNeuron.Build(population, network.DecayFractionBits, dt);
        }

        var biasWritten = new bool[network.Populations.Count];
        foreach (var projection in network.Projections)
        {
            var target = network.Populations[projection.Target];
            var sourceSize = projection.Source < 0 ? network.InputSize : network.Populations[projection.Source].Size;
            var sourceName = projection.Source < 0 ? inputName : populationNames[projection.Source];
            var weightName = Reserve(
                names,
                $"w_{sourceName}_to_{populationNames[projection.Target]}" + (projection.Delay == 1 ? "_delayed" : ""));
            nodes[weightName] = WeightNode(projection, target, sourceSize, withBias: !biasWritten[projection.Target]);
            biasWritten[projection.Target] = true;
            edges.Add((sourceName, weightName));
            AddTargetEdges(nodes, edges, names, network, projection, weightName, populationNames, dt);
        }

        // A population with a bias but no incoming projection gets its bias from an all-zero Affine on the input.
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var population = network.Populations[p];
            if (biasWritten[p] || population.Bias.All(b => b == 0))
            {
                continue;
            }

            var biasName = Reserve(names, $"bias_{populationNames[p]}");
            nodes[biasName] = BiasOnlyNode(population, network.InputSize);
            edges.Add((inputName, biasName));
            edges.Add((biasName, populationNames[p]));
        }

        var outputName = Reserve(names, "output");
        nodes[outputName] = InputOutput("Output", network.Populations[network.OutputPopulation].Shape);
        edges.Add((populationNames[network.OutputPopulation], outputName));

        var edgeArray = new string[edges.Count, 2];
        for (var k = 0; k < edges.Count; k++)
        {
            edgeArray[k, 0] = edges[k].Source;
            edgeArray[k, 1] = edges[k].Target;
        }

        return new H5File
        {
            ["version"] = NirWriter.FormatVersion,
            ["node"] = new H5Group
            {
                ["type"] = "NIRGraph",
                ["nodes"] = nodes,
                ["edges"] = edgeArray,
                ["metadata"] = new H5Group { ["dt"] = new[] { dt } },
            },
        };
    }

    /// <summary>
    /// Adds the edges from a projection's weight node to its target. A one-step delay from a later or the
    /// same population becomes a plain edge that closes a cycle, because NIR import delays such an edge by
    /// one step (as in the Braille recurrence). Any other one-step delay goes through a Delay node of dt seconds.
    /// </summary>
    private static void AddTargetEdges(
        H5Group nodes,
        List<(string Source, string Target)> edges,
        HashSet<string> names,
        QuantizedNetwork network,
        QuantizedProjection projection,
        string weightName,
        string[] populationNames,
        double dt)
    {
        var targetName = populationNames[projection.Target];
        if (projection.Delay == 0 || (projection.Delay == 1 && projection.Source >= projection.Target))
        {
            edges.Add((weightName, targetName));
            return;
        }

        if (projection.Delay != 1)
        {
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"Projection into '{targetName}' has a delay of {projection.Delay} steps; the NIR export supports 0 and 1."));
        }

        // NOTE: if the import's depth-first search marks this Delay edge as the one closing a cycle, the
        // import adds 2 steps and rejects the file. Population order avoids that when every recurrence goes
        // back to the same or an earlier population.
        var delayName = Reserve(names, weightName + "_delay");
        var target = network.Populations[projection.Target];
        nodes[delayName] = new H5Group
        {
            ["type"] = "Delay",
            ["delay"] = Tensor(Enumerable.Repeat(dt, target.Size).ToArray(), [target.Size]),
        };
        edges.Add((weightName, delayName));
        edges.Add((delayName, targetName));
    }

    /// <summary>
    /// Writes the dense [out, in] matrix of dequantized weights m * 2^e / 2^P, and with
    /// <paramref name="withBias"/> the target's bias b / 2^P as an Affine node (else a Linear node).
    /// </summary>
    private static H5Group WeightNode(QuantizedProjection projection, QuantizedPopulation target, int sourceSize, bool withBias)
    {
        var rows = projection.RowStart.Length - 1;
        var weight = new double[rows, sourceSize];
        var exponent = target.WeightExponent - target.StateExponent;
        for (var n = 0; n < rows; n++)
        {
            for (var k = projection.RowStart[n]; k < projection.RowStart[n + 1]; k++)
            {
                // ScaleB of a 16-bit integer is exact in float64.
                weight[n, projection.Column[k]] = Math.ScaleB(projection.Mantissa[k], exponent);
            }
        }

        var group = new H5Group
        {
            ["type"] = withBias ? "Affine" : "Linear",
            ["weight"] = weight,
        };
        if (withBias)
        {
            group["bias"] = Dequantize(target.Bias, target.StateExponent);
        }

        return group;
    }

    private static H5Group BiasOnlyNode(QuantizedPopulation population, int inputSize) => new()
    {
        ["type"] = "Affine",
        ["weight"] = new double[population.Size, inputSize],
        ["bias"] = Dequantize(population.Bias, population.StateExponent),
    };

    private static double[] Dequantize(int[] values, int stateExponent) =>
        values.Select(b => Math.ScaleB(b, -stateExponent)).ToArray();

    private static H5Group InputOutput(string type, int[] shape) => new()
    {
        ["type"] = type,
        ["shape"] = shape.Select(x => (long)x).ToArray(),
    };

    /// <summary>A float64 dataset of the given shape (row-major values).</summary>
    internal static H5Dataset Tensor(double[] values, int[] shape) =>
        new(values, fileDims: shape.Select(x => (ulong)x).ToArray());

    private static string Reserve(HashSet<string> names, string name)
    {
        var unique = name;
        for (var k = 2; !names.Add(unique); k++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{k}");
        }

        return unique;
    }
}
