using System.Diagnostics;

namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>
/// Runs the built neurodeploy program in a child process, as external checks call it, so that
/// exit codes, standard output and the working directory are the real ones.
/// </summary>
internal static class ContractCli
{
    /// <summary>Upper bound for one command, so that a hang fails the test instead of blocking the run.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static CliResult Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neurodeploy.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"neurodeploy {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new CliResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>The dotnet executable that runs the tests (set by the SDK), or <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
