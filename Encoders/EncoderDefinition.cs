using NeuroDeploy.Encoders.Systems;

namespace NeuroDeploy.Encoders;

/// <summary>
/// Name, keys and constructor of one encoder. Dynamical encoders also carry the constructor of their system,
/// which the Lyapunov analysis uses.
/// </summary>
public sealed class EncoderDefinition
{
    private readonly Func<EncoderSpec, IEncoder> _createEncoder;
    private readonly Func<EncoderSpec, IDynamicalSystem>? _createSystem;

    internal EncoderDefinition(
        string name,
        EncoderKind kind,
        string description,
        IReadOnlyList<EncoderParameter> parameters,
        Func<EncoderSpec, IEncoder> createEncoder,
        Func<EncoderSpec, IDynamicalSystem>? createSystem = null)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Parameters = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        _createEncoder = createEncoder;
        _createSystem = createSystem;
    }

    /// <summary>SPEC name, e.g. <c>mixed-oscillator</c>.</summary>
    public string Name { get; }

    public EncoderKind Kind { get; }

    /// <summary>One-line summary for help output.</summary>
    public string Description { get; }

    /// <summary>Accepted keys, sorted by key.</summary>
    public IReadOnlyList<EncoderParameter> Parameters { get; }

    /// <summary>Returns the parameter named <paramref name="key"/>, or null when the encoder has no such key.</summary>
    public EncoderParameter? Find(string key) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    internal IEncoder CreateEncoder(EncoderSpec spec) => _createEncoder(spec);

    internal IDynamicalSystem CreateSystem(EncoderSpec spec) =>
        _createSystem?.Invoke(spec)
        ?? throw new ArgumentException(
            $"Encoder '{Name}' is not a dynamical system, so it has no trajectory or Lyapunov spectrum. "
            + "Use one of: " + string.Join(", ", EncoderCatalog.DynamicalNames) + ".",
            nameof(spec));
}
