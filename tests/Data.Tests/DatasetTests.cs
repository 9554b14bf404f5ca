namespace NeuroDeploy.Data.Tests;

public sealed class DatasetTests
{
    private static readonly byte[] Pixels = [.. Enumerable.Range(0, 2 * 2 * 3).Select(i => (byte)(i + 200))];

    [Fact]
    public void Load_IdxSpec_RawPixelsAndLabels()
    {
        using var directory = new TemporaryDirectory();
        var images = directory.File("images.gz");
        var labels = directory.File("labels");
        Idx.WriteImages(images, new IdxImages(2, 2, 3, Pixels), gzip: true);
        Idx.WriteLabels(labels, [4, 1], gzip: false);

        var dataset = Dataset.Load("idx:" + images + "," + labels);

        Assert.Equal(DatasetSource.IdxFiles, dataset.Source);
        Assert.Equal(2, dataset.Count);
        Assert.Equal(6, dataset.FeatureCount);
        Assert.Equal(new[] { 4, 1 }, dataset.Labels);
        Assert.Equal(new double[] { 206, 207, 208, 209, 210, 211 }, dataset.GetSample(1).ToArray());
        Assert.Contains(images, dataset.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NpySpec_FlattensTrailingDimensions()
    {
        using var directory = new TemporaryDirectory();
        var features = directory.File("x.npy");
        var labels = directory.File("y.npy");
        Npy.Write(features, new NdArray([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8], "<f4"));
        Npy.Write(labels, new NdArray([2], [3, 0], "<i8"));

        var dataset = Dataset.Load("npy:" + features + "," + labels);

        Assert.Equal(DatasetSource.NpyFiles, dataset.Source);
        Assert.Equal(4, dataset.FeatureCount);
        Assert.Equal(new[] { 3, 0 }, dataset.Labels);
        Assert.Equal(new double[] { 5, 6, 7, 8 }, dataset.GetSample(1).ToArray());
        Assert.Equal(new[] { 2, 4 }, dataset.ToNdArray().Shape);
    }

    [Fact]
    public void Load_NpyLabelCountMismatch_NamesBothFiles()
    {
        using var directory = new TemporaryDirectory();
        var features = directory.File("x.npy");
        var labels = directory.File("y.npy");
        Npy.Write(features, new NdArray([3, 2], [1, 2, 3, 4, 5, 6]));
        Npy.Write(labels, new NdArray([2], [0, 1], "<i4"));

        var error = Assert.Throws<DataFormatException>(() => Dataset.Load($"npy:{features},{labels}"));

        Assert.Contains("holds 2 labels", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 samples", error.Message, StringComparison.Ordinal);
        Assert.Contains(features, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NpyFractionalLabel_Throws()
    {
        using var directory = new TemporaryDirectory();
        var features = directory.File("x.npy");
        var labels = directory.File("y.npy");
        Npy.Write(features, new NdArray([2, 1], [1, 2]));
        Npy.Write(labels, new NdArray([2], [0, 1.5]));

        var error = Assert.Throws<DataFormatException>(() => Dataset.Load($"npy:{features},{labels}"));

        Assert.Contains("label 1 is 1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NpyOneHotLabels_Throws()
    {
        using var directory = new TemporaryDirectory();
        var features = directory.File("x.npy");
        var labels = directory.File("y.npy");
        Npy.Write(features, new NdArray([2, 1], [1, 2]));
        Npy.Write(labels, new NdArray([2, 2], [0, 1, 1, 0]));

        var error = Assert.Throws<DataFormatException>(() => Dataset.Load($"npy:{features},{labels}"));

        Assert.Contains("argmax", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FashionMnistFromSystemFolder_UsesIt()
    {
        using var directory = new TemporaryDirectory();
        WriteFashionFiles(directory.Path, "train", 2);
        var options = new DatasetLoadOptions
        {
            SystemFashionMnistDirectory = directory.Path,
            RepositorySubsetDirectory = directory.File("missing"),
        };

        var dataset = Dataset.Load("fashion-mnist:train", options: options);

        Assert.Equal(DatasetSource.SystemFashionMnist, dataset.Source);
        Assert.Equal(2, dataset.Count);
        Assert.Contains("training set", dataset.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FashionMnistNoSystem_UsesSubset()
    {
        using var directory = new TemporaryDirectory();
        var subset = directory.File("subset");
        Directory.CreateDirectory(subset);
        WriteFashionFiles(subset, "t10k", 2);
        var options = new DatasetLoadOptions
        {
            SystemFashionMnistDirectory = directory.File("absent"),
            RepositorySubsetDirectory = subset,
        };

        var dataset = Dataset.Load("fashion-mnist", DatasetSplit.Test, options);

        Assert.Equal(DatasetSource.RepositoryFashionMnistSubset, dataset.Source);
        Assert.Equal(2, dataset.Count);
    }

    [Fact]
    public void Load_FashionMnistTrainWithoutSystem_ExplainsInstall()
    {
        using var directory = new TemporaryDirectory();
        WriteFashionFiles(directory.Path, "t10k", 2);
        var options = new DatasetLoadOptions
        {
            SystemFashionMnistDirectory = directory.File("absent"),
            RepositorySubsetDirectory = directory.Path,
        };

        var error = Assert.Throws<FileNotFoundException>(() => Dataset.Load("fashion-mnist:train", options: options));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("test images only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositorySubset_FoundAboveTestFolder()
    {
        var options = new DatasetLoadOptions { SystemFashionMnistDirectory = "/nonexistent-fashion-mnist" };

        var dataset = Dataset.Load("fashion-mnist", options: options);

        Assert.Equal(DatasetSource.RepositoryFashionMnistSubset, dataset.Source);
        Assert.Equal(1000, dataset.Count);
        Assert.Equal(784, dataset.FeatureCount);
        Assert.Equal(9, dataset.Labels[0]);
    }

    [FashionMnistFact]
    public void Load_SubsetEqualsFirstThousandTestImages()
    {
        var full = Dataset.Load("fashion-mnist:test");
        var subset = Dataset.Load(
            "fashion-mnist:test",
            options: new DatasetLoadOptions { SystemFashionMnistDirectory = "/nonexistent-fashion-mnist" });

        Assert.Equal(DatasetSource.SystemFashionMnist, full.Source);
        Assert.Equal(10000, full.Count);
        Assert.Equal(full.Take(1000).Labels, subset.Labels);
        Assert.Equal(full.Take(1000).Features, subset.Features);
    }

    [Theory]
    [InlineData("mnist")]
    [InlineData("idx:only-one-path")]
    [InlineData("npy:a,b,c")]
    [InlineData("fashion-mnist:validation")]
    public void Load_MalformedSpec_Throws(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => Dataset.Load(spec));

        Assert.Contains(spec, error.Message, StringComparison.Ordinal);
    }

    private static void WriteFashionFiles(string folder, string prefix, int count)
    {
        var pixels = new byte[count * 28 * 28];
        var images = new IdxImages(count, 28, 28, pixels);
        Idx.WriteImages(Path.Combine(folder, prefix + "-images-idx3-ubyte.gz"), images, true);
        Idx.WriteLabels(Path.Combine(folder, prefix + "-labels-idx1-ubyte.gz"), new byte[count], true);
    }
}
