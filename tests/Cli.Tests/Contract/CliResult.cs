namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>Exit code and captured output of one neurodeploy process.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Lines of standard error that start with <c>error:</c>.</summary>
    public string[] ErrorLines => StandardError
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.StartsWith("error:", StringComparison.Ordinal))
        .ToArray();

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}
