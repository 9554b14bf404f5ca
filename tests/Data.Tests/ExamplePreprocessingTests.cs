using NeuroDeploy.Testing;

namespace NeuroDeploy.Data.Tests;

/// <summary>
/// Checks the preprocessing files of the Fashion-MNIST examples, which the Python training script
/// fitted, against the C# implementation.
/// </summary>
public sealed class ExamplePreprocessingTests
{
    public static TheoryData<string> Examples => new() { "fashion-mnist-expansive", "fashion-mnist-dissipative" };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Apply_SubsetImages_MatchesPythonFeatures(string example)
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "examples", example);
        var preprocessing = Preprocessing.Load(Path.Combine(folder, example + ".preproc.json"));
        var expected = Npy.Read(Path.Combine(folder, "subset-features.npy"));
        var subset = Dataset.Load("fashion-mnist", options: new DatasetLoadOptions
        {
            SystemFashionMnistDirectory = "/nonexistent-fashion-mnist",
        });

        var features = preprocessing.Apply(subset.Take(expected.Shape[0]));

        Assert.Equal(expected.Shape, features.Shape);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Data[i], features.Data[i], 1e-12);
        }
    }

    [FashionMnistFact]
    public void FitPca_TrainingSet_MatchesPythonFit()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "examples", "fashion-mnist-expansive");
        var python = Preprocessing.Load(Path.Combine(folder, "fashion-mnist-expansive.preproc.json"));
        var training = Dataset.Load("fashion-mnist:train");

        var fitted = Preprocessing.FitPca(
            training.Features, training.FeatureCount, python.ComponentCount, Preprocessing.PixelScale);

        Assert.Equal(python.InputScale, fitted.InputScale);
        for (var i = 0; i < python.InputSize; i++)
        {
            Assert.Equal(python.Mean[i], fitted.Mean[i], 1e-12);
        }

        for (var k = 0; k < python.ComponentCount; k++)
        {
            for (var i = 0; i < python.InputSize; i++)
            {
                Assert.Equal(python.Components[k][i], fitted.Components[k][i], 1e-8);
            }

            Assert.Equal(python.Scale[k], fitted.Scale[k], 1e-8);
        }
    }
}
