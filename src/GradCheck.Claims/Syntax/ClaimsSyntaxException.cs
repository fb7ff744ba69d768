namespace GradCheck.Claims.Syntax;

/// <summary>Thrown for text the claims parser or checker cannot read; carries the 1-based line and column.</summary>
public sealed class ClaimsSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <param name="reason">Why the text could not be read.</param>
    public ClaimsSyntaxException(int line, int column, string reason)
        : base($"{line}:{column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message and no position (line 1, column 1).</summary>
    public ClaimsSyntaxException()
        : this(1, 1, "invalid claims text")
    {
    }

    /// <summary>Creates the exception with a reason at line 1, column 1.</summary>
    /// <param name="message">Why.</param>
    public ClaimsSyntaxException(string message)
        : this(1, 1, message)
    {
    }

    /// <summary>Creates the exception with a reason and an inner exception at line 1, column 1.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public ClaimsSyntaxException(string message, Exception innerException)
        : base($"1:1: {message}", innerException)
    {
        Line = 1;
        Column = 1;
        Reason = message;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>Why the text could not be read.</summary>
    public string Reason { get; }

    /// <summary>The error as a <see cref="SourceError"/>.</summary>
    public SourceError ToSourceError() => new(Line, Column, Reason);
}
