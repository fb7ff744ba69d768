// LatexReader: \sum and \prod with their subscripts and bounds, and index variable names.
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private SyntaxNode SumOrProduct()
    {
        var t = Current;
        _position++;
        var isSum = t.IsCommand("sum");
        List<LatexToken>? lower = null;
        List<LatexToken>? upper = null;
        for (var k = 0; k < 2; k++)
        {
            if (Current.Is('_') && lower is null)
            {
                _position++;
                lower = GroupTokens();
            }
            else if (Current.Is('^') && upper is null)
            {
                _position++;
                upper = GroupTokens();
            }
        }

        if (lower is null)
        {
            throw new LatexReadException(t.Offset, $"'\\{t.Text}' without its index (write \\{t.Text}_k or \\{t.Text}_{{k=1}}^{{K}})");
        }

        string? size = null;
        if (upper is not null)
        {
            size = upper switch
            {
                [{ Kind: LatexTokenKind.Letter } letter, { Kind: LatexTokenKind.End }] => letter.Text,
                _ => throw new LatexReadException(upper[0].Offset, $"the upper bound of '\\{t.Text}' must be a size such as K or n"),
            };
        }

        // The subscript: k, k=1, k', k \ne i, or k, j (several sums).
        var parts = Split(lower, ',');
        var indices = new List<(string Index, string? Excluded)>();
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var p = 0;
            var index = IndexName(part, ref p) ?? throw new LatexReadException(part[0].Offset, $"the index of '\\{t.Text}' must be a letter");
            string? excluded = null;
            if (part[p].Is('='))
            {
                p++;
                var q = p;
                var start = part[p].Kind == LatexTokenKind.Letter && isSum && parts.Count == 1 ? IndexName(part, ref q) : null;
                if (start is not null && start != index && part[q].Kind == LatexTokenKind.End)
                {
                    // \sum_{k'=k}^K: from the index k, as written (the terms k' < k are left out)
                    from[index] = start;
                    p = q;
                }
                else if (part[p] is not { Kind: LatexTokenKind.Number, Text: "1" } || part[p + 1].Kind != LatexTokenKind.End)
                {
                    throw new LatexReadException(part[p].Offset, $"'\\{t.Text}' from anything but 1 or an index is not read");
                }
                else
                {
                    p++;
                }
            }
            else if (part[p].IsCommand("ne") || part[p].IsCommand("neq"))
            {
                p++;
                excluded = IndexName(part, ref p) ?? throw new LatexReadException(part[p].Offset, "expected an index after '\\neq'");
            }

            if (part[p].Kind != LatexTokenKind.End)
            {
                throw new LatexReadException(part[p].Offset, $"the subscript of '\\{t.Text}' is not read (write k, k=1, k \\neq i)");
            }

            indices.Add((index, excluded));
        }

        foreach (var (index, excluded) in indices)
        {
            Info.AddIndex(index, size);
            if (excluded is not null)
            {
                Info.AddIndex(excluded, size);
            }
        }

        // The body: the product that follows, up to the next + or - at this level (its subscripts see the sums
        // around them: z_{k' \neq k} under \sum_{k' \neq k}).
        var outer = _sums;
        _sums = _sums.AddRange(indices);
        SyntaxNode body;
        try
        {
            body = Term();
        }
        finally
        {
            _sums = outer;
        }

        var (l, c) = At(t.Offset);
        for (var k = indices.Count - 1; k >= 0; k--)
        {
            var (index, excluded) = indices[k];
            if (excluded is not null)
            {
                // \sum_{k \ne i} f(k) = \sum_k (1 - \delta_{ki}) f(k)
                var delta = new DeltaSyntax(l, c, new SubscriptSyntax(l, c, index, 0), new SubscriptSyntax(l, c, excluded, 0));
                body = new BinarySyntax(l, c, '*', new BinarySyntax(l, c, '-', Number(l, c, 1), delta), body);
            }

            if (from.TryGetValue(index, out var start))
            {
                // Σ_{m=a}^K f(m) = Σ_m step(m − a + 1/2) f(m): exact on integers (step(x) = 1 for x > 0, else 0)
                Info.AddIndex(start, size);
                var at = new BinarySyntax(l, c, '+', new BinarySyntax(l, c, '-', new NameSyntax(l, c, index, []), new NameSyntax(l, c, start, [])),
                    new NumberSyntax(l, c, "1/2", 1, 2));
                body = new BinarySyntax(l, c, '*', new CallSyntax(l, c, "step", at), body);
            }

            body = isSum ? new IndexSumSyntax(l, c, index, body) : new IndexProductSyntax(l, c, index, body);
        }

        return body;
    }

    /// <summary>An index variable: one letter, optionally primed (<c>k'</c> is <c>kprime</c>), or a braced one.</summary>
    private static string? IndexName(List<LatexToken> tokens, ref int p)
    {
        if (tokens[p].Is('{'))
        {
            var q = p + 1;
            var inner = IndexName(tokens, ref q);
            if (inner is not null && tokens[q].Is('}'))
            {
                p = q + 1;
                return inner;
            }

            return null;
        }

        if (tokens[p].Kind != LatexTokenKind.Letter)
        {
            return null;
        }

        var name = tokens[p].Text;
        p++;
        while (tokens[p].Is('\'') || tokens[p].IsCommand("prime"))
        {
            name += "prime";
            p++;
        }

        return name;
    }
}
