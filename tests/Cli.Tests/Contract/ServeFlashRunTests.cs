using System.Diagnostics;
using NeuroDeploy.Testing;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>
/// <c>serve</c> prints where it listens on its first line; <c>flash</c> and <c>run</c> then reach the
/// virtual board through the real transport and give the same result as <c>sim://</c>.
/// </summary>
public sealed class ServeFlashRunTests
{
    [SharedDataTheory]
    [InlineData("tcp", "tcp://")]
    [InlineData("grpc", "grpc://")]
    [InlineData("pty", "serial://")]
    public void ServedBoard_RunsLikeSim(string transport, string scheme)
    {
        using var folder = new TemporaryFolder();
        var image = folder.File("lif.ndimg");
        ContractFiles.CompileLif(image);
        var input = SharedData.PathOf(ContractFiles.LifInput);

        using var server = StartServer(transport, out var where);
        var target = scheme + where;
        var flash = ContractCli.Run(folder.Path, "flash", image, "--target", target);
        var run = ContractCli.Run(folder.Path, "run", image, "--target", target, "--input", input, "--output", folder.File("board.json"));
        var sim = ContractCli.Run(folder.Path, "run", image, "--target", "sim://", "--input", input, "--output", folder.File("sim.json"));

        Assert.True(flash.ExitCode == 0, flash.ToString());
        Assert.Contains("verified and active", flash.StandardOutput, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(sim.ExitCode == 0, sim.ToString());
        var board = ContractFiles.ReadJson(folder.File("board.json"));
        var reference = ContractFiles.ReadJson(folder.File("sim.json"));
        Assert.Equal("[[4]]", board["outputs"]!.ToJsonString());
        foreach (var field in new[] { "outputs", "spikes_per_layer", "synaptic_ops", "neuron_updates", "spikes_routed", "cycles" })
        {
            Assert.Equal(reference[field]!.ToJsonString(), board[field]!.ToJsonString());
        }
    }

    [Fact]
    public void Serve_BadTransportExitsTwo()
    {
        using var folder = new TemporaryFolder();

        var result = ContractCli.Run(folder.Path, "serve", "--transport", "carrier-pigeon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--transport carrier-pigeon is invalid", result.StandardError, StringComparison.Ordinal);
    }

    private static ServerProcess StartServer(string transport, out string where)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neurodeploy.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--transport");
        start.ArgumentList.Add(transport);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(TimeSpan.FromSeconds(60)) || firstLine.Result is null)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"serve --transport {transport} printed no address: {process.StandardError.ReadToEnd()}");
        }

        where = firstLine.Result.Trim();
        return new ServerProcess(process);
    }

    private sealed class ServerProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
