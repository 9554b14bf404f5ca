namespace NeuroDeploy.Compiler.Lowering;

/// <summary>A valid NIR graph that cannot be lowered to discrete time; the message names the node and the fix.</summary>
public sealed class LoweringException : Exception
{
    public LoweringException()
    {
    }

    public LoweringException(string message)
        : base(message)
    {
    }

    public LoweringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
