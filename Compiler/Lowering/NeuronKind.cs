namespace NeuroDeploy.Compiler.Lowering;

/// <summary>The discrete neuron models a population can have.</summary>
public enum NeuronKind
{
    /// <summary>v &lt;- decayV * v + input + biasV; the input current is not retained.</summary>
    Lif,

    /// <summary>i &lt;- decayI * i + input; v &lt;- decayV * v + i + biasV.</summary>
    CubaLif,

    /// <summary>v &lt;- v + input + biasV (no leak).</summary>
    If,
}
