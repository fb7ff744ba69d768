// LatexReader: which cells make a matrix pattern: rows and columns 1, [2,] ⋮, n; corners m(1,1), m(1,n), m(n,1), m(n,n)
// alike except where 1 and the size letter stand; every other cell an ellipsis or the pattern at its row and column.
namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>The pattern of a matrix's cells, or null when it is not plain (the reader never guesses one).</summary>
    private static MatrixPattern? PatternOf(List<List<(int Start, string Text)>> cells)
    {
        var rowCount = cells.Count;
        if (rowCount is not (3 or 4) || cells[0].Count is not (3 or 4) || cells.Any(r => r.Count != cells[0].Count))
        {
            return null;
        }

        var columnCount = cells[0].Count;
        string? Role(int k, int count) => k == 0 ? "1" : k == count - 1 ? "n" : count == 4 && k == 1 ? "2" : null;
        bool IsEllipsis(string cell) => Ellipses.Contains(cell);

        // An ellipsis row or column (⋮ ⋱ ⋯ only) stands between the written ones.
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < columnCount; c++)
            {
                if ((Role(r, rowCount) is null || Role(c, columnCount) is null) && !IsEllipsis(cells[r][c].Text))
                {
                    return null;
                }
            }
        }

        var (topLeft, topRight) = (cells[0][0], cells[0][^1]);
        var (bottomLeft, bottomRight) = (cells[^1][0], cells[^1][^1]);
        if (new[] { topLeft, topRight, bottomLeft, bottomRight }.Any(x => IsEllipsis(x.Text) || x.Text.Length == 0))
        {
            return null;
        }

        var diagonal = topRight.Text == "0" && bottomLeft.Text == "0";
        var pattern = diagonal
            ? Places(topLeft, topLeft.Text, bottomRight.Text, bottomRight.Text, true)
            : Places(topLeft, topRight.Text, bottomLeft.Text, bottomRight.Text, false);
        if (pattern is null)
        {
            return null;
        }

        // Every other written cell: an ellipsis, or the pattern at its row and column (0 off a diagonal).
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < columnCount; c++)
            {
                var (row, column, text) = (Role(r, rowCount), Role(c, columnCount), cells[r][c].Text);
                if (row is null || column is null || IsEllipsis(text))
                {
                    continue;
                }

                var expected = diagonal && row != column ? "0" : Instance(pattern, row, column);
                if (Squeeze(text) != Squeeze(expected))
                {
                    return null;
                }
            }
        }

        return pattern;
    }

    /// <summary>The places of the row and column numbers: where the corners differ, the top-left has 1 and the others
    /// 1 or one size letter as a row or a column number would. A place must stand alone (no letter or digit beside it
    /// that is not a place), so that x_{12} … is not taken apart.</summary>
    private static MatrixPattern? Places((int Start, string Text) topLeft, string topRight, string bottomLeft, string bottomRight, bool diagonal)
    {
        var text = topLeft.Text;
        if (topRight.Length != text.Length || bottomLeft.Length != text.Length || bottomRight.Length != text.Length)
        {
            return null;
        }

        var (rows, columns) = (new HashSet<int>(), new HashSet<int>());
        string? size = null;
        for (var p = 0; p < text.Length; p++)
        {
            var (a, b, c, d) = (text[p], topRight[p], bottomLeft[p], bottomRight[p]);
            if (a == b && a == c && a == d)
            {
                continue;
            }

            if (a != '1' || !char.IsAsciiLetter(d) || (size ??= d.ToString()) != d.ToString())
            {
                return null;
            }

            if (b == '1' && c == d)
            {
                rows.Add(p);
            }
            else if (b == d && c == '1' && !diagonal)
            {
                columns.Add(p);
            }
            else
            {
                return null;
            }
        }

        if (size is null || rows.Count == 0 || (!diagonal && columns.Count == 0))
        {
            return null;
        }

        foreach (var p in rows.Concat(columns))
        {
            bool Place(int q) => rows.Contains(q) || columns.Contains(q);
            if ((p > 0 && !Place(p - 1) && (char.IsLetterOrDigit(text[p - 1]) || text[p - 1] == '\\'))
                || (p + 1 < text.Length && !Place(p + 1) && char.IsLetterOrDigit(text[p + 1])))
            {
                return null;
            }
        }

        return new MatrixPattern(topLeft.Start, text, rows, columns, size, diagonal);
    }

    /// <summary>The pattern's text at a row and a column ("1", "2" or "n" for the size letter).</summary>
    private static string Instance(MatrixPattern pattern, string row, string column)
    {
        var chars = pattern.Text.ToCharArray();
        foreach (var p in pattern.Row)
        {
            chars[p] = row == "n" ? pattern.Size[0] : row[0];
        }

        foreach (var p in pattern.Column)
        {
            chars[p] = column == "n" ? pattern.Size[0] : column[0];
        }

        return new string(chars);
    }

    private static string Squeeze(string text) => string.Concat(text.Where(ch => !char.IsWhiteSpace(ch)));
}
