namespace NeuroDeploy.Data;

/// <summary>Where <see cref="Dataset.Load"/> looks for the named datasets.</summary>
public sealed class DatasetLoadOptions
{
    /// <summary>Folder of the Debian package <c>dataset-fashion-mnist</c>.</summary>
    public const string DefaultSystemFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Path of the Fashion-MNIST test subset, relative to the repository root.</summary>
    public const string RepositorySubsetRelativePath = "examples/data/fashion-mnist-subset";

    /// <summary>
    /// Folder holding the four gzipped Fashion-MNIST IDX files; defaults to
    /// <see cref="DefaultSystemFashionMnistDirectory"/>.
    /// </summary>
    public string SystemFashionMnistDirectory { get; init; } = DefaultSystemFashionMnistDirectory;

    /// <summary>
    /// Folder of the repository's Fashion-MNIST test subset, or null to search for
    /// <see cref="RepositorySubsetRelativePath"/> above the current directory and above the application folder.
    /// </summary>
    public string? RepositorySubsetDirectory { get; init; }
}
