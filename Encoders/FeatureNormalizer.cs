using System.Globalization;

namespace NeuroDeploy.Encoders;

/// <summary>Applies a <see cref="FeatureNormalization"/> to a batch of features.</summary>
public static class FeatureNormalizer
{
    /// <summary>Parses <c>none</c> or <c>max-abs</c>.</summary>
    /// <exception cref="FormatException">Any other text; the message lists the allowed names.</exception>
    public static FeatureNormalization Parse(string text) => text switch
    {
        "none" => FeatureNormalization.None,
        "max-abs" => FeatureNormalization.MaxAbs,
        _ => throw new FormatException($"Invalid normalization '{text}': expected one of none, max-abs."),
    };

    /// <summary>Returns the SPEC name of <paramref name="normalization"/>.</summary>
    public static string Name(FeatureNormalization normalization) => normalization switch
    {
        FeatureNormalization.None => "none",
        FeatureNormalization.MaxAbs => "max-abs",
        _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown normalization."),
    };

    /// <summary>
    /// Returns a normalized copy of <paramref name="batch"/> (any layout; max-abs uses one maximum for all values).
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite; the message gives its index.</exception>
    public static double[] Normalize(ReadOnlySpan<double> batch, FeatureNormalization normalization)
    {
        var maxAbs = 0.0;
        for (var i = 0; i < batch.Length; i++)
        {
            if (!double.IsFinite(batch[i]))
            {
                throw new ArgumentException(
                    $"Feature at index {i.ToString(CultureInfo.InvariantCulture)} is "
                    + $"{batch[i].ToString(CultureInfo.InvariantCulture)}; features must be finite. Clean the input data.",
                    nameof(batch));
            }

            maxAbs = Math.Max(maxAbs, Math.Abs(batch[i]));
        }

        var result = batch.ToArray();
        if (normalization == FeatureNormalization.None || maxAbs == 0)
        {
            return result;
        }

        for (var i = 0; i < result.Length; i++)
        {
            // Division (not multiplication by 1 / max) gives exactly -1 or 1 for the largest values.
            result[i] /= maxAbs;
        }

        return result;
    }
}
