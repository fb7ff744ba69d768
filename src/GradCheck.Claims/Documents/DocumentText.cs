namespace GradCheck.Claims.Documents;

/// <summary>A document's text with a table of line starts, so every offset maps back to the 1-based
/// line and column a student sees in an editor.</summary>
internal sealed class DocumentText
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes <paramref name="text"/>.</summary>
    public DocumentText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The whole document.</summary>
    public string Text { get; }

    /// <summary>The number of lines.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The 1-based line and column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The 1-based line of an offset.</summary>
    public int Line(int offset) => Position(offset).Line;

    /// <summary>The offset where a 1-based line starts.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];
}

/// <summary>LaTeX the reader cannot turn into an expression: where (an offset in the document) and why.
/// Caught by the document checker and reported as <c>not checked: …</c>; never escapes it.</summary>
internal sealed class LatexReadException(int offset, string reason) : Exception(reason)
{
    /// <summary>The offset of the offending LaTeX in the document.</summary>
    public int Offset { get; } = offset;

    /// <summary>Why it cannot be read.</summary>
    public string Reason { get; } = reason;
}
