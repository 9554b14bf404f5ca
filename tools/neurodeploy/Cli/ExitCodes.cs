namespace NeuroDeploy.Cli;

/// <summary>Process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed while running (a target, a transport, an internal error).</summary>
    public const int Failure = 1;

    /// <summary>Bad input or arguments; nothing was written.</summary>
    public const int BadInput = 2;
}
