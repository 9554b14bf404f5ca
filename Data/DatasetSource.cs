namespace NeuroDeploy.Data;

/// <summary>Where <see cref="Dataset.Load"/> found the data.</summary>
public enum DatasetSource
{
    /// <summary>The full Fashion-MNIST files of the Debian package <c>dataset-fashion-mnist</c>.</summary>
    SystemFashionMnist,

    /// <summary>
    /// The 1,000-image Fashion-MNIST test subset shipped in <c>examples/data/fashion-mnist-subset</c>.
    /// </summary>
    RepositoryFashionMnistSubset,

    /// <summary>IDX image and label files named in the spec.</summary>
    IdxFiles,

    /// <summary>NumPy feature and label files named in the spec.</summary>
    NpyFiles,
}
