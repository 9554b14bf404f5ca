namespace NeuroDeploy.Encoders;

/// <summary>Family of an encoder.</summary>
public enum EncoderKind
{
    /// <summary>Feeds the sampled trajectory of a 3-D dynamical system as graded input (3 channels per feature).</summary>
    Dynamical,

    /// <summary>Emits binary spikes (0 or 1) from the feature value.</summary>
    Classical,
}
