using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>Samples as a [B, F] feature matrix of doubles with one integer class label per sample.</summary>
public sealed class LabeledDataset
{
    /// <summary>Creates a dataset; the arrays are used as is (not copied).</summary>
    public LabeledDataset(double[] features, int featureCount, int[] labels, DatasetSource source, string description)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{labels.Length} samples of {featureCount} features need {(long)labels.Length * featureCount} "
                    + $"values but {features.Length} were given."),
                nameof(features));
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Source = source;
        Description = description;
    }

    /// <summary>Features in row-major order: sample after sample, <see cref="FeatureCount"/> values each.</summary>
    /// <remarks>
    /// Images keep their raw pixel values (0 to 255); <see cref="Data.Preprocessing"/> scales them.
    /// </remarks>
    public double[] Features { get; }

    /// <summary>Number of features per sample (F).</summary>
    public int FeatureCount { get; }

    /// <summary>Class label per sample.</summary>
    public int[] Labels { get; }

    /// <summary>Number of samples (B).</summary>
    public int Count => Labels.Length;

    /// <summary>Kind of source the data came from.</summary>
    public DatasetSource Source { get; }

    /// <summary>Human-readable origin: dataset name, split and file paths.</summary>
    public string Description { get; }

    /// <summary>Returns the features of one sample.</summary>
    public ReadOnlySpan<double> GetSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Returns the features as a [B, F] <see cref="NdArray"/> that shares the data.</summary>
    public NdArray ToNdArray() => new([Count, FeatureCount], Features);

    /// <summary>Returns the first <paramref name="count"/> samples (or all, when fewer).</summary>
    public LabeledDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sampleCount = Math.Min(count, Count);
        return new LabeledDataset(
            Features.AsSpan(0, sampleCount * FeatureCount).ToArray(),
            FeatureCount,
            Labels.AsSpan(0, sampleCount).ToArray(),
            Source,
            Description + string.Create(CultureInfo.InvariantCulture, $", first {sampleCount} samples"));
    }
}
