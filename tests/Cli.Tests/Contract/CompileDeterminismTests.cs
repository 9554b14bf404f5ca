using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>The same model and options give a byte-identical image, whatever the output path and working directory.</summary>
public sealed class CompileDeterminismTests
{
    [SharedDataTheory]
    [InlineData(ContractFiles.LifModel, "--dt", "1e-4", "--convention", "norse")]
    [InlineData("conformance/braille/braille_noDelay_noBias_subtract.nir", "--dt", "1e-4", "--convention", "snntorch", "--reset", "subtract-guarded")]
    [InlineData("conformance/braille/braille_noDelay_bias_zero.nir", "--dt", "1e-4", "--convention", "snntorch")]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_-1.50.nir", "--dt", "1e-4", "--encoder", "mixed-oscillator:delta=-1.5")]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_2.00.nir", "--dt", "1e-4", "--encoder", "mixed-oscillator:delta=2")]
    [InlineData("dynamical-alignment/mixed_oscillator_delta_10.00.nir", "--dt", "1e-4", "--encoder", "mixed-oscillator:delta=10")]
    public void CompileTwiceGivesSameBytes(string model, params string[] options)
    {
        using var folder = new TemporaryFolder();
        var nested = Directory.CreateDirectory(folder.File("nested")).FullName;
        var first = folder.File("first.ndimg");

        var fromRepository = ContractCli.Run(SharedData.RepositoryRoot, ["compile", SharedData.PathOf(model), .. options, "-o", first]);
        var fromNested = ContractCli.Run(nested, ["compile", SharedData.PathOf(model), .. options, "--output", "second.ndimg"]);

        Assert.True(fromRepository.ExitCode == 0, fromRepository.ToString());
        Assert.True(fromNested.ExitCode == 0, fromNested.ToString());
        var firstBytes = File.ReadAllBytes(first);
        var secondBytes = File.ReadAllBytes(Path.Combine(nested, "second.ndimg"));
        Assert.NotEmpty(firstBytes);
        Assert.Equal(firstBytes, secondBytes);
    }
}
