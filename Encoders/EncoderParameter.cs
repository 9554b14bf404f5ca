using System.Globalization;

namespace NeuroDeploy.Encoders;

/// <summary>
/// One key that an encoder accepts in its specification: kind, default, valid range or choices.
/// A null <see cref="DefaultValue"/> marks the key as required.
/// </summary>
public sealed record EncoderParameter(string Key, ParameterKind Kind, string? DefaultValue, string Description)
{
    /// <summary>Lower bound of a real or integer value.</summary>
    public double Minimum { get; init; } = double.NegativeInfinity;

    /// <summary>Whether <see cref="Minimum"/> itself is excluded (for step sizes and horizons).</summary>
    public bool MinimumExclusive { get; init; }

    /// <summary>Upper bound (inclusive) of a real or integer value.</summary>
    public double Maximum { get; init; } = double.PositiveInfinity;

    /// <summary>Allowed words of a <see cref="ParameterKind.Choice"/> key.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Whether the key has no default and must be given.</summary>
    public bool IsRequired => DefaultValue is null;

    /// <summary>Describes the accepted values, e.g. "a real number greater than 0".</summary>
    public string DescribeAllowed()
    {
        if (Kind == ParameterKind.Choice)
        {
            return "one of " + string.Join(", ", Choices);
        }

        var noun = Kind == ParameterKind.Real ? "a finite real number" : "a whole number";
        var lower = double.IsNegativeInfinity(Minimum)
            ? null
            : (MinimumExclusive ? "greater than " : "at least ") + Format(Minimum);
        var upper = double.IsPositiveInfinity(Maximum) ? null : "at most " + Format(Maximum);
        return (lower, upper) switch
        {
            (null, null) => noun,
            (not null, null) => noun + " " + lower,
            (null, not null) => noun + " " + upper,
            _ => noun + " " + lower + " and " + upper,
        };
    }

    /// <summary>
    /// Parses <paramref name="value"/> and returns its canonical text: round-trip invariant format for
    /// reals, plain digits for integers, the word itself for choices.
    /// </summary>
    /// <exception cref="FormatException">The value is not valid for this key; the message names both.</exception>
    public string Canonicalize(string encoderName, string value)
    {
        switch (Kind)
        {
            case ParameterKind.Real:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                    || !double.IsFinite(real)
                    || !InRange(real))
                {
                    throw Invalid(encoderName, value);
                }

                // Adding 0.0 turns -0 into 0, so "-0" and "0" print the same.
                return Format(real + 0.0);
            case ParameterKind.WholeNumber:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                    || !InRange(whole))
                {
                    throw Invalid(encoderName, value);
                }

                return whole.ToString(CultureInfo.InvariantCulture);
            default:
                if (!Choices.Contains(value, StringComparer.Ordinal))
                {
                    throw Invalid(encoderName, value);
                }

                return value;
        }
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private bool InRange(double value)
    {
        var aboveMinimum = MinimumExclusive ? value > Minimum : value >= Minimum;
        return aboveMinimum && value <= Maximum;
    }

    private FormatException Invalid(string encoderName, string value) =>
        new($"Invalid value '{value}' for key '{Key}' of encoder '{encoderName}': expected {DescribeAllowed()}.");
}
