using System.Globalization;

namespace NeuroDeploy.Data;

/// <summary>
/// Loads labelled datasets from a spec string:
/// <list type="bullet">
/// <item><c>fashion-mnist</c> (or <c>fashion-mnist:train</c>, <c>fashion-mnist:test</c>): the Debian package's
/// files when present, else the repository's 1,000-image test subset;</item>
/// <item><c>idx:IMAGES,LABELS</c>: an IDX image file and its label file (gzipped or not);</item>
/// <item><c>npy:X,Y</c>: features [B, ...] (flattened to [B, F]) and labels [B] as NumPy files.</item>
/// </list>
/// </summary>
public static class Dataset
{
    /// <summary>Spec name of the Fashion-MNIST dataset.</summary>
    public const string FashionMnistName = "fashion-mnist";

    private const string SpecHelp =
        "Use 'fashion-mnist', 'fashion-mnist:train', 'fashion-mnist:test', 'idx:IMAGES,LABELS' or 'npy:X,Y'.";

    /// <summary>Loads the dataset a spec names.</summary>
    /// <param name="spec">Dataset spec; see <see cref="Dataset"/>.</param>
    /// <param name="split">Split of a named dataset when the spec does not name one; ignored for file specs.</param>
    /// <param name="options">Search folders; null for the defaults.</param>
    /// <exception cref="ArgumentException">The spec is malformed.</exception>
    /// <exception cref="FileNotFoundException">The named dataset or a named file is not found.</exception>
    /// <exception cref="DataFormatException">A file is malformed, or features and labels disagree.</exception>
    public static LabeledDataset Load(
        string spec,
        DatasetSplit split = DatasetSplit.Test,
        DatasetLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        options ??= new DatasetLoadOptions();

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? spec : spec[..colon];
        var argument = colon < 0 ? string.Empty : spec[(colon + 1)..];
        switch (scheme)
        {
            case FashionMnistName:
                return LoadFashionMnist(ParseSplit(spec, argument, split), options);
            case "idx":
                var (images, labels) = SplitPair(spec, argument, "IMAGES,LABELS");
                return LoadIdx(images, labels, DatasetSource.IdxFiles, "IDX files " + images + " and " + labels);
            case "npy":
                var (features, targets) = SplitPair(spec, argument, "X,Y");
                return LoadNpy(features, targets);
            default:
                throw new ArgumentException($"Unknown dataset spec '{spec}'. {SpecHelp}", nameof(spec));
        }
    }

    private static DatasetSplit ParseSplit(string spec, string argument, DatasetSplit fallback) => argument switch
    {
        "" => fallback,
        "train" => DatasetSplit.Train,
        "test" => DatasetSplit.Test,
        _ => throw new ArgumentException(
            $"Unknown split '{argument}' in dataset spec '{spec}'; expected 'train' or 'test'.",
            nameof(spec)),
    };

    private static (string First, string Second) SplitPair(string spec, string argument, string form)
    {
        var parts = argument.Split(',');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"Dataset spec '{spec}' needs two comma-separated paths after the colon ({form}); "
                + "paths that contain a comma are not supported.",
                nameof(spec));
        }

        return (parts[0].Trim(), parts[1].Trim());
    }

    private static LabeledDataset LoadFashionMnist(DatasetSplit split, DatasetLoadOptions options)
    {
        var prefix = split == DatasetSplit.Train ? "train" : "t10k";
        var imagesName = prefix + "-images-idx3-ubyte.gz";
        var labelsName = prefix + "-labels-idx1-ubyte.gz";
        var splitName = split == DatasetSplit.Train ? "training" : "test";

        var system = options.SystemFashionMnistDirectory;
        if (File.Exists(Path.Combine(system, imagesName)) && File.Exists(Path.Combine(system, labelsName)))
        {
            return LoadIdx(
                Path.Combine(system, imagesName),
                Path.Combine(system, labelsName),
                DatasetSource.SystemFashionMnist,
                $"Fashion-MNIST {splitName} set from {system}");
        }

        var subset = options.RepositorySubsetDirectory ?? FindRepositorySubset();
        if (split == DatasetSplit.Test && subset is not null
            && File.Exists(Path.Combine(subset, imagesName)) && File.Exists(Path.Combine(subset, labelsName)))
        {
            return LoadIdx(
                Path.Combine(subset, imagesName),
                Path.Combine(subset, labelsName),
                DatasetSource.RepositoryFashionMnistSubset,
                $"Fashion-MNIST test subset from {subset}");
        }

        var subsetNote = split == DatasetSplit.Train
            ? "The repository subset holds test images only."
            : $"The repository subset ({DatasetLoadOptions.RepositorySubsetRelativePath}) was not found either.";
        throw new FileNotFoundException(
            $"Fashion-MNIST {splitName} files {imagesName} and {labelsName} not found in {system}. {subsetNote} "
            + "Install the full dataset with 'apt-get install dataset-fashion-mnist'.",
            Path.Combine(system, imagesName));
    }

    private static string? FindRepositorySubset()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, DatasetLoadOptions.RepositorySubsetRelativePath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static LabeledDataset LoadIdx(
        string imagesPath,
        string labelsPath,
        DatasetSource source,
        string description)
    {
        var (images, labels) = Idx.ReadLabeledImages(imagesPath, labelsPath);
        var features = new double[images.Pixels.Length];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = images.Pixels[i];
        }

        var classes = Array.ConvertAll(labels, label => (int)label);
        return new LabeledDataset(features, images.PixelsPerImage, classes, source, description);
    }

    private static LabeledDataset LoadNpy(string featuresPath, string labelsPath)
    {
        var features = Npy.Read(featuresPath);
        var labels = Npy.Read(labelsPath);
        if (features.Rank == 0)
        {
            throw new DataFormatException(
                $"{featuresPath}: features are a 0-d array; expected shape [B, F] (or [B, ...], flattened).");
        }

        if (labels.Rank != 1)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{labelsPath}: labels have shape ({string.Join(", ", labels.Shape)}); expected one dimension [B] "
                + $"of class indices. Save numpy.argmax(y, axis=1) for one-hot labels."));
        }

        var count = features.Shape[0];
        if (labels.Length != count)
        {
            throw new DataFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{labelsPath}: holds {labels.Length} labels but {featuresPath} holds {count} samples. "
                + $"Pass the label file that belongs to these features."));
        }

        var classes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var value = labels.Data[i];
            if (value != Math.Floor(value) || value < 0 || value > int.MaxValue)
            {
                throw new DataFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{labelsPath}: label {i} is {value}; labels must be non-negative integers (class indices)."));
            }

            classes[i] = (int)value;
        }

        var featureCount = count == 0 ? (int)NdArray.ElementCount(features.Shape[1..]) : features.Length / count;
        return new LabeledDataset(
            features.Data,
            featureCount,
            classes,
            DatasetSource.NpyFiles,
            "NumPy files " + featuresPath + " and " + labelsPath);
    }
}
