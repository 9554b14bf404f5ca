using NeuroDeploy.Cli.Tests.Contract;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Serve;

/// <summary><c>flash</c> rejects a target URI with junk after sim:// and names a missing serial device.</summary>
public sealed class TargetErrorTests
{
    [SharedDataFact]
    public void Flash_SimWithHostExitsTwo()
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);

        var result = ContractCli.Run(folder.Path, "flash", image, "--target", "sim://foo");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(
            "error: Invalid target URI \"sim://foo\": a simulator URI has nothing between sim:// and the optional ?profile=NAME. Accepted forms: sim://",
            result.StandardError,
            StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Flash_MissingSerialDeviceExitsTwo()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);

        var result = ContractCli.Run(folder.Path, "flash", image, "--target", "serial:///dev/nonexistent");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: serial device /dev/nonexistent not found; `neurodeploy devices` lists the serial ports.",
            result.StandardError.TrimEnd());
    }
}
