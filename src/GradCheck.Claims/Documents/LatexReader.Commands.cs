// LatexReader: backslash commands (\frac, \sqrt, norms, accents, Greek letters, environments, …).
using System.Globalization;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    private SyntaxNode Command()
    {
        var t = Current;
        var (l, c) = At(t.Offset);
        var name = t.Text;
        switch (name)
        {
            case "frac" or "dfrac" or "tfrac" or "cfrac":
                _position++;
                return Fraction(t);
            case "partial":
                throw new LatexReadException(t.Offset, "'\\partial' outside a fraction is not read (write \\frac{\\partial f}{\\partial x})");
            case "sqrt":
                {
                    _position++;
                    if (Current.Is('['))
                    {
                        throw new LatexReadException(t.Offset, "'\\sqrt[n]' is not read");
                    }

                    return new CallSyntax(l, c, "sqrt", Group(out _));
                }

            case "exp" or "log" or "ln" or "tanh" or "sigma":
                _position++;
                return FunctionCall(ScalarFunctions[name], t);
            case "operatorname" or "mathrm" or "text" or "textrm" or "textit" or "mathit" or "mathsf" or "rm":
                {
                    _position++;
                    var word = Word(GroupTokens(), t);
                    return WordCommand(word, t);
                }

            case "delta":
                {
                    _position++;
                    if (Current.Is('_'))
                    {
                        var save = _position;
                        _position++;
                        var group = GroupTokens();
                        if (KroneckerIndices(group) is { } pair)
                        {
                            Info.AddIndex(pair.Left.Variable ?? "", null);
                            Info.AddIndex(pair.Right.Variable ?? "", null);
                            Info.Indices.Remove("");
                            return new DeltaSyntax(l, c, pair.Left, pair.Right);
                        }

                        _position = save;
                    }

                    return Named(new NameSyntax(l, c, "δ", [])); // "delta" is the claims syntax's Kronecker delta
                }

            case "{":
                {
                    _position++;
                    var inner = Expression();
                    ExpectCommand("}", t);
                    return inner;
                }

            case "|" or "lVert" or "Vert":
                {
                    _position++;
                    _bars++;
                    var inner = Expression();
                    _bars--;
                    if (!(Current.IsCommand("|") || Current.IsCommand("rVert") || Current.IsCommand("Vert")))
                    {
                        throw new LatexReadException(Current.Kind == LatexTokenKind.End ? t.Offset : Current.Offset, "unbalanced '\\|': it is never closed");
                    }

                    _position++;
                    SyntaxNode norm = new MatrixCallSyntax(l, c, "norm", [inner]);
                    if (Current.Is('_'))
                    {
                        // \|w\|_2 is the Euclidean norm.
                        _position++;
                        var sub = GroupTokens();
                        if (sub is not [{ Text: "2" }, { Kind: LatexTokenKind.End }])
                        {
                            throw new LatexReadException(sub[0].Offset, "only the 2-norm (\\|w\\|_2) is read");
                        }
                    }

                    return norm;
                }

            case "lvert":
                {
                    _position++;
                    var inner = Expression();
                    ExpectCommand("rvert", t);
                    return new CallSyntax(l, c, "abs", inner);
                }

            case "lbrack" or "lparen":
                {
                    _position++;
                    var inner = Expression();
                    ExpectCommand(name == "lbrack" ? "rbrack" : "rparen", t);
                    return inner;
                }

            case "nabla":
                throw new LatexReadException(t.Offset, "'\\nabla' is read only as \\nabla_w f");
            case "dots" or "cdots" or "ldots" or "vdots" or "ddots":
                throw new LatexReadException(t.Offset, $"'\\{name}' (an elided pattern) is not read");
            case "begin":
                {
                    var environment = EnvironmentName();
                    if (environment is "bmatrix" or "pmatrix" or "matrix" or "vmatrix" or "array")
                    {
                        return MatrixEnvironment(t, environment);
                    }

                    if (environment == "cases")
                    {
                        return CasesEnvironment(t);
                    }

                    throw new LatexReadException(t.Offset, $"'\\begin{{{environment}}}' is not read");
                }

            case "infty":
                throw new LatexReadException(t.Offset, "'\\infty' is not read");
            case "mathbb":
                throw new LatexReadException(t.Offset, (Peek(1).Is('{') && Peek(2).Text == "E" && Peek(3).Is('}')) || Peek(1).Text == "E"
                    ? "'\\mathbb{E}' (an expectation) is not read"
                    : "'\\mathbb' (a set) is not read");
            case "underbrace" or "overbrace":
                {
                    _position++;
                    var inner = Group(out _);
                    if (Current.Is('_') || Current.Is('^'))
                    {
                        _position++;
                        GroupTokens();
                    }

                    return inner;
                }

            case "tag":
                throw new LatexReadException(t.Offset, "'\\tag' in the middle of a formula is not read");
        }

        if (Accents.TryGetValue(name, out var accent))
        {
            _position++;
            var inner = Group(out var open);
            if (inner is not NameSyntax inside)
            {
                if (accent.Length == 0)
                {
                    return inner; // \mathbf{Wx}, \underline{x_i}: a style around an expression
                }

                throw new LatexReadException(open.Offset, $"'\\{name}' over something that is not a name is not read");
            }

            return Named(inside with { Line = l, Column = c, Name = inside.Name + accent });
        }

        if (GreekNames.Contains(name))
        {
            _position++;
            return Named(new NameSyntax(l, c, name, []));
        }

        throw new LatexReadException(t.Offset, IsRelation(t)
            ? $"'\\{name}' is not read (only '=' is checked)"
            : $"unknown macro '\\{name}'");
    }

    private string EnvironmentName()
    {
        _position++;
        var group = GroupTokens();
        return string.Concat(group.TakeWhile(t => t.Kind != LatexTokenKind.End).Select(t => t.Text));
    }

    private static (SubscriptSyntax Left, SubscriptSyntax Right)? KroneckerIndices(List<LatexToken> group)
    {
        var entries = group.Where(t => t.Kind != LatexTokenKind.End && !t.Is(',')).ToList();
        if (entries.Count == 2 && entries.All(e => e.Kind is LatexTokenKind.Letter or LatexTokenKind.Number))
        {
            return (Entry(entries[0]), Entry(entries[1]));
        }

        return null;

        static SubscriptSyntax Entry(LatexToken t) => t.Kind == LatexTokenKind.Letter
            ? new SubscriptSyntax(0, 0, t.Text, 0)
            : new SubscriptSyntax(0, 0, null, int.Parse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
