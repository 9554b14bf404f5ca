namespace NeuroDeploy.Compiler.Nir;

/// <summary>
/// A NIR file that cannot be read: not HDF5, a missing or malformed field, an unknown node type,
/// a dangling edge or a shape mismatch. The message names the file, the node path and the field.
/// </summary>
public sealed class NirFormatException : Exception
{
    public NirFormatException()
    {
    }

    public NirFormatException(string message)
        : base(message)
    {
    }

    public NirFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
