using NeuroDeploy.Firmware.Protocol.Image;
using NeuroDeploy.Runtime.Simulator;

namespace NeuroDeploy.Runtime.Tests.Simulator;

/// <summary>Builds small images by hand for the chip tests.</summary>
internal static class TestImages
{
    /// <summary>Decay multiplier 1.0 with 16 fraction bits.</summary>
    public const uint One = 65536;

    public static NeuroImage Create(uint channels, bool graded = false, uint fractionBits = 0) =>
        new()
        {
            SchemaVersion = 1,
            Input = new InputMap { Channels = channels, Graded = graded, FractionBits = fractionBits },
            Output = new OutputMap(),
        };

    public static NeuronParameters Parameters(
        NeuronModel model,
        ResetMode reset,
        long threshold,
        uint decayV = One,
        uint decayI = 0,
        uint decayFractionBits = 16,
        uint weightExponent = 0,
        uint stateBits = 32,
        long vReset = 0) =>
        new()
        {
            Model = model,
            Reset = reset,
            Threshold = threshold,
            DecayV = decayV,
            DecayI = decayI,
            DecayFractionBits = decayFractionBits,
            WeightExponent = weightExponent,
            StateBits = stateBits,
            VReset = vReset,
        };

    /// <summary>
    /// Appends a population spread over cores of the given sizes, all with one parameter set and
    /// stage, and returns the index of its first core.
    /// </summary>
    public static int AddPopulation(
        NeuroImage image, uint stage, NeuronParameters parameters, params int[] coreSizes)
    {
        var populationIndex = (uint)image.Populations.Count;
        var firstCore = image.Cores.Count;
        uint offset = 0;
        foreach (var size in coreSizes)
        {
            image.Cores.Add(new Core
            {
                Index = (uint)image.Cores.Count,
                Population = populationIndex,
                PopulationOffset = offset,
                NeuronCount = (uint)size,
                Stage = stage,
                Parameters = parameters.Clone(),
            });
            offset += (uint)size;
        }

        image.Populations.Add(new Population
        {
            Name = "p" + populationIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Size = offset,
            FirstCore = (uint)firstCore,
            CoreCount = (uint)coreSizes.Length,
        });
        return firstCore;
    }

    public static void SetOutput(NeuroImage image, int population)
    {
        image.Output.Population = (uint)population;
        image.Output.Size = image.Populations[population].Size;
    }

    public static void SetBias(Core core, params int[] bias)
    {
        var bytes = new byte[bias.Length * 4];
        for (var n = 0; n < bias.Length; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(n * 4), bias[n]);
        }

        core.Bias = Google.Protobuf.ByteString.CopyFrom(bytes);
    }

    public static Axon AddInputAxon(Core core, uint channel, uint delay, int[] targets, short[] weights) =>
        AddAxon(core, new AxonSource { InputChannel = channel }, delay, targets, weights);

    public static Axon AddNeuronAxon(
        Core core, int sourceCore, int sourceNeuron, uint delay, int[] targets, short[] weights) =>
        AddAxon(
            core,
            new AxonSource { Neuron = new NeuronRef { Core = (uint)sourceCore, Neuron = (uint)sourceNeuron } },
            delay,
            targets,
            weights);

    /// <summary>Builds a sample from rows of per-channel values.</summary>
    public static ChipInput Input(params int[][] rows)
    {
        var channels = rows.Length == 0 ? 0 : rows[0].Length;
        var values = new int[rows.Length * channels];
        for (var t = 0; t < rows.Length; t++)
        {
            rows[t].CopyTo(values, t * channels);
        }

        return new ChipInput(rows.Length, channels, values);
    }

    /// <summary>Returns neuron <paramref name="neuron"/>'s values over all steps of a row-major trace array.</summary>
    public static long[] Column(long[] values, int size, int neuron)
    {
        var column = new long[values.Length / size];
        for (var t = 0; t < column.Length; t++)
        {
            column[t] = values[(t * size) + neuron];
        }

        return column;
    }

    public static byte[] Column(byte[] values, int size, int neuron)
    {
        var column = new byte[values.Length / size];
        for (var t = 0; t < column.Length; t++)
        {
            column[t] = values[(t * size) + neuron];
        }

        return column;
    }

    private static Axon AddAxon(Core core, AxonSource source, uint delay, int[] targets, short[] weights)
    {
        var axon = new Axon { Source = source, Delay = delay };
        SynapseCodec.Encode(axon, targets, weights);
        core.Axons.Add(axon);
        return axon;
    }
}
