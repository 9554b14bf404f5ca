using System.Buffers.Binary;
using NeuroDeploy.Firmware.Protocol.Image;

namespace NeuroDeploy.Runtime.Simulator;

/// <summary>
/// The image flattened into arrays for the step loop. Neurons have a global index: the cores'
/// neurons one after another in core order, which is also population order because each
/// population's cores are contiguous. Sources are numbered input channels first, then global
/// neurons, and each source lists its fan-out edges (one per axon) in a CSR layout.
/// </summary>
internal sealed class ChipNetwork
{
    public ChipNetwork(NeuroImage image)
    {
        var synapses = ImageValidator.Validate(image);

        ChannelCount = (int)image.Input.Channels;
        GradedInput = image.Input.Graded;
        InputFractionBits = (int)image.Input.FractionBits;
        CoreCount = image.Cores.Count;
        PopulationCount = image.Populations.Count;

        CoreNeuronBase = new int[CoreCount + 1];
        CorePopulation = new int[CoreCount];
        CoreModel = new NeuronModel[CoreCount];
        CoreReset = new ResetMode[CoreCount];
        CoreDecayV = new long[CoreCount];
        CoreDecayI = new long[CoreCount];
        CoreDecayFractionBits = new int[CoreCount];
        CoreThreshold = new long[CoreCount];
        CoreVReset = new long[CoreCount];
        CoreStateMin = new long[CoreCount];
        CoreStateMax = new long[CoreCount];
        for (var k = 0; k < CoreCount; k++)
        {
            var core = image.Cores[k];
            var parameters = core.Parameters;
            CoreNeuronBase[k + 1] = checked(CoreNeuronBase[k] + (int)core.NeuronCount);
            CorePopulation[k] = (int)core.Population;
            CoreModel[k] = parameters.Model;
            CoreReset[k] = parameters.Reset;
            CoreDecayV[k] = parameters.DecayV;
            CoreDecayI[k] = parameters.DecayI;
            CoreDecayFractionBits[k] = (int)parameters.DecayFractionBits;
            CoreThreshold[k] = parameters.Threshold;
            CoreVReset[k] = parameters.VReset;
            CoreStateMax[k] = (1L << ((int)parameters.StateBits - 1)) - 1;
            CoreStateMin[k] = -(1L << ((int)parameters.StateBits - 1));
        }

        NeuronCount = CoreNeuronBase[CoreCount];
        Bias = new long[NeuronCount];
        for (var k = 0; k < CoreCount; k++)
        {
            var bias = image.Cores[k].Bias.Span;
            for (var n = 0; n * 4 < bias.Length; n++)
            {
                Bias[CoreNeuronBase[k] + n] = BinaryPrimitives.ReadInt32LittleEndian(bias[(n * 4)..]);
            }
        }

        PopulationNeuronBase = new int[PopulationCount];
        PopulationSize = new int[PopulationCount];
        for (var p = 0; p < PopulationCount; p++)
        {
            var population = image.Populations[p];
            PopulationNeuronBase[p] = CoreNeuronBase[(int)population.FirstCore];
            PopulationSize[p] = (int)population.Size;
        }

        OutputPopulation = (int)image.Output.Population;
        (StageStart, StageCores) = BuildStages(image);
        BuildFanOut(image, synapses);
    }

    public int ChannelCount { get; }

    public bool GradedInput { get; }

    public int InputFractionBits { get; }

    public int CoreCount { get; }

    public int PopulationCount { get; }

    public int NeuronCount { get; }

    /// <summary>Global index of each core's first neuron; entry <c>CoreCount</c> is the neuron count.</summary>
    public int[] CoreNeuronBase { get; }

    public int[] CorePopulation { get; }

    public NeuronModel[] CoreModel { get; }

    public ResetMode[] CoreReset { get; }

    public long[] CoreDecayV { get; }

    public long[] CoreDecayI { get; }

    public int[] CoreDecayFractionBits { get; }

    public long[] CoreThreshold { get; }

    public long[] CoreVReset { get; }

    public long[] CoreStateMin { get; }

    public long[] CoreStateMax { get; }

    /// <summary>Bias per global neuron, in state units.</summary>
    public long[] Bias { get; }

    public int[] PopulationNeuronBase { get; }

    public int[] PopulationSize { get; }

    public int OutputPopulation { get; }

    /// <summary>Stage s runs cores <c>StageCores[StageStart[s] .. StageStart[s + 1])</c>.</summary>
    public int[] StageStart { get; }

    /// <summary>Core indices sorted by stage, then by index.</summary>
    public int[] StageCores { get; }

    /// <summary>Source s owns edges <c>SourceEdgeStart[s] .. SourceEdgeStart[s + 1]</c>.</summary>
    public int[] SourceEdgeStart { get; private set; } = [];

