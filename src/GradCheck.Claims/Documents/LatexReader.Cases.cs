// LatexReader: \begin{cases} E_1 & \text{if } A > B \\ E_2 & \text{if } A \leq B \end{cases} (or "otherwise"), read
// exactly as E_1·[A > B] + E_2·(1 − [A > B]) with the step function (step(x) = 1 for x > 0, 0 for x ≤ 0).
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private static readonly Dictionary<string, string> Inequalities = new(StringComparer.Ordinal)
    {
        [">"] = ">", ["<"] = "<", [@"\gt"] = ">", [@"\lt"] = "<", [@"\geq"] = "≥", [@"\ge"] = "≥", [@"\geqslant"] = "≥",
        [@"\leq"] = "≤", [@"\le"] = "≤", [@"\leqslant"] = "≤",
    };

    private static readonly Dictionary<string, string> Complements = new(StringComparer.Ordinal)
    {
        [">"] = "≤", ["≤"] = ">", ["<"] = "≥", ["≥"] = "<",
    };

    /// <summary>Reads <c>\begin{cases}</c> (the reader stands after <c>\begin{cases}</c>): two cases whose conditions
    /// are an inequality and its complement (the same sides, <c>&gt;</c> and <c>\leq</c>, or <c>&lt;</c> and
    /// <c>\geq</c>), or an inequality and "otherwise". That is exactly E_1·step(A − B) + E_2·(1 − step(A − B)) for
    /// <c>A &gt; B</c> (step(B − A) for <c>A &lt; B</c>; 1 − step for the non-strict ones). Anything else (an '='
    /// condition, more cases, conditions that do not cover every value once) is not read, with the reason.</summary>
    private BinarySyntax CasesEnvironment(LatexToken begin)
    {
        var (rows, end) = MatrixRows(begin, "cases");
        if (rows.Count == 0 || rows[0].Count == 0)
        {
            throw new LatexReadException(begin.Offset, "an empty '\\begin{cases}' is not read");
        }

        var cells = Cells(rows[0][0].Offset, end.Offset);
        if (cells.Count != 2 || cells.Any(r => r.Count != 2))
        {
            throw new LatexReadException(begin.Offset, "'\\begin{cases}' is read only with two cases, each 'value & condition'");
        }

        var first = Condition(cells[0][1]);
        var second = Condition(cells[1][1]);
        if (first is null)
        {
            throw new LatexReadException(cells[0][1].Start, "a case whose condition is not an inequality (A > B, A \\leq B) is not read");
        }

        if (second is not null && (Complements[first.Value.Relation] != second.Value.Relation
            || Squeeze(first.Value.Left) != Squeeze(second.Value.Left) || Squeeze(first.Value.Right) != Squeeze(second.Value.Right)))
        {
            throw new LatexReadException(cells[1][1].Start, "the second case's condition is not the complement of the first's (write A > B and A \\leq B, or 'otherwise')");
        }

        var (l, c) = At(begin.Offset);
        var (left, right) = (CellExpression(first.Value.LeftStart, first.Value.Left), CellExpression(first.Value.RightStart, first.Value.Right));
        var difference = first.Value.Relation is ">" or "≤" ? new BinarySyntax(l, c, '-', left, right) : new BinarySyntax(l, c, '-', right, left);
        SyntaxNode indicator = new CallSyntax(l, c, "step", difference);
        if (first.Value.Relation is "≤" or "≥")
        {
            indicator = new BinarySyntax(l, c, '-', Number(l, c, 1), indicator);
        }

        var (e1, e2) = (CellExpression(cells[0][0].Start, cells[0][0].Text), CellExpression(cells[1][0].Start, cells[1][0].Text));
        return new BinarySyntax(l, c, '+', new BinarySyntax(l, c, '*', e1, indicator),
            new BinarySyntax(l, c, '*', e2, new BinarySyntax(l, c, '-', Number(l, c, 1), indicator)));
    }

    /// <summary>A case's condition: <c>[\text{if }] A rel B</c> with one inequality, or null for "otherwise"; a
    /// condition of another form is not read.</summary>
    private static (string Relation, int LeftStart, string Left, int RightStart, string Right)? Condition((int Start, string Text) cell)
    {
        var text = cell.Text;
        var start = cell.Start;
        var words = System.Text.RegularExpressions.Regex.Match(text, @"^\\(?:text|mbox|textrm|mathrm)\{\s*([A-Za-z ]*?)\s*\}\s*");
        if (words.Success && words.Groups[1].Value is "otherwise" or "else" or "if otherwise")
        {
            if (words.Length != text.Length)
            {
                throw new LatexReadException(start, "a case 'otherwise' followed by more is not read");
            }

            return null;
        }

        if (words.Success && words.Groups[1].Value is "if" or "for" or "when")
        {
            (text, start) = (text[words.Length..], start + words.Length);
        }

        text = text.TrimEnd(',', '.', ' ');
        var found = System.Text.RegularExpressions.Regex.Matches(text, @"\\(?:geqslant|leqslant|geq|leq|ge|le|gt|lt)(?![A-Za-z])|[<>]|\\(?:neq|ne)(?![A-Za-z])|=");
        if (found.Count != 1 || !Inequalities.TryGetValue(found[0].Value, out var relation))
        {
            throw new LatexReadException(start, found.Count == 1 && found[0].Value == "="
                ? "a case whose condition is '=' is not read (it holds on one value only)"
                : "a case whose condition is not one inequality (A > B, A \\leq B) is not read");
        }

        var at = found[0].Index;
        var left = text[..at].Trim();
        var right = text[(at + found[0].Length)..].Trim();
        if (left.Length == 0 || right.Length == 0)
        {
            throw new LatexReadException(start, "a case's condition needs both sides of its inequality");
        }

        return (relation, start + text.IndexOf(left, StringComparison.Ordinal), left, start + at + found[0].Length + text[(at + found[0].Length)..].IndexOf(right, StringComparison.Ordinal), right);
    }

    /// <summary>The expression written in a cell (a trailing ',' or '.' dropped).</summary>
    private SyntaxNode CellExpression(int start, string text)
    {
        var trimmed = text.TrimEnd(',', '.', ' ');
        if (trimmed.Length == 0)
        {
            throw new LatexReadException(start, "an empty case is not read");
        }

        return Sub(LatexLexer.Tokenize(_document.Text, start, start + trimmed.Length));
    }
}
