using System.Buffers.Binary;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>Bad input or arguments exit with code 2 and one error line, and write nothing.</summary>
public sealed class BadInputTests
{
    private const string FashionModel = "examples/fashion-mnist-expansive/fashion-mnist-expansive.nir";

    [SharedDataFact]
    public void MissingModelFile()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "missing.nir not found", "compile", folder.File("missing.nir"), "--dt", "1e-4", "-o", folder.File("out.ndimg"));
        AssertRejected(folder, "missing.nir not found", "run", folder.File("missing.nir"), "--dt", "1e-4", "--input", Lif(ContractFiles.LifInput), "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void MissingTimeStep()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "--dt", "compile", Lif(ContractFiles.LifModel), "-o", folder.File("out.ndimg"));
    }

    [SharedDataFact]
    public void UnknownConvention()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "convention 'brian'", "compile", Lif(ContractFiles.LifModel), "--dt", "1e-4", "--convention", "brian", "-o", folder.File("out.ndimg"));
    }

    [SharedDataFact]
    public void UnknownReset()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "--reset halve", "compile", Lif(ContractFiles.LifModel), "--dt", "1e-4", "--reset", "halve", "-o", folder.File("out.ndimg"));
    }

    [SharedDataFact]
    public void UnknownEncoderKey()
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 1, rows: 2, width: 7, scale: 1);
        AssertRejected(
            folder, "Unknown key 'delt'",
            "run", Lif(ContractFiles.AlignmentModel), "--dt", "1e-4", "--encoder", "mixed-oscillator:delt=2", "--input", features, "-o", folder.File("out.json"));
        AssertRejected(folder, "Unknown key 'delt'", "encode", "--encoder", "mixed-oscillator:delt=2", "--input", features, "-o", folder.File("out.npy"));
    }

    [Fact]
    public void UnknownNormalization()
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 1, rows: 2, width: 7, scale: 1);
        AssertRejected(folder, "--normalize maxabs", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--normalize", "maxabs", "--input", features, "-o", folder.File("out.npy"));
    }

    [Fact]
    public void FeaturesOutsideUnitRange()
    {
        using var folder = new TemporaryFolder();
        var features = folder.File("features.csv");
        File.WriteAllText(features, "0.5,0.25\n0.1,-1.5\n");
        AssertRejected(folder, "sample 1, feature 1 is -1.5", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "-o", folder.File("out.npy"));
    }

    [SharedDataTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void FeatureWidthDoesNotFitModel(bool useFloat)
    {
        using var folder = new TemporaryFolder();
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 2, rows: 3, width: 6, scale: 1);
        string[] args =
        [
            "run", Lif(ContractFiles.AlignmentModel), "--dt", "1e-4", "--encoder", ContractFiles.AlignmentEncoder, "--input", features,
            "-o", folder.File("out.json"),
        ];
        AssertRejected(folder, "input has 18 channels per step but the model takes 21", useFloat ? [.. args, "--float"] : args);
    }

    [SharedDataFact]
    public void CorruptImage()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var bytes = File.ReadAllBytes(image);
        var name = System.Text.Encoding.ASCII.GetBytes("lif_norse.nir");
        var at = bytes.AsSpan().IndexOf(name);
        Assert.True(at >= 0, "the image stores its source file name");
        bytes[at] ^= 0x20;
        File.WriteAllBytes(image, bytes);

        AssertRejected(folder, "digest mismatch", "inspect", image, "--json");
        AssertRejected(folder, "digest mismatch", "run", image, "--input", Lif(ContractFiles.LifInput), "-o", folder.File("out.json"));
    }

    [Fact]
    public void TruncatedIdxImages()
    {
        using var folder = new TemporaryFolder();
        var images = folder.File("images-idx3-ubyte");
        var labels = folder.File("labels-idx1-ubyte");
        WriteIdxImages(images, count: 3, storedImages: 2);
        WriteIdxLabels(labels, count: 3);
        AssertRejected(
            folder, "truncated IDX file",
            "eval", Repository(FashionModel), "--dataset", $"idx:{images},{labels}", "--dt", "1e-4", "--target", "sim://", "--output", folder.File("out.json"));
    }

    [Fact]
    public void IdxLabelCountMismatch()
    {
        using var folder = new TemporaryFolder();
        var images = folder.File("images-idx3-ubyte");
        var labels = folder.File("labels-idx1-ubyte");
        WriteIdxImages(images, count: 3, storedImages: 3);
        WriteIdxLabels(labels, count: 2);
        AssertRejected(
            folder, "holds 2 labels",
            "eval", Repository(FashionModel), "--dataset", $"idx:{images},{labels}", "--dt", "1e-4", "--target", "sim://", "--output", folder.File("out.json"));
    }

    [Fact]
    public void EvalLimitBelowOne()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(
            folder, "--limit 0",
            "eval", Repository(FashionModel), "--dataset", "fashion-mnist", "--limit", "0", "--dt", "1e-4", "--output", folder.File("out.json"));
        AssertRejected(
            folder, "--limit -5",
            "eval", Repository(FashionModel), "--dataset", "fashion-mnist", "--limit", "-5", "--dt", "1e-4", "--output", folder.File("out.json"));
    }

    [Fact]
    public void EvalPlotsFolderIsFile()
    {
        using var folder = new TemporaryFolder();
        var plots = folder.File("plots");
        File.WriteAllText(plots, "");
        AssertRejected(
            folder, "--plots",
            "eval", Repository(FashionModel), "--dataset", "fashion-mnist", "--limit", "2", "--dt", "1e-4", "--output", folder.File("out.json"), "--plots", plots);
    }

    [SharedDataFact]
    public void NonNumericCsvCell()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var input = folder.File("input.csv");
        File.WriteAllText(input, "0\n1\nx\n0\n");
        AssertRejected(folder, "'x' is not a number", "run", image, "--input", input, "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void OutputFolderMissing()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 3, rows: 2, width: 7, scale: 1);
        var missing = folder.File("missing");

        AssertRejected(folder, "does not exist", "compile", Lif(ContractFiles.LifModel), "--dt", "1e-4", "-o", Path.Combine(missing, "out.ndimg"));
        AssertRejected(folder, "does not exist", "run", image, "--input", Lif(ContractFiles.LifInput), "--output", Path.Combine(missing, "out.json"));
        AssertRejected(folder, "does not exist", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "--output", Path.Combine(missing, "out.npy"));
        AssertRejected(
            folder, "does not exist",
            "eval", Repository(FashionModel), "--dataset", "fashion-mnist", "--limit", "2", "--dt", "1e-4", "--output", Path.Combine(missing, "out.json"));
    }

    [SharedDataFact]
    public void OutputPathIsFolder()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var features = ContractFiles.WriteFeatures(folder, "features.csv", seed: 4, rows: 2, width: 7, scale: 1);
        Directory.CreateDirectory(folder.File("taken"));

        AssertRejected(folder, "is a folder", "run", image, "--input", Lif(ContractFiles.LifInput), "--output", folder.File("taken"));
        AssertRejected(folder, "is a folder", "encode", "--encoder", ContractFiles.AlignmentEncoder, "--input", features, "--output", folder.File("taken"));
    }

    [SharedDataFact]
    public void RecordUnknownNode()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "--record lif9: no such layer", "run", image, "--input", Lif(ContractFiles.LifInput), "--record", "1,lif9", "-o", folder.File("out.json"));
        AssertRejected(
            folder, "--record lif9: no such layer",
            "run", Lif(ContractFiles.LifModel), "--dt", "1e-4", "--float", "--input", Lif(ContractFiles.LifInput), "--record", "lif9", "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void CompileOptionWithImage()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "--dt applies when a .nir model is compiled", "run", image, "--dt", "1e-3", "--input", Lif(ContractFiles.LifInput), "-o", folder.File("out.json"));
        AssertRejected(folder, "--float", "run", image, "--float", "--input", Lif(ContractFiles.LifInput), "-o", folder.File("out.json"));
    }

    [SharedDataFact]
    public void UnknownTargetScheme()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        AssertRejected(folder, "foo://board", "run", image, "--target", "foo://board", "--input", Lif(ContractFiles.LifInput), "-o", folder.File("out.json"));
    }

    [Fact]
    public void UnknownDatasetSpec()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(
            folder, "Unknown dataset spec 'mnist:digits'",
            "eval", Repository(FashionModel), "--dataset", "mnist:digits", "--dt", "1e-4", "--output", folder.File("out.json"));
    }

    [SharedDataFact]
    public void MissingRequiredOutput()
    {
        using var folder = new TemporaryFolder();
        AssertRejected(folder, "'--output' is required", "run", Lif(ContractFiles.LifModel), "--dt", "1e-4", "--input", Lif(ContractFiles.LifInput));
    }

    private static string Lif(string relative) => SharedData.PathOf(relative);

    private static string Repository(string relative) => Path.Combine(SharedData.RepositoryRoot, relative);

    private static void AssertRejected(TemporaryFolder folder, string expected, params string[] args) =>
        ContractAssert.Rejected(folder, expected, args);

    /// <summary>Writes an IDX image file whose header announces <paramref name="count"/> 28 x 28 images but contains <paramref name="storedImages"/>.</summary>
    private static void WriteIdxImages(string path, int count, int storedImages)
    {
        var bytes = new byte[16 + (storedImages * 28 * 28)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 28);
        for (var k = 16; k < bytes.Length; k++)
        {
            bytes[k] = (byte)(k * 7);
        }

        File.WriteAllBytes(path, bytes);
    }

    private static void WriteIdxLabels(string path, int count)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (var k = 0; k < count; k++)
        {
            bytes[8 + k] = (byte)(k % 10);
        }

        File.WriteAllBytes(path, bytes);
    }
}
