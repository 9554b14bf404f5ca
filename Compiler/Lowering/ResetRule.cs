namespace NeuroDeploy.Compiler.Lowering;

/// <summary>What happens to v when a neuron spikes (spike when v &gt; threshold).</summary>
public enum ResetRule
{
    /// <summary>v &lt;- v_reset in the spiking step (Norse, Lava).</summary>
    Zero,

    /// <summary>v &lt;- v - threshold in the spiking step (exact solution, Rockpool, Sinabs).</summary>
    Subtract,

    /// <summary>
    /// snnTorch <c>Leaky</c>/<c>Synaptic</c>: at the start of a step, rst = (v_prev &gt; threshold);
    /// v &lt;- decay * v_prev + input - threshold * rst; spike when v &gt; threshold. The spiking
    /// step keeps v; the threshold (not decay times it) is subtracted in the next step.
    /// </summary>
    SubtractNextStep,
}
