namespace NeuroDeploy.Cli.Tests.Contract;

/// <summary>Checks shared by the command-line contract tests.</summary>
internal static class ContractAssert
{
    /// <summary>Runs a command that must fail with exit code 2, one error line and no change to <paramref name="folder"/>.</summary>
    public static void Rejected(TemporaryFolder folder, string expected, params string[] args)
    {
        var before = folder.Entries();

        var result = ContractCli.Run(folder.Path, args);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at NeuroDeploy.", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, folder.Entries());
    }
}
