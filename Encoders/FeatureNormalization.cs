namespace NeuroDeploy.Encoders;

/// <summary>How a batch of raw features is mapped into [-1, 1] before encoding.</summary>
public enum FeatureNormalization
{
    /// <summary><c>none</c>: features are used as given and must already lie in [-1, 1].</summary>
    None,

    /// <summary>
    /// <c>max-abs</c>: every feature of the batch is divided by the maximum absolute value over the whole batch
    /// (all samples and features); an all-zero batch stays zero.
    /// </summary>
    MaxAbs,
}
