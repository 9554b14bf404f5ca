using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NeuroDeploy.Cli.Tests.Contract;

namespace NeuroDeploy.Cli.Tests.Serve;

/// <summary>
/// <c>serve</c> stops cleanly on SIGTERM on every transport, and rejects a taken port or an unknown
/// profile with exit code 2 before it announces an address.
/// </summary>
public sealed class ServeLifetimeTests
{
    /// <summary>Hang guard for a server that ignores SIGTERM.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("tcp")]
    [InlineData("grpc")]
    [InlineData("pty")]
    public async Task Serve_StopsOnSigterm(string transport)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var process = StartServe("--transport", transport);
        var error = process.StandardError.ReadToEndAsync();
        var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(string.IsNullOrWhiteSpace(firstLine), $"serve --transport {transport} printed no address.");

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var exited = true;
        using (var guard = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                exited = false;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        Assert.True(exited, $"serve --transport {transport} still ran {StopTimeout.TotalSeconds} s after SIGTERM.");
        Assert.Equal("", await error);
        Assert.Equal(0, process.ExitCode);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("grpc")]
    public void Serve_PortInUseExitsTwo(string transport)
    {
        using var folder = new TemporaryFolder();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var result = ContractCli.Run(folder.Path, "serve", "--transport", transport, "--port", port.ToString(CultureInfo.InvariantCulture));

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.StandardOutput);
            Assert.Equal(
                $"error: port {port} on 127.0.0.1 is already in use; choose another --port or 0 for a free one.",
                result.StandardError.TrimEnd());
        }
        finally
        {
            listener.Stop();
            listener.Dispose();
        }
    }

    [Fact]
    public void Serve_UnknownProfileExitsTwo()
    {
        using var folder = new TemporaryFolder();

        var result = ContractCli.Run(folder.Path, "serve", "--profile", "foo");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.StartsWith("error: Hardware profile 'foo' not found at ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Available profiles: generic", result.StandardError, StringComparison.Ordinal);
    }

    private static Process StartServe(params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neurodeploy.dll"));
        start.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
