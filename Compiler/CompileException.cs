namespace NeuroDeploy.Compiler;

/// <summary>A network that cannot be compiled for the chosen profile; the message says why and what to change.</summary>
public sealed class CompileException : Exception
{
    public CompileException(string message)
        : base(message)
    {
    }

    public CompileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CompileException()
    {
    }
}
