namespace NeuroDeploy.Data.Tests;

public sealed class PreprocessingTests
{
    // Four 2-D points on the axes: the mean is 0, the covariance diag(6, 2/3) (divided by B - 1 = 3).
    private static readonly double[] AxisPoints = [3, 0, -3, 0, 0, 1, 0, -1];

    [Fact]
    public void FitPca_AxisAlignedData_ExactComponents()
    {
        var preprocessing = Preprocessing.FitPca(AxisPoints, 2, 2, inputScale: 1.0);

        Assert.Equal(new double[] { 0, 0 }, preprocessing.Mean);
        Assert.Equal(new double[] { 1, 0 }, preprocessing.Components[0].Select(Math.Abs));
        Assert.Equal(new double[] { 0, 1 }, preprocessing.Components[1].Select(Math.Abs));
        Assert.Equal(new double[] { 3, 1 }, preprocessing.Scale);
        Assert.Equal(6.0, preprocessing.ExplainedVariance![0], 12);
        Assert.Equal(2.0 / 3.0, preprocessing.ExplainedVariance[1], 12);
    }

    [Fact]
    public void FitPca_LargestLoadingIsPositive()
    {
        // Points along (-1, 2) / sqrt(5) with a little spread across it.
        double[] features = [-1, 2, 1, -2, -2, 4, 2, -4, 0.2, 0.1, -0.2, -0.1];

        var preprocessing = Preprocessing.FitPca(features, 2, 2, inputScale: 1.0);

        foreach (var component in preprocessing.Components)
        {
            var largest = component.MaxBy(Math.Abs);
            Assert.True(largest > 0, "the loading of largest magnitude must be positive");
            Assert.Equal(1.0, Math.Sqrt(component.Sum(v => v * v)), 12);
        }

        Assert.Equal(-1 / Math.Sqrt(5), preprocessing.Components[0][0], 12);
        Assert.Equal(2 / Math.Sqrt(5), preprocessing.Components[0][1], 12);
    }

    [Fact]
    public void Apply_TrainingSamples_MaxMagnitudeOne()
    {
        double[] features = [10, 20, 30, 40, 50, 60, 70, 80, 90, 20, 10, 100, 0, 255, 128];
        var preprocessing = Preprocessing.FitPca(features, 3, 2, Preprocessing.PixelScale);
        var dataset = new LabeledDataset(features, 3, [0, 1, 2, 3, 4], DatasetSource.NpyFiles, "test");

        var output = preprocessing.Apply(dataset);

        Assert.Equal(new[] { 5, 2 }, output.Shape);
        Assert.All(output.Data, value => Assert.InRange(value, -1.0, 1.0));
        for (var k = 0; k < 2; k++)
        {
            var column = Enumerable.Range(0, 5).Select(b => Math.Abs(output[b, k])).Max();
            Assert.Equal(1.0, column, 12);
        }
    }

    [Fact]
    public void Apply_OutsideTrainingRange_Clips()
    {
        var preprocessing = Preprocessing.FitPca(AxisPoints, 2, 1, inputScale: 1.0);
        var output = new double[1];

        preprocessing.Apply([30.0, 0.0], output);

        Assert.Equal(1.0, Math.Abs(output[0]));
    }

    [Fact]
    public void Apply_ExactFormula()
    {
        var preprocessing = new Preprocessing(0.5, [1, 2], [[0.6, 0.8]], [2]);
        var output = new double[1];

        preprocessing.Apply([4.0, 6.0], output);

        // ((4 * 0.5 - 1) * 0.6 + (6 * 0.5 - 2) * 0.8) / 2 = (0.6 + 0.8) / 2
        Assert.Equal(0.7, output[0], 15);
    }

    [Fact]
    public void Apply_WrongInputSize_Throws()
    {
        var preprocessing = new Preprocessing(1, [0, 0], [[1, 0]], [1]);

        var error = Assert.Throws<ArgumentException>(() => preprocessing.Apply([1.0, 2.0, 3.0], new double[1]));

        Assert.Contains("expects 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsBitExact()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.preproc.json");
        double[] features = [0.1, 0.7, 0.3, 0.9, 0.2, 0.4, 1.0 / 3.0, 0.5, 0.6];
        var fitted = Preprocessing.FitPca(features, 3, 2, Preprocessing.PixelScale);

        fitted.Save(path, "three samples");
        var loaded = Preprocessing.Load(path);

        Assert.Equal(fitted.InputScale, loaded.InputScale);
        Assert.Equal(fitted.Mean, loaded.Mean);
        Assert.Equal(fitted.Components, loaded.Components);
        Assert.Equal(fitted.Scale, loaded.Scale);
        Assert.Equal(fitted.ExplainedVariance, loaded.ExplainedVariance);
        Assert.Single(Directory.GetFiles(directory.Path));
        Assert.Contains("\"fitted_on\": \"three samples\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format\": \"other\"}", "field 'format' is 'other'")]
    [InlineData("{\"format\": \"neurodeploy-preprocessing\", \"version\": 2}", "version 2 is not supported")]
    [InlineData(
        "{\"format\": \"neurodeploy-preprocessing\", \"version\": 1, \"method\": \"pca\"}",
        "'input_size' is missing")]
    [InlineData(
        "{\"format\": \"neurodeploy-preprocessing\", \"version\": 1, \"method\": \"pca\", \"input_size\": 2, "
        + "\"n_components\": 1, \"input_scale\": 1, \"mean\": [0, 0], \"components\": [[1, 0]], \"scale\": [0]}",
        "scale[0] is 0")]
    [InlineData(
        "{\"format\": \"neurodeploy-preprocessing\", \"version\": 1, \"method\": \"pca\", \"input_size\": 3, "
        + "\"n_components\": 1, \"input_scale\": 1, \"mean\": [0, 0], \"components\": [[1, 0]], \"scale\": [1]}",
        "'input_size' is 3")]
    [InlineData(
        "{\"format\": \"neurodeploy-preprocessing\", \"version\": 1, \"method\": \"pca\", \"input_size\": 2, "
        + "\"n_components\": 1, \"input_scale\": 1, \"mean\": [0, 0], \"components\": [[1, \"x\"]], \"scale\": [1]}",
        "components[0][1] is String")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{not json", "invalid JSON")]
    public void Load_InvalidFile_NamesFileAndField(string json, string expected)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("bad.preproc.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<DataFormatException>(() => Preprocessing.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitPca_TooManyComponents_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Preprocessing.FitPca(AxisPoints, 2, 3, 1.0));
    }

    [Fact]
    public void FitPca_ConstantComponent_Throws()
    {
        double[] features = [1, 5, 2, 5, 3, 5];

        var error = Assert.Throws<ArgumentException>(() => Preprocessing.FitPca(features, 2, 2, 1.0));

        Assert.Contains("zero spread", error.Message, StringComparison.Ordinal);
    }
}
