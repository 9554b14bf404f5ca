namespace NeuroDeploy.Data;

/// <summary>
/// Error raised when a data file (NumPy, CSV, IDX, preprocessing JSON) is malformed or contains an
/// unsupported value. The message names the file, the offending value and how to fix it.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException()
    {
    }

    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
