namespace GradCheck.Training.Data;

/// <summary>
/// A data file is missing or malformed. The message says what was expected, where it looked and, for
/// the standard data sets, how to install them.
/// </summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected, where, and how to fix it.</param>
    public DatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected, where, and how to fix it.</param>
    /// <param name="innerException">The I/O or parse error underneath.</param>
    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
