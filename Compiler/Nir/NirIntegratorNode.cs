namespace NeuroDeploy.Compiler.Nir;

/// <summary>NIR type <c>I</c> (integrator): dv/dt = r I, no spikes.</summary>
public sealed class NirIntegratorNode : NirNeuronNode
{
    public override string TypeName => "I";

    public override bool Spiking => false;
}
