namespace NeuroDeploy.Compiler.Quantization;

/// <summary>Quantization error of one population's parameters, in float units.</summary>
public sealed record PopulationQuantization(
    string Population,
    int StateExponent,
    int WeightExponent,
    int Synapses,
    int SynapsesDropped,
    double MaxWeightError,
    double RmsWeightError,
    double MaxAbsWeight,
    double DecayVError,
    double DecayIError,
    double ThresholdError);
