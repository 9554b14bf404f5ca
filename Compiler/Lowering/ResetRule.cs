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

    /// <summary>
    /// snnTorch with <c>reset_delay=False</c>: at the start of a step, rst = (v_prev &gt; threshold);
    /// v &lt;- decay * v_prev + input - threshold * rst; spike when v &gt; threshold; then
    /// v &lt;- v - threshold * (spike - rst). The stored v equals <see cref="Subtract"/>'s, but a
    /// neuron left above threshold after its own subtraction has its next spike test made on
    /// v - threshold, so it needs v &gt; 2 * threshold to fire again.
    /// </summary>
    SubtractGuardedRefire,
}
