namespace NeuroDeploy.Cli;

/// <summary>Bad input or arguments: the command prints the message and exits with code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
