namespace NeuroDeploy.Encoders;

/// <summary>Value type of one key of an encoder specification.</summary>
public enum ParameterKind
{
    /// <summary>A finite real number, parsed with the invariant culture.</summary>
    Real,

    /// <summary>A whole number in the range of <see cref="long"/>.</summary>
    WholeNumber,

    /// <summary>One word out of a fixed set.</summary>
    Choice,
}
