namespace NeuroDeploy.Compiler.Lowering;

/// <summary>
/// Synapses from a source (the network input, or a population) to a target population:
/// the composition of the linear NIR nodes between them (Affine, Linear, Scale, Conv,
/// pooling, Flatten), stored sparse by target row (CSR) with gains already folded in.
/// </summary>
public sealed class Projection
{
    /// <summary>Index into <see cref="DiscreteNetwork.Populations"/>, or -1 for the network input.</summary>
    public required int Source { get; init; }

    public required int Target { get; init; }

    /// <summary>0: the source's value of the same step; 1: of the previous step (recurrent edge or Delay).</summary>
    public required int Delay { get; init; }

    /// <summary>CSR row starts, length target size + 1.</summary>
    public required int[] RowStart { get; init; }

    /// <summary>Source neuron (or input channel) of each synapse, increasing within a row.</summary>
    public required int[] Column { get; init; }

    public required double[] Weight { get; init; }

    public int SynapseCount => Column.Length;
}
