namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// CubaLIF: tau_syn dI/dt = -I + w_in S; tau_mem dv/dt = (v_leak - v) + r I; spike when v &gt; v_threshold.
/// </summary>
public sealed class NirCubaLifNode : NirSpikingNode
{
    public override string TypeName => "CubaLIF";

    public required NirTensor TauSyn { get; init; }

    public required NirTensor TauMem { get; init; }

    public required NirTensor VLeak { get; init; }

    /// <summary>Input weight per neuron; 1 when the file omits <c>w_in</c>.</summary>
    public required NirTensor WIn { get; init; }
}
