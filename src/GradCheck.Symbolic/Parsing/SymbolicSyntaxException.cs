namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// Text that cannot be read as an expression, or an expression that cannot be bound (unknown
/// function, index used without <c>index</c>, derivative with respect to a non-symbol, …).
/// The message is <c>"line:column: reason"</c>; <see cref="Line"/> and <see cref="Column"/> are
/// 1-based positions in the caller's file.
/// </summary>
public sealed class SymbolicSyntaxException : Exception
{
    /// <summary>Creates the error at a position with a reason.</summary>
    /// <param name="line">1-based line of the offending text.</param>
    /// <param name="column">1-based column of the offending text.</param>
    /// <param name="reason">What is wrong, in words for the author of the text.</param>
    public SymbolicSyntaxException(int line, int column, string reason)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{line}:{column}: {reason}"))
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Creates an error at line 1, column 1 (for serializers and tooling).</summary>
    public SymbolicSyntaxException()
        : this(1, 1, "syntax error")
    {
    }

    /// <summary>Creates an error at line 1, column 1 with a reason.</summary>
    public SymbolicSyntaxException(string message)
        : this(1, 1, message)
    {
    }

    /// <summary>Creates an error at line 1, column 1 with a reason and an inner exception.</summary>
    public SymbolicSyntaxException(string message, Exception innerException)
        : base("1:1: " + message, innerException)
    {
        Line = 1;
        Column = 1;
        Reason = message;
    }

    /// <summary>1-based line of the offending text.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending text.</summary>
    public int Column { get; }

    /// <summary>Why the text was rejected, without the position.</summary>
    public string Reason { get; }
}
