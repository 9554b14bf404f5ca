using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>Inputs a new user tried that used to crash or pass silently: each now exits 2 with one message and writes nothing.</summary>
public sealed class NewUserInputTests
{
    [SharedDataFact]
    public void ModelGivenAsImage()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "is an HDF5 file (a NIR model?), not an image", "inspect", SharedData.PathOf(ContractFiles.LifModel));
    }

    [Fact]
    public void EmptyImage()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("empty.ndimg");
        File.WriteAllBytes(image, []);
        AssertRejected(folder, "empty.ndimg is empty", "inspect", image);
    }

    [SharedDataFact]
    public void NonPositiveInputBound()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "--input-bound 0 is invalid", "compile", SharedData.PathOf(ContractFiles.LifModel), "--dt", "1e-4",
            "--graded-input", "--input-bound", "0", "-o", folder.File("out.ndimg"));
    }

    [SharedDataFact]
    public void RunWithUnknownNormalization()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "Invalid normalization 'foo'", "run", image, "--input", SharedData.PathOf(ContractFiles.LifInput),
            "--normalize", "foo", "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void SimBoardOfOtherProfile()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "this board implements \"foo\"", "run", image, "--input", SharedData.PathOf(ContractFiles.LifInput),
            "--target", "sim://?profile=foo", "-o", folder.File("out.json"));
    }

    [Fact]
    public void EncodeToCsvName()
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 3, rows: 2, width: 7, scale: 1);
        AssertRejected(folder, "must end in .npy", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "-o", folder.File("out.csv"));
    }

    [Fact]
    public void NotANumberFeature()
    {
        using var folder = new TemporaryFolder();
        var features = folder.File("features.csv");
        File.WriteAllText(features, "0.5,NaN,0\n");
        AssertRejected(folder, "sample 0, feature 1 is NaN", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "-o", folder.File("out.npy"));
    }

    [Fact]
    public void FixedPointFeatureOutsideRange()
    {
        using var folder = new TemporaryFolder();
        var features = folder.File("features.csv");
        File.WriteAllText(features, "0.5,1.5,0\n");
        AssertRejected(folder, "Feature 1 is 1.5", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--fixed-point", "--input", features, "-o", folder.File("out.npy"));
    }

    [SharedDataFact]
    public void EvalOfImage()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "eval takes a NIR model", "eval", image, "--dataset", "fashion-mnist", "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void NotANumberOnFloatRun()
    {
        using var folder = new TemporaryFolder();
        var input = folder.File("input.csv");
        File.WriteAllText(input, "step,input\n0,1\n1,NaN\n2,0\n");
        AssertRejected(folder, "step 1, channel 0: value NaN is not finite", "run", SharedData.PathOf(ContractFiles.LifModel), "--dt", "1e-4",
            "--convention", "norse", "--float", "--input", input, "-o", folder.File("out.json"));
    }

    private static void AssertRejected(TemporaryFolder folder, string expected, params string[] args) =>
        ContractAssert.Rejected(folder, expected, args);
}
