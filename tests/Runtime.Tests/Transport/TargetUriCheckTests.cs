using NeuroDeploy.Runtime.Host.Transport;

namespace NeuroDeploy.Runtime.Tests.Transport;

/// <summary>Target URIs with text the scheme does not use, and serial devices that cannot be opened.</summary>
public sealed class TargetUriCheckTests
{
    [Theory]
    [InlineData("sim://foo")]
    [InlineData("sim://foo/bar")]
    [InlineData("sim:///bar")]
    [InlineData("sim://foo?profile=generic")]
    public void SimUriWithHostOrPathIsRejected(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => TargetFactory.Open(uri));

        Assert.Equal(
            $"Invalid target URI \"{uri}\": a simulator URI has nothing between sim:// and the optional ?profile=NAME. Accepted forms: {TargetFactory.AcceptedForms}. (Parameter 'uri')",
            error.Message);
    }

    [Fact]
    public async Task MissingSerialDeviceIsNotFound()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var target = TargetFactory.Open("serial:///dev/neurodeploy-no-such-device");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => target.ConnectAsync(CancellationToken.None));

        Assert.Equal("serial device /dev/neurodeploy-no-such-device not found; `neurodeploy devices` lists the serial ports.", error.Message);
        Assert.Equal("/dev/neurodeploy-no-such-device", error.FileName);
    }

    [Fact]
    public async Task UnopenableSerialDeviceKeepsReason()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A regular file exists but is no terminal, so opening it as a serial port fails.
        var path = Path.GetTempFileName();
        try
        {
            await using var target = TargetFactory.Open("serial://" + path);

            var error = await Assert.ThrowsAsync<IOException>(() => target.ConnectAsync(CancellationToken.None));

            Assert.StartsWith($"Failed to open serial port {path} at {TargetFactory.DefaultBaudRate} bit/s: ", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("Check the path (see `neurodeploy devices`) and that no other program has the port open.", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
