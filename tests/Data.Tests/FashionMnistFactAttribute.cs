namespace NeuroDeploy.Data.Tests;

/// <summary>A fact that needs the Debian package dataset-fashion-mnist; skipped when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        var folder = DatasetLoadOptions.DefaultSystemFashionMnistDirectory;
        if (!File.Exists(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")))
        {
            Skip = "Fashion-MNIST not installed in " + DatasetLoadOptions.DefaultSystemFashionMnistDirectory
                + "; install it with 'apt-get install dataset-fashion-mnist'.";
        }
    }
}