    /// <summary>Per global neuron: the distinct cores other than its own that its spikes reach.</summary>
    public int[] SourceRoutedCores { get; private set; } = [];

    public int[] EdgeCore { get; private set; } = [];

    public bool[] EdgeDelayed { get; private set; } = [];

    /// <summary>Edge e owns synapses <c>EdgeSynapseStart[e] .. EdgeSynapseStart[e + 1]</c>.</summary>
    public int[] EdgeSynapseStart { get; private set; } = [];

    /// <summary>Synapses of all edges, edge after edge; every target is below <see cref="NeuronCount"/>.</summary>
    public Synapse[] Synapses { get; private set; } = [];

    private static (int[] Start, int[] Cores) BuildStages(NeuroImage image)
    {
        var order = new int[image.Cores.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (a, b) =>
        {
            var byStage = image.Cores[a].Stage.CompareTo(image.Cores[b].Stage);
            return byStage != 0 ? byStage : a.CompareTo(b);
        });

        var start = new List<int>();
        for (var j = 0; j < order.Length; j++)
        {
            if (j == 0 || image.Cores[order[j]].Stage != image.Cores[order[j - 1]].Stage)
            {
                start.Add(j);
            }
        }

        start.Add(order.Length);
        return (start.ToArray(), order);
    }

    private void BuildFanOut(NeuroImage image, (int[] Targets, short[] Weights)[][] synapses)
    {
        var sourceCount = ChannelCount + NeuronCount;
        var edgeCounts = new int[sourceCount + 1];
        long synapseCount = 0;
        for (var k = 0; k < CoreCount; k++)
        {
            var axons = image.Cores[k].Axons;
            for (var a = 0; a < axons.Count; a++)
            {
                edgeCounts[SourceIndex(axons[a].Source) + 1]++;
                synapseCount += synapses[k][a].Targets.Length;
            }
        }

        var sourceEdgeStart = new int[sourceCount + 1];
        for (var s = 0; s < sourceCount; s++)
        {
            sourceEdgeStart[s + 1] = sourceEdgeStart[s] + edgeCounts[s + 1];
        }

        var edgeCount = sourceEdgeStart[sourceCount];
        var edgeCore = new int[edgeCount];
        var edgeDelayed = new bool[edgeCount];
        var edgeAxon = new int[edgeCount];
        var fill = (int[])sourceEdgeStart.Clone();
        for (var k = 0; k < CoreCount; k++)
        {
            var axons = image.Cores[k].Axons;
            for (var a = 0; a < axons.Count; a++)
            {
                var e = fill[SourceIndex(axons[a].Source)]++;
                edgeCore[e] = k;
                edgeDelayed[e] = axons[a].Delay == 1;
                edgeAxon[e] = a;
            }
        }

        var edgeSynapseStart = new int[edgeCount + 1];
        var synapseTable = new Synapse[checked((int)synapseCount)];
        var position = 0;
        for (var e = 0; e < edgeCount; e++)
        {
            var k = edgeCore[e];
            var (targets, weights) = synapses[k][edgeAxon[e]];
            var exponent = (int)image.Cores[k].Parameters.WeightExponent;
            edgeSynapseStart[e] = position;
            for (var j = 0; j < targets.Length; j++)
            {
                synapseTable[position] = new Synapse(CoreNeuronBase[k] + targets[j], weights[j] << exponent);
                position++;
            }
        }

        edgeSynapseStart[edgeCount] = position;

        SourceEdgeStart = sourceEdgeStart;
        EdgeCore = edgeCore;
        EdgeDelayed = edgeDelayed;
        EdgeSynapseStart = edgeSynapseStart;
        Synapses = synapseTable;
        SourceRoutedCores = CountRoutedCores();
    }

    /// <summary>
    /// Counts, per neuron, the distinct cores other than its own that hold an axon from it. An axon
    /// with no synapses still receives the event, so its core counts.
    /// </summary>
    private int[] CountRoutedCores()
    {
        var routed = new int[NeuronCount];
        var lastSeenBy = new int[CoreCount];
        Array.Fill(lastSeenBy, -1);
        for (var k = 0; k < CoreCount; k++)
        {
            for (var g = CoreNeuronBase[k]; g < CoreNeuronBase[k + 1]; g++)
            {
                for (var e = SourceEdgeStart[ChannelCount + g]; e < SourceEdgeStart[ChannelCount + g + 1]; e++)
                {
                    var target = EdgeCore[e];
                    if (target != k && lastSeenBy[target] != g)
                    {
                        lastSeenBy[target] = g;
                        routed[g]++;
                    }
                }
            }
        }

        return routed;
    }

    private int SourceIndex(AxonSource source) =>
        source.SourceCase == AxonSource.SourceOneofCase.InputChannel
            ? (int)source.InputChannel
            : ChannelCount + CoreNeuronBase[(int)source.Neuron.Core] + (int)source.Neuron.Neuron;
}
