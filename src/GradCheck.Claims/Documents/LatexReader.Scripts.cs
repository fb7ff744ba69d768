// LatexReader: subscripts, superscripts (powers, transposes, labels) and the names they make.
using System.Globalization;
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>Subscripts, superscripts and primes after a primary.</summary>
    private SyntaxNode Scripts(SyntaxNode node, LatexToken start)
    {
        while (true)
        {
            if (Current.Is('_'))
            {
                var underscore = Current;
                _position++;
                var group = GroupTokens();
                node = Subscript(node, group, underscore);
                continue;
            }

            if (Current.Is('^'))
            {
                var caret = Current;
                _position++;
                var group = GroupTokens();
                node = Superscript(node, group, caret);
                continue;
            }

            if ((Current.Is('\'') || Current.IsCommand("prime")) && node is NameSyntax { Subscripts.IsEmpty: true } primed
                && _context.Functions.TryGetValue(primed.Name + "'", out var primedDefinition))
            {
                // \Sigma'(z): a primed name an annotation defines as a function of its own (let Sigma'(u) = diag(…)), not
                // the derivative of a function Sigma
                _position++;
                return DefinedCall(primed.Name + "'", primedDefinition, start);
            }

            if (Current.Is('\'') || Current.IsCommand("prime"))
            {
                throw new LatexReadException(Current.Offset, $"a prime after '{SourceBetween(start.Offset, Current.Offset)}' is read only on a function (f'(z), \\sigma'(z))");
            }

            return node;
        }
    }

    private SyntaxNode Subscript(SyntaxNode node, List<LatexToken> group, LatexToken at)
    {
        if (node is not NameSyntax name)
        {
            if (node is CallSyntax or MatrixCallSyntax && SoftmaxEntry(node, group) is { } entry)
            {
                return entry;
            }

            if (GradientEntry(node, group) is { } gradientEntry)
            {
                return gradientEntry;
            }

            throw new LatexReadException(at.Offset, "a subscript on something that is not a name is not read");
        }

        if (name.Subscripts.Length > 0)
        {
            throw new LatexReadException(at.Offset, "a name with two subscripts is not read");
        }

        // Greek letters, words and styled text in a subscript are parts of the name (h_\theta, D_{BCE}).
        var subscripts = new List<SubscriptSyntax>();
        var suffix = new StringBuilder();
        var parts = Split(group, ',');
        foreach (var part in parts)
        {
            var p = 0;
            while (part[p].Kind != LatexTokenKind.End)
            {
                var token = part[p];
                var (l, c) = At(token.Offset);
                if (token.Kind == LatexTokenKind.Number)
                {
                    if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var literal) || literal > 10000)
                    {
                        throw new LatexReadException(token.Offset, $"the subscript '{token.Text}' is not an index");
                    }

                    subscripts.Add(new SubscriptSyntax(l, c, null, literal));
                    p++;
                }
                else if (token.Kind == LatexTokenKind.Letter)
                {
                    var index = ConditionedIndex(part, ref p, IndexName(part, ref p)!);
                    subscripts.Add(new SubscriptSyntax(l, c, index, 0));
                    Info.AddIndex(index, null);
                    Info.Owners.TryAdd(index, name.Name);
                }
                else if (token.Kind == LatexTokenKind.Command && (GreekNames.Contains(token.Text) || token.Text is "sigma" or "delta"))
                {
                    suffix.Append(token.Text);
                    p++;
                }
                else if (token.Kind == LatexTokenKind.Command && token.Text is "text" or "mathrm" or "textrm" or "mathit" or "operatorname")
                {
                    p++;
                    var q = p;
                    suffix.Append(BracedWord(part, ref q) ?? throw new LatexReadException(token.Offset, "a styled subscript must be a word"));
                    p = q;
                }
                else
                {
                    throw new LatexReadException(token.Offset, $"'{token.Source}' in a subscript is not read");
                }
            }
        }

        if (subscripts.Count > 0 && suffix.Length > 0)
        {
            throw new LatexReadException(at.Offset, "a subscript that mixes indices and words is not read");
        }

        if (suffix.Length > 0)
        {
            return Named(name with { Name = name.Name + suffix });
        }

        return name with { Subscripts = [.. subscripts] };
    }

    private static string? BracedWord(List<LatexToken> tokens, ref int p)
    {
        if (!tokens[p].Is('{'))
        {
            return null;
        }

        p++;
        var b = new StringBuilder();
        while (tokens[p].Kind is LatexTokenKind.Letter or LatexTokenKind.Number)
        {
            b.Append(tokens[p].Text);
            p++;
        }

        if (!tokens[p].Is('}') || b.Length == 0)
        {
            return null;
        }

        p++;
        return b.ToString();
    }

    private SyntaxNode Superscript(SyntaxNode node, List<LatexToken> group, LatexToken at)
    {
        // Transpose: ^T, ^{T}, ^\top, ^\intercal, ^\mathsf{T}.
        if (group is [{ Kind: LatexTokenKind.Letter, Text: "T" }, { Kind: LatexTokenKind.End }]
            || group is [{ Kind: LatexTokenKind.Command, Text: "top" or "intercal" or "T" }, { Kind: LatexTokenKind.End }]
            || group is [{ Kind: LatexTokenKind.Command, Text: "mathsf" or "mathrm" or "text" }, { Text: "{" }, { Text: "T" }, { Text: "}" }, { Kind: LatexTokenKind.End }])
        {
            return new TransposeSyntax(node.Line, node.Column, node);
        }

        // (x)^+ is relu(x).
        if (group is [{ Text: "+" }, { Kind: LatexTokenKind.End }])
        {
            return new CallSyntax(node.Line, node.Column, "relu", node);
        }

        if (node is NameSyntax name)
        {
            // A parenthesised superscript is a label: a^{(l)}, W^{(2)}; so is a declared one: z^L, w^{l+1}.
            if (group.Count >= 3 && group[0].Is('(') && group[^2].Is(')'))
            {
                var label = Mangle(group.Skip(1).Take(group.Count - 3), at);
                return Labelled(name, label);
            }

            var mangled = TryMangle(group);
            if (mangled is not null && _context.Labels.Contains(mangled))
            {
                return Labelled(name, mangled);
            }

            if (group is [{ Text: "*" or "\\ast" or "star" }, { Kind: LatexTokenKind.End }])
            {
                return Labelled(name, "star");
            }
        }

        var exponent = Sub(group);
        return new BinarySyntax(node.Line, node.Column, '^', node, exponent);
    }

    /// <summary>Reads a group of tokens (a script, a fraction's part) with this reader's nesting, merging what it finds.</summary>
    private SyntaxNode Sub(List<LatexToken> tokens)
    {
        var reader = new LatexReader(_document, tokens, _context, _nesting + 1) { _sums = _sums };
        if (_nesting + 1 > MaxNesting)
        {
            throw new LatexReadException(tokens[0].Offset, $"the formula is nested more than {MaxNesting} levels deep");
        }

        var node = reader.ReadWhole();
        Info.Add(reader.Info);
        return node;
    }

    private NameSyntax Labelled(NameSyntax name, string label)
    {
        // The label joins the name before its subscript: W^{(2)}_{j,k} is W2_{j,k}.
        return Named(name with { Name = name.Name + label });
    }

    private NameSyntax Named(NameSyntax name)
    {
        Info.Symbols.Add(name.Name);
        return name;
    }

    private static string? TryMangle(List<LatexToken> group)
    {
        var b = new StringBuilder();
        foreach (var t in group)
        {
            if (t.Kind == LatexTokenKind.End)
            {
                break;
            }

            switch (t.Kind)
            {
                case LatexTokenKind.Letter or LatexTokenKind.Number:
                    b.Append(t.Text);
                    break;
                case LatexTokenKind.Symbol when t.Text is "+":
                    b.Append('p');
                    break;
                case LatexTokenKind.Symbol when t.Text is "-":
                    b.Append('m');
                    break;
                case LatexTokenKind.Symbol when t.Text is "{" or "}":
                    break;
                default:
                    return null;
            }
        }

        return b.Length == 0 ? null : b.ToString();
    }

    private static string Mangle(IEnumerable<LatexToken> tokens, LatexToken at)
    {
        var list = tokens.ToList();
        list.Add(new LatexToken(LatexTokenKind.End, "", at.Offset, false));
        return TryMangle(list) ?? throw new LatexReadException(at.Offset, "a label must be letters, digits, + and -");
    }

    /// <summary>The label form of a superscript (<c>l+1</c> is <c>lp1</c>), for annotations' <c>label</c> lines.</summary>
    public static string MangleLabel(string text)
    {
        var b = new StringBuilder();
        foreach (var ch in text)
        {
            b.Append(ch switch { '+' => "p", '-' => "m", _ => char.IsLetterOrDigit(ch) ? ch.ToString() : "" });
        }

        return b.ToString();
    }
}
