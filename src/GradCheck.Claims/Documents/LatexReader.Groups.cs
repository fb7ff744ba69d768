// LatexReader: brackets and braced groups, their closers, and splitting a group at a separator.
using System.Globalization;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private SyntaxNode Bracketed(char closer)
    {
        var open = Current;
        _position++;
        var inner = Expression();
        if (!Current.Is(closer))
        {
            throw Current.Kind == LatexTokenKind.End
                ? new LatexReadException(open.Offset, $"unbalanced '{open.Text}': it is never closed")
                : new LatexReadException(Current.Offset, $"expected '{closer}' to close the '{open.Text}' at {Where(open)}, found '{Current.Source}'");
        }

        _position++;
        return inner;
    }

    private string Where(LatexToken token)
    {
        var (l, c) = At(token.Offset);
        return string.Create(CultureInfo.InvariantCulture, $"{l}:{c}");
    }

    private void Expect(char closer, LatexToken open)
    {
        if (!Current.Is(closer))
        {
            throw Current.Kind == LatexTokenKind.End
                ? new LatexReadException(open.Offset, $"unbalanced '{open.Source}': it is never closed")
                : new LatexReadException(Current.Offset, $"expected '{closer}' to close the '{open.Source}' at {Where(open)}, found '{Current.Source}'");
        }

        _position++;
    }

    private void ExpectCommand(string closer, LatexToken open)
    {
        if (!Current.IsCommand(closer))
        {
            throw Current.Kind == LatexTokenKind.End
                ? new LatexReadException(open.Offset, $"unbalanced '{open.Source}': it is never closed")
                : new LatexReadException(Current.Offset, $"expected '\\{closer}' to close the '{open.Source}' at {Where(open)}, found '{Current.Source}'");
        }

        _position++;
    }

    private static List<List<LatexToken>> Split(List<LatexToken> tokens, char separator)
    {
        var parts = new List<List<LatexToken>>();
        var current = new List<LatexToken>();
        var depth = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == LatexTokenKind.End)
            {
                break;
            }

            depth += token.Is('{') ? 1 : token.Is('}') ? -1 : 0;
            if (depth == 0 && token.Is(separator))
            {
                current.Add(new LatexToken(LatexTokenKind.End, "", token.Offset, false));
                parts.Add(current);
                current = [];
                continue;
            }

            current.Add(token);
        }

        current.Add(new LatexToken(LatexTokenKind.End, "", tokens[^1].Offset, false));
        parts.Add(current);
        return parts;
    }

    /// <summary>The tokens of a script or argument: a braced group, or one token (one command with its own group).</summary>
    private List<LatexToken> GroupTokens()
    {
        var t = Current;
        var result = new List<LatexToken>();
        if (t.Is('{'))
        {
            _position++;
            var depth = 1;
            while (true)
            {
                var u = Current;
                if (u.Kind == LatexTokenKind.End)
                {
                    throw new LatexReadException(t.Offset, "unbalanced '{': it is never closed");
                }

                if (u.Is('{'))
                {
                    depth++;
                }
                else if (u.Is('}') && --depth == 0)
                {
                    _position++;
                    break;
                }

                result.Add(u);
                _position++;
            }
        }
        else if (t.Kind == LatexTokenKind.End)
        {
            throw new LatexReadException(t.Offset, "a script or argument is missing at the end of the formula");
        }
        else
        {
            result.Add(t);
            _position++;
            if (t.Kind == LatexTokenKind.Command && (Accents.ContainsKey(t.Text) || t.Text is "text" or "mathrm" or "operatorname") && Current.Is('{'))
            {
                result.AddRange(GroupTokens().Prepend(new LatexToken(LatexTokenKind.Symbol, "{", t.Offset, false)).Where(x => x.Kind != LatexTokenKind.End));
                result.Add(new LatexToken(LatexTokenKind.Symbol, "}", t.Offset, false));
            }
        }

        var endOffset = result.Count > 0 ? result[^1].Offset : t.Offset;
        result.Add(new LatexToken(LatexTokenKind.End, "", endOffset, false));
        return result;
    }

    /// <summary>A braced group (or one token) read as an expression.</summary>
    private SyntaxNode Group(out LatexToken open)
    {
        open = Current;
        var tokens = GroupTokens();
        return Sub(tokens);
    }
}
