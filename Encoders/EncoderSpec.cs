using System.Globalization;
using System.Text;

namespace NeuroDeploy.Encoders;

/// <summary>
/// A validated encoder specification: the encoder name and the value of every key, defaults included.
/// Text form: <c>name:key=value,key=value</c>. <see cref="ToString"/> prints the canonical form
/// (keys sorted, defaults explicit, numbers in round-trip invariant format), so equal encoders print equally.
/// </summary>
public sealed class EncoderSpec : IEquatable<EncoderSpec>
{
    /// <summary>Maximum number of specifications one sweep may produce.</summary>
    public const int MaxSweepLength = 10_000;

    private readonly SortedDictionary<string, string> _values;

    private EncoderSpec(EncoderDefinition definition, SortedDictionary<string, string> values)
    {
        Definition = definition;
        _values = values;
    }

    /// <summary>Encoder name, e.g. <c>lorenz</c>.</summary>
    public string Name => Definition.Name;

    public EncoderDefinition Definition { get; }

    /// <summary>Canonical value text of every key, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>
    /// Parses <c>name:key=value,...</c>. Keys missing from the text take their defaults.
    /// </summary>
    /// <exception cref="FormatException">
    /// Unknown encoder or key, duplicate key, missing required key or invalid value; the message names the key,
    /// the value and the allowed set.
    /// </exception>
    public static EncoderSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("..", StringComparison.Ordinal)
            || text.Count(c => c == ':') > 1)
        {
            throw new FormatException(
                $"Invalid encoder specification '{text}': ranges ('a..b') and ':step=' are for sweeps "
                + "(`neurodeploy sweep`). Give single values here, as name:key=value,key=value.");
        }

        var (name, pairs) = SplitPairs(text);
        return Create(name, pairs);
    }

    /// <summary>
    /// Parses a sweep <c>name:key=start..end,other=value:step=increment</c> into one specification per value
    /// <c>start + i * increment</c> up to <c>end</c> inclusive. Each value is rounded to 12 decimals to drop
    /// binary rounding noise (so 0.1 steps print as 0.3, not 0.30000000000000004). Text without a range
    /// returns a single specification.
    /// </summary>
    /// <exception cref="FormatException">Invalid specification, range or step; the message names the value.</exception>
    public static IReadOnlyList<EncoderSpec> ParseSweep(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = text.Split(':');
        if (sections.Length > 3)
        {
            throw new FormatException(
                $"Invalid sweep '{text}': expected name:key=start..end,key=value:step=increment.");
        }

        var (name, pairs) = SplitPairs(sections.Length == 1 ? sections[0] : sections[0] + ":" + sections[1]);
        var ranged = pairs.Where(p => p.Value.Contains("..", StringComparison.Ordinal)).ToList();
        var stepText = sections.Length == 3 ? ParseStepSection(text, sections[2]) : null;
        if (ranged.Count == 0)
        {
            if (stepText is not null)
            {
                throw new FormatException(
                    $"Invalid sweep '{text}': ':step={stepText}' is given but no key has a range 'start..end'.");
            }

            return [Create(name, pairs)];
        }

        if (ranged.Count > 1)
        {
            throw new FormatException(
                $"Invalid sweep '{text}': keys {string.Join(", ", ranged.Select(p => "'" + p.Key + "'"))} "
                + "all have ranges, but a sweep varies one key.");
        }

        if (stepText is null)
        {
            throw new FormatException(
                $"Invalid sweep '{text}': the range of key '{ranged[0].Key}' needs an increment, e.g. ':step=0.5'.");
        }

        var values = ExpandRange(text, ranged[0].Key, ranged[0].Value, stepText);
        var specs = new List<EncoderSpec>(values.Count);
        foreach (var value in values)
        {
            var withValue = pairs
                .Select(p => string.Equals(p.Key, ranged[0].Key, StringComparison.Ordinal)
                    ? new KeyValuePair<string, string>(p.Key, EncoderParameter.Format(value))
                    : p)
                .ToList();
            specs.Add(Create(name, withValue));
        }

        return specs;
    }

    /// <summary>Builds a specification from a name and key/value pairs; missing keys take their defaults.</summary>
    /// <exception cref="FormatException">Same cases as <see cref="Parse"/>.</exception>
    public static EncoderSpec Create(string name, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pairs);
        var definition = EncoderCatalog.Find(name)
            ?? throw new FormatException(
                $"Unknown encoder '{name}'. Allowed names: {string.Join(", ", EncoderCatalog.Names)}.");
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            var parameter = definition.Find(key)
                ?? throw new FormatException(
                    $"Unknown key '{key}' (value '{value}') for encoder '{name}'. Allowed keys: "
                    + string.Join(", ", definition.Parameters.Select(p => p.Key)) + ".");
            if (values.ContainsKey(key))
            {
                throw new FormatException($"Key '{key}' is given twice for encoder '{name}'. Give each key once.");
            }

            values[key] = parameter.Canonicalize(name, value);
        }

        foreach (var parameter in definition.Parameters)
        {
            if (values.ContainsKey(parameter.Key))
            {
                continue;
            }

            if (parameter.DefaultValue is null)
            {
                throw new FormatException(
                    $"Missing required key '{parameter.Key}' for encoder '{name}': give {parameter.Key}=<value>, "
                    + $"where the value is {parameter.DescribeAllowed()}.");
            }

            values[parameter.Key] = parameter.DefaultValue;
        }

        return new EncoderSpec(definition, values);
    }

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="FormatException">Unknown key or invalid value.</exception>
    public EncoderSpec With(string key, string value)
    {
        var pairs = _values.Where(p => !string.Equals(p.Key, key, StringComparison.Ordinal))
            .Append(new KeyValuePair<string, string>(key, value));
        return Create(Name, pairs);
    }

    /// <summary>Returns a copy with the real-valued <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public EncoderSpec With(string key, double value) => With(key, EncoderParameter.Format(value));

    /// <summary>Returns the value of a real key.</summary>
    public double GetReal(string key) =>
        double.Parse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Returns the value of an integer key.</summary>
    public long GetInteger(string key) =>
        long.Parse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Returns the canonical text of any key.</summary>
    /// <exception cref="KeyNotFoundException">The encoder has no such key.</exception>
    public string Get(string key) =>
        _values.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException(
                $"Encoder '{Name}' has no key '{key}'. Keys: {string.Join(", ", _values.Keys)}.");

    /// <summary>Returns the canonical form <c>name:key=value,...</c> with sorted keys and all defaults.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Name);
        var separator = ':';
        foreach (var (key, value) in _values)
        {
            builder.Append(separator).Append(key).Append('=').Append(value);
            separator = ',';
        }

        return builder.ToString();
    }

    public bool Equals(EncoderSpec? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as EncoderSpec);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static (string Name, List<KeyValuePair<string, string>> Pairs) SplitPairs(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? text : text[..colon]).Trim();
        var pairs = new List<KeyValuePair<string, string>>();
        if (colon < 0 || string.IsNullOrWhiteSpace(text[(colon + 1)..]))
        {
            return (name, pairs);
        }

        foreach (var item in text[(colon + 1)..].Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException(
                    $"Invalid item '{item}' in encoder specification '{text}': expected key=value.");
            }

            pairs.Add(new(item[..equals].Trim(), item[(equals + 1)..].Trim()));
        }

        return (name, pairs);
    }

    private static string ParseStepSection(string text, string section)
    {
        var trimmed = section.Trim();
        if (!trimmed.StartsWith("step=", StringComparison.Ordinal))
        {
            throw new FormatException(
                $"Invalid sweep '{text}': expected ':step=increment' after the keys, found ':{section}'.");
        }

        return trimmed["step=".Length..].Trim();
    }

    private static List<double> ExpandRange(string text, string key, string range, string stepText)
    {
        var bounds = range.Split("..");
        if (bounds.Length != 2
            || !TryParseFinite(bounds[0], out var start)
            || !TryParseFinite(bounds[1], out var end))
        {
            throw new FormatException(
                $"Invalid range '{range}' for key '{key}' in sweep '{text}': expected start..end with finite numbers.");
        }

        if (!TryParseFinite(stepText, out var step) || step <= 0)
        {
            throw new FormatException(
                $"Invalid step '{stepText}' in sweep '{text}': expected a finite number greater than 0.");
        }

        if (end < start)
        {
            throw new FormatException(
                $"Invalid range '{range}' for key '{key}' in sweep '{text}': the end is below the start.");
        }

        // The small allowance keeps the end value when (end - start) / step is an integer up to rounding.
        var count = Math.Floor(((end - start) / step) + 1e-9) + 1;
        if (count > MaxSweepLength)
        {
            throw new FormatException(
                $"Sweep '{text}' has {count.ToString(CultureInfo.InvariantCulture)} values, more than "
                + $"{MaxSweepLength.ToString(CultureInfo.InvariantCulture)}. Use a larger step.");
        }

        var values = new List<double>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            values.Add(Math.Round(start + (i * step), 12) + 0.0);
        }

        return values;
    }

    private static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}
