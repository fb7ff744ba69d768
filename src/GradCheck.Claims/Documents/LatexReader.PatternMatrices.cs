// LatexReader: a matrix written as a pattern (a diagonal d(1) … d(n), or entries m(1,1) … m(n,n) with ⋯ ⋮ ⋱) times a
// column written as a pattern, read as the product's entry i.
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private static readonly HashSet<string> Ellipses = new(StringComparer.Ordinal) { @"\dots", @"\cdots", @"\ldots", @"\vdots", @"\ddots" };

    /// <summary>A matrix's pattern: the top-left entry's text (from <see cref="Start"/>) with the places where the row
    /// number and the column number stand (1 there, the size letter in the last row or column). A diagonal pattern has
    /// one set of places (d(i) on the diagonal, 0 elsewhere).</summary>
    private sealed record MatrixPattern(int Start, string Text, HashSet<int> Row, HashSet<int> Column, string Size, bool Diagonal);

    /// <summary>A matrix written by a pattern (the reader stands after its <c>\end{…}</c>) times the pattern column that
    /// follows it: <c>diag(d) v</c> is read as d(i) v(i), <c>M v</c> as Σ_j m(i,j) v(j), both bounded by the size n. A
    /// matrix alone, a pattern that is not plain, or a column of another size is "matrix of unknown pattern".</summary>
    private SyntaxNode MatrixTimesColumn(LatexToken begin, int contentStart, LatexToken end)
    {
        var pattern = PatternOf(Cells(contentStart, end.Offset)) ?? throw new LatexReadException(begin.Offset, "matrix of unknown pattern");
        if (!Current.IsCommand("begin"))
        {
            throw new LatexReadException(begin.Offset, "matrix of unknown pattern (a matrix written by a pattern is read only times a column written by a pattern right after it)");
        }

        var columnBegin = Current;
        var environment = EnvironmentName();
        var (rows, columnEnd) = MatrixRows(columnBegin, environment);
        var isColumn = environment is "bmatrix" or "pmatrix" or "matrix"
            && !_document.Text.AsSpan(columnBegin.Offset, columnEnd.Offset - columnBegin.Offset).Contains('&');
        if (Current.Is('^'))
        {
            throw new LatexReadException(columnBegin.Offset, "matrix of unknown pattern (a transposed column)");
        }

        if (_context.PatternIndex is not { } i)
        {
            throw new LatexReadException(begin.Offset, "matrix of unknown pattern (no letter is left for its index)");
        }

        var j = pattern.Diagonal ? null : PatternIndexLetters.FirstOrDefault(l => l != i && !_context.Names.Contains(l)
            && !_context.Functions.ContainsKey(l) && !_tokens.Any(t => t.Kind == LatexTokenKind.Letter && t.Text == l));
        if (!pattern.Diagonal && j is null)
        {
            throw new LatexReadException(begin.Offset, "matrix of unknown pattern (no letter is left for its summed index)");
        }

        LastPatternSize = null;
        var column = isColumn ? PatternColumn(columnEnd, rows, j) : null;
        if (column is null)
        {
            throw new LatexReadException(columnBegin.Offset, "matrix of unknown pattern");
        }

        if (LastPatternSize != pattern.Size)
        {
            throw new LatexReadException(columnBegin.Offset, $"matrix of unknown pattern (a matrix of size {pattern.Size} times a column of size {LastPatternSize})");
        }

        var entry = PatternEntry(pattern, i, j, end);
        Info.AddIndex(i, pattern.Size);
        Info.PatternIndex ??= i;
        var (l, c) = At(begin.Offset);
        var product = new BinarySyntax(l, c, '*', entry, column);
        if (j is null)
        {
            return product;
        }

        Info.AddIndex(j, pattern.Size);
        return new IndexSumSyntax(l, c, j, product);
    }

    /// <summary>The entry m(i, j) (or d(i)) read from the pattern's text with its places replaced by the indices.</summary>
    private SyntaxNode PatternEntry(MatrixPattern pattern, string i, string? j, LatexToken end)
    {
        // The text with the indices written in; a comma between two adjacent places (w_{11} is w_{j,i}), and each
        // character's offset in the document so that a message points at the entry.
        var text = new StringBuilder();
        var offsets = new List<int>();
        for (var p = 0; p < pattern.Text.Length; p++)
        {
            var place = pattern.Row.Contains(p) ? i : pattern.Column.Contains(p) ? j! : null;
            if (place is not null && p > 0 && (pattern.Row.Contains(p - 1) || pattern.Column.Contains(p - 1)))
            {
                text.Append(',');
                offsets.Add(pattern.Start + p);
            }

            text.Append(place ?? pattern.Text[p].ToString());
            offsets.Add(pattern.Start + p);
        }

        offsets.Add(pattern.Start + pattern.Text.Length);
        var tokens = LatexLexer.Tokenize(text.ToString(), 0, text.Length)
            .Where(t => t.Kind != LatexTokenKind.End).Select(t => t with { Offset = offsets[t.Offset] }).ToList();
        tokens.Add(new LatexToken(LatexTokenKind.End, "", end.Offset, false));
        var entry = Sub(tokens);
        foreach (var index in new[] { i, j }.OfType<string>())
        {
            if (Info.Symbols.Contains(index) || !Info.Indices.ContainsKey(index))
            {
                // the varying number was not an index (x_1 + 1 … x_n + n)
                throw new LatexReadException(pattern.Start, "matrix of unknown pattern");
            }
        }

        return entry;
    }

    /// <summary>The cells of a matrix environment's content, split at '&amp;' and <c>\\</c> outside braces and inner
    /// environments, each as its trimmed start offset and text.</summary>
    private List<List<(int Start, string Text)>> Cells(int start, int end)
    {
        var text = _document.Text;
        var rows = new List<List<(int, string)>> { new() };
        var depth = 0;
        var cell = start;
        void Close(int at)
        {
            var s = cell;
            while (s < at && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            rows[^1].Add((s, text[s..at].TrimEnd()));
        }

        for (var p = start; p < end; p++)
        {
            var ch = text[p];
            if (ch == '\\' && p + 1 < end && text[p + 1] == '\\' && depth == 0)
            {
                Close(p);
                rows.Add([]);
                cell = p + 2;
                p++;
            }
            else if (ch == '\\')
            {
                var q = p + 1;
                while (q < end && char.IsAsciiLetter(text[q]))
                {
                    q++;
                }

                var name = text[(p + 1)..q];
                depth += name == "begin" ? 1 : name == "end" ? -1 : 0;
                p = Math.Max(p, q - 1) + (q == p + 1 ? 1 : 0); // a one-character command (\{) is skipped whole
            }
            else if (ch is '{')
            {
                depth++;
            }
            else if (ch is '}')
            {
                depth--;
            }
            else if (ch == '&' && depth == 0)
            {
                Close(p);
                cell = p + 1;
            }
        }

        Close(end);
        if (rows[^1] is [(_, "")])
        {
            rows.RemoveAt(rows.Count - 1); // a trailing \\
        }

        return rows;
    }
}
