// LatexReader: matrix environments; a column written as a pattern (E(1) \\ E(2) \\ \vdots \\ E(n)) is read as its entry E(i).
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>The letters tried, in order, for the index of a pattern column's entry.</summary>
    private static readonly string[] PatternIndexLetters = ["i", "j", "k", "m", "p", "q", "r", "s", "t", "u", "v"];

    /// <summary>The index letter a pattern column of the formula between two offsets would use: the first of
    /// i, j, k, … that the formula does not write and the context does not name, or null when there is none.</summary>
    public static string? PatternIndexFor(DocumentText document, int start, int end, ReaderContext context)
    {
        var tokens = LatexLexer.Tokenize(document.Text, start, end);
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((tokens[i].IsCommand("begin") || tokens[i].IsCommand("end")) && i + 1 < tokens.Count && tokens[i + 1].Is('{'))
            {
                // the environment's name (b-m-a-t-r-i-x) is not written letters
                i++;
                while (i + 1 < tokens.Count && !tokens[i + 1].Is('}'))
                {
                    i++;
                }

                continue;
            }

            if (tokens[i].Kind == LatexTokenKind.Letter)
            {
                written.Add(tokens[i].Text);
            }
        }

        return PatternIndexLetters.FirstOrDefault(l => !written.Contains(l) && !context.Names.Contains(l) && !context.Functions.ContainsKey(l));
    }

    /// <summary>Reads <c>\begin{bmatrix} … \end{bmatrix}</c> (the reader stands after <c>\begin{…}</c>). A plain
    /// pattern column is read as its entry; a matrix written by a pattern times such a column is read as the product's
    /// entry (LatexReader.PatternMatrices.cs); anything else is "matrix of unknown pattern" at the environment.</summary>
    private SyntaxNode MatrixEnvironment(LatexToken begin, string environment)
    {
        var (rows, end) = MatrixRows(begin, environment);

        // The lexer drops '&', so a row with columns must not be mistaken for a product of its entries.
        var hasColumns = _document.Text.AsSpan(begin.Offset, end.Offset - begin.Offset).Contains('&');
        var plain = environment is "bmatrix" or "pmatrix" or "matrix";
        if (plain && hasColumns && rows.Count > 0 && rows[0].Count > 0)
        {
            return MatrixTimesColumn(begin, rows[0][0].Offset, end);
        }

        if (!plain || hasColumns || PatternColumn(end, rows, null) is not { } entry)
        {
            throw new LatexReadException(begin.Offset, "matrix of unknown pattern");
        }

        return entry;
    }

    /// <summary>The rows of a matrix environment as tokens (split at <c>\\</c>), and its <c>\end</c>; the reader ends after
    /// <c>\end{…}</c>.</summary>
    private (List<List<LatexToken>> Rows, LatexToken End) MatrixRows(LatexToken begin, string environment)
    {
        var rows = new List<List<LatexToken>> { new() };
        var braces = 0;
        var environments = 0;
        while (true)
        {
            var u = Current;
            if (u.Kind == LatexTokenKind.End)
            {
                throw new LatexReadException(begin.Offset, $"'\\begin{{{environment}}}' is never ended");
            }

            if (u.IsCommand("end") && environments == 0)
            {
                break;
            }

            environments += u.IsCommand("begin") ? 1 : u.IsCommand("end") ? -1 : 0;
            braces += u.Is('{') ? 1 : u.Is('}') ? -1 : 0;
            _position++;
            if (u.IsCommand("\\") && braces == 0 && environments == 0)
            {
                rows.Add([]);
                continue;
            }

            rows[^1].Add(u);
        }

        var end = Current;
        EnvironmentName();
        if (rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1); // a trailing \\
        }

        return (rows, end);
    }

    /// <summary>The entry E(i) of a column written E(1) \\ [E(2) \\] \vdots \\ E(n): the rows are the same LaTeX except
    /// where the first has 1, the optional second 2 and the last one letter n (the size); null when the rows do not
    /// make that pattern plain. The index i is the context's pattern index, bounded by n.</summary>
    /// <param name="end">The environment's <c>\end</c> (where the entry's tokens end).</param>
    /// <param name="rows">The column's rows.</param>
    /// <param name="bound">For the column of a product <c>M v</c>: the summed index to write the entry with (v(j)); it is
    /// bounded by the column's size but is not the equation's pattern index.</param>
    private SyntaxNode? PatternColumn(LatexToken end, List<List<LatexToken>> rows, string? bound)
    {
        if (rows.Count is not (3 or 4) || rows[^2] is not [var dots] || !dots.IsCommand("vdots"))
        {
            return null;
        }

        var first = rows[0];
        var last = rows[^1];
        var second = rows.Count == 4 ? rows[1] : null;
        if (first.Count == 0 || first.Count != last.Count || (second is not null && second.Count != first.Count))
        {
            return null;
        }

        string? size = null;
        var varying = new HashSet<int>();
        for (var i = 0; i < first.Count; i++)
        {
            if (first[i].Kind is LatexTokenKind.Command && first[i].Text is "dots" or "cdots" or "ldots" or "vdots" or "ddots")
            {
                return null; // an ellipsis inside an entry is a pattern of its own
            }

            if (Same(first[i], last[i]))
            {
                if (second is not null && !Same(second[i], first[i]))
                {
                    return null;
                }

                continue;
            }

            if (first[i] is not { Kind: LatexTokenKind.Number, Text: "1" } || last[i].Kind != LatexTokenKind.Letter || (size ??= last[i].Text) != last[i].Text
                || (second is not null && second[i] is not { Kind: LatexTokenKind.Number, Text: "2" }))
            {
                return null;
            }

            varying.Add(i);
        }

        if (size is null || (bound ?? _context.PatternIndex) is not { } index || index == size)
        {
            return null;
        }

        var template = first.Select((t, i) => varying.Contains(i) ? t with { Kind = LatexTokenKind.Letter, Text = index } : t).ToList();
        template.Add(new LatexToken(LatexTokenKind.End, "", end.Offset, false));
        var entry = Sub(template);
        if (Info.Symbols.Contains(index) || !Info.Indices.ContainsKey(index))
        {
            return null; // the varying number was not an index (x_1 + 1 … x_n + n)
        }

        Info.AddIndex(index, size);
        if (bound is null)
        {
            Info.PatternIndex ??= index;
        }

        LastPatternSize = size;
        return entry;

        static bool Same(LatexToken a, LatexToken b) => a.Kind == b.Kind && a.Text == b.Text;
    }

    /// <summary>The size letter of the last pattern column read (n in E_1 \\ ⋮ \\ E_n).</summary>
    private string? LastPatternSize { get; set; }
}
