namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// A construct the index calculus does not handle for a symbolic size (a product over 1..K, an index
/// used as a number, a size as a subscript, …). It never means the claim is wrong: the calculus
/// declines, and the claim is "not proved for every size".
/// </summary>
internal sealed class IndexedUnsupportedException : Exception
{
    public IndexedUnsupportedException(string message)
        : base(message)
    {
    }

    public IndexedUnsupportedException()
    {
    }

    public IndexedUnsupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
