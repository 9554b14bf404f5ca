namespace NeuroDeploy.Compiler.Lowering;

/// <summary>
/// A NIR graph lowered to discrete time: neuron populations in update order, the
/// projections between them, and how input and output attach.
/// </summary>
/// <remarks>
/// One step t, in this order: read input x[t]; for each population in list order,
/// input = sum over incoming projections of W * (delay 0 ? source[t] : source[t-1]),
/// where a population source contributes its spikes and the network input its values;
/// then the population updates and spikes. Every delay-0 projection goes from an
/// earlier population (or the input) to a later one.
/// </remarks>
public sealed class DiscreteNetwork
{
    public required string InputNode { get; init; }

    public required int[] InputShape { get; init; }

    public int InputSize => InputShape.Aggregate(1, (a, b) => a * b);

    public required List<DiscretePopulation> Populations { get; init; }

    public required List<Projection> Projections { get; init; }

    /// <summary>Index of the population that feeds the NIR Output node.</summary>
    public required int OutputPopulation { get; init; }

    public required double Dt { get; init; }

    /// <summary>Convention name the constants were computed with (snntorch, norse, exact, ...).</summary>
    public required string Convention { get; init; }

    /// <summary>Steps the network input is delayed before reaching the first layer (1 for Lava).</summary>
    public int InputDelay { get; init; }
}
