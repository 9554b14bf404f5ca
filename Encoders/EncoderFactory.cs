namespace NeuroDeploy.Encoders;

/// <summary>Builds encoders from specifications.</summary>
public static class EncoderFactory
{
    /// <summary>Returns the encoder that <paramref name="spec"/> describes.</summary>
    /// <exception cref="FormatException">The keys are valid alone but not together (e.g. tmax / h rounds to 0 steps).</exception>
    public static IEncoder Create(EncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Definition.CreateEncoder(spec);
    }

    /// <summary>Parses <paramref name="text"/> (see <see cref="EncoderSpec.Parse"/>) and returns its encoder.</summary>
    public static IEncoder Create(string text) => Create(EncoderSpec.Parse(text));
}
