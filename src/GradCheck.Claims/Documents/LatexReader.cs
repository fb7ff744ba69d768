using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>A function a document defines by <c>f(x) = …</c> (or an annotation by <c>let f(x, y) = …</c>): its parameters
/// and body, substituted at each call.</summary>
/// <param name="Parameters">The parameters as written (<c>x</c>, <c>x_i</c>), one or more.</param>
/// <param name="Body">The body.</param>
internal sealed record FunctionDefinition(ImmutableArray<NameSyntax> Parameters, SyntaxNode Body)
{
    /// <summary>A function of one parameter.</summary>
    public FunctionDefinition(NameSyntax parameter, SyntaxNode body)
        : this([parameter], body)
    {
    }
}

/// <summary>What the reader knows of the document around an equation: names defined or declared before it,
/// functions, superscripts declared as labels. Supplied by the document checker.</summary>
internal sealed class ReaderContext
{
    /// <summary>Names defined by <c>let</c> (document definitions and annotations) or declared as vectors and matrices.</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Functions defined by <c>f(x) = …</c>.</summary>
    public Dictionary<string, FunctionDefinition> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>Superscripts that are parts of names (<c>label l, L</c>), in their mangled form (<c>l</c>, <c>lp1</c>).</summary>
    public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>A counter for fresh bound indices (<c>@k1</c>, <c>@k2</c>, …), shared by every reader of one document.</summary>
    public int Fresh { get; set; }
}

/// <summary>What reading one side found besides its syntax: the index variables it uses (with the size bounding each,
/// when a <c>\sum</c> says) and the sizes it names.</summary>
internal sealed class ReadInfo
{
    /// <summary>Index variable → the size that bounds it (null when nothing says).</summary>
    public Dictionary<string, string?> Indices { get; } = new(StringComparer.Ordinal);

    /// <summary>Names the side uses as symbols (without subscripts).</summary>
    public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);

    /// <summary>Index variable → the first name it is a subscript of (its range is that vector's size when declared).</summary>
    public Dictionary<string, string> Owners { get; } = new(StringComparer.Ordinal);

    /// <summary>Fresh bound indices (<c>@k1</c>) and the index whose range each shares.</summary>
    public Dictionary<string, string> Partners { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds an index, keeping a known bound.</summary>
    public void AddIndex(string name, string? size)
    {
        if (!Indices.TryGetValue(name, out var known) || known is null)
        {
            Indices[name] = size;
        }
    }

    /// <summary>Merges another side's findings.</summary>
    public void Add(ReadInfo other)
    {
        foreach (var (name, size) in other.Indices)
        {
            AddIndex(name, size);
        }

        Symbols.UnionWith(other.Symbols);
        foreach (var (index, owner) in other.Owners)
        {
            Owners.TryAdd(index, owner);
        }

        foreach (var (fresh, partner) in other.Partners)
        {
            Partners[fresh] = partner;
        }
    }
}

/// <summary>
/// Reads the LaTeX subset of documents-format.md into the claims syntax tree (<see cref="SyntaxNode"/>), with every
/// node's position mapped to the document's line and column. Reading rules: juxtaposition is multiplication;
/// <c>\sum</c>/<c>\prod</c> and a derivative operator take the product that follows, up to the next <c>+</c> or
/// <c>-</c> at the same bracket level; a function name without parentheses applies to the factor that follows;
/// superscripts are powers except transposes, parenthesised labels and declared labels; accents and styles are
/// parts of names. Anything else is a <see cref="LatexReadException"/> with the offending offset.
/// </summary>
internal sealed class LatexReader
{
    /// <summary>The deepest nesting read (brackets, fractions, scripts) before giving up rather than risking the stack.</summary>
    public const int MaxNesting = 150;

    private static readonly HashSet<string> GreekNames =
    [
        "alpha", "beta", "gamma", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "varrho", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
        "Xi", "Pi", "Phi", "Psi", "Omega", "Sigma", "Upsilon", "ell",
    ];

    private static readonly Dictionary<string, string> ScalarFunctions = new(StringComparer.Ordinal)
    {
        ["exp"] = "exp", ["log"] = "ln", ["ln"] = "ln", ["tanh"] = "tanh", ["sigma"] = "sigmoid", ["sigmoid"] = "sigmoid",
        ["relu"] = "relu", ["ReLU"] = "relu", ["Relu"] = "relu", ["softplus"] = "softplus", ["sign"] = "sign", ["sgn"] = "sign",
        ["step"] = "step", ["abs"] = "abs", ["sqrt"] = "sqrt",
    };

    private static readonly HashSet<string> MatrixFunctions = new(StringComparer.Ordinal) { "softmax", "logsumexp", "diag", "trace", "tr" };

    private static readonly Dictionary<string, string> Accents = new(StringComparer.Ordinal)
    {
        ["hat"] = "hat", ["widehat"] = "hat", ["tilde"] = "tilde", ["widetilde"] = "tilde", ["bar"] = "bar", ["overline"] = "bar",
        ["vec"] = "", ["mathbf"] = "", ["boldsymbol"] = "", ["bm"] = "", ["mathbfit"] = "", ["mathit"] = "", ["mathrm"] = "",
        ["mathsf"] = "", ["textbf"] = "", ["underline"] = "", ["dot"] = "dot", ["ddot"] = "ddot", ["check"] = "check",
        ["breve"] = "breve", ["mathcal"] = "cal", ["mathscr"] = "scr", ["mathfrak"] = "frak",
    };

    private static readonly HashSet<string> Relations =
    [
        "ne", "neq", "le", "leq", "ge", "geq", "leqslant", "geqslant", "approx", "sim", "simeq", "propto", "in", "notin", "to",
        "rightarrow", "Rightarrow", "leftarrow", "Leftarrow", "gets", "leftrightarrow", "Leftrightarrow", "iff", "implies",
        "mapsto", "subset", "subseteq", "forall", "exists", "cong", "equiv", "triangleq", "coloneqq", "doteq", "models",
        "longrightarrow", "Longrightarrow", "ll", "gg", "prec", "succ",
    ];

    private readonly DocumentText _document;
    private readonly List<LatexToken> _tokens;
    private readonly ReaderContext _context;
    private int _position;
    private int _nesting;

    private LatexReader(DocumentText document, List<LatexToken> tokens, ReaderContext context, int nesting)
    {
        _document = document;
        _tokens = tokens;
        _context = context;
        _nesting = nesting;
    }

    /// <summary>What the last read found (indices, sizes, symbols).</summary>
    public ReadInfo Info { get; } = new();

    /// <summary>The commands that end a formula's chain when they stand between its sides (<c>\geq</c>, <c>\in</c>, …).</summary>
    public static bool IsRelation(LatexToken token) =>
        (token.Kind == LatexTokenKind.Command && Relations.Contains(token.Text)) || token.Is('<') || token.Is('>');

    /// <summary>Reads the tokens between two document offsets as one expression.</summary>
    /// <exception cref="LatexReadException">The LaTeX is outside the subset, with where and why.</exception>
    public static (SyntaxNode Node, ReadInfo Info) Read(DocumentText document, int start, int end, ReaderContext context)
    {
        var tokens = LatexLexer.Tokenize(document.Text, start, end);
        var reader = new LatexReader(document, tokens, context, 0);
        var node = reader.ReadWhole();
        if (Leftover(node) is { } leftover)
        {
            throw new LatexReadException(start, leftover);
        }

        // A long run of terms (x + x + … + x) nests without brackets; past the claims parser's limit, the checks that
        // walk the tree recursively would overflow the stack, so it is refused here as a .claims file would refuse it.
        if (Depth(node) > ExpressionParser.MaxTreeDepth)
        {
            throw new LatexReadException(start, string.Create(CultureInfo.InvariantCulture,
                $"the formula is too deep (more than {ExpressionParser.MaxTreeDepth} nested operations); split it into several equations"));
        }

        return (node, reader.Info);
    }

    /// <summary>The depth of the tree, walked without recursion (it is checked because it may be too deep to recurse on).</summary>
    private static int Depth(SyntaxNode root)
    {
        var deepest = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            if (depth > ExpressionParser.MaxTreeDepth)
            {
                break;
            }

            foreach (var child in GradCheck.Symbolic.Corrections.SyntaxTree.Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }

    private LatexToken Current => _tokens[_position];

    private LatexToken Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private SyntaxNode ReadWhole()
    {
        // A trailing '.' or ',' ends nothing (documents-format.md).
        var last = _tokens.Count - 2;
        while (last >= 0 && (_tokens[last].Is('.') || _tokens[last].Is(',')))
        {
            _tokens.RemoveAt(last);
            last--;
        }

        if (Current.Kind == LatexTokenKind.End)
        {
            throw new LatexReadException(Current.Offset, "an empty side");
        }

        var node = Expression();
        if (Current.Kind != LatexTokenKind.End)
        {
            throw Unexpected(Current);
        }

        return node;
    }

    private static LatexReadException Unexpected(LatexToken token) => token switch
    {
        { Kind: LatexTokenKind.End } => new LatexReadException(token.Offset, "the formula ends too early"),
        _ when token.Is('}') || token.Is(')') || token.Is(']') => new LatexReadException(token.Offset, $"unbalanced '{token.Text}'"),
        _ when IsRelation(token) => new LatexReadException(token.Offset, $"'{token.Source}' is not read (only '=' is checked)"),
        _ => new LatexReadException(token.Offset, $"'{token.Source}' is not read here"),
    };

    private (int Line, int Column) At(int offset) => _document.Position(offset);

    private void Enter(LatexToken at)
    {
        if (++_nesting > MaxNesting)
        {
            throw new LatexReadException(at.Offset, $"the formula is nested more than {MaxNesting} levels deep");
        }
    }

    // ---- expression := ['+'|'-'] term (('+'|'-') term)*
    private SyntaxNode Expression()
    {
        var start = Current;
        Enter(start);
        try
        {
            SyntaxNode left;
            if (start.Is('-') || start.Is('+'))
            {
                _position++;
                var operand = Term();
                var (l, c) = At(start.Offset);
                left = start.Is('-') ? new UnarySyntax(l, c, '-', operand) : operand;
            }
            else
            {
                left = Term();
            }

            while (Current.Is('+') || Current.Is('-') || Current.IsCommand("pm"))
            {
                var op = Current;
                if (op.IsCommand("pm"))
                {
                    throw new LatexReadException(op.Offset, "'\\pm' is not read");
                }

                _position++;
                var right = Term();
                left = new BinarySyntax(left.Line, left.Column, op.Is('+') ? '+' : '-', left, right);
            }

            return left;
        }
        finally
        {
            _nesting--;
        }
    }

    private int _bars;

    private bool EndsTerm(LatexToken t) =>
        t.Kind == LatexTokenKind.End || t.Is('+') || t.Is('-') || t.Is('=') || t.Is(')') || t.Is(']') || t.Is('}') || (t.Is('|') && _bars > 0)
        || t.Is(',') || t.Is(';') || t.IsCommand("}") || (t.IsCommand("|") && _bars > 0) || t.IsCommand("rVert") || t.IsCommand("rvert")
        || t.IsCommand("\\") || t.IsCommand("pm") || t.IsCommand("tag") || IsRelation(t) || t.IsCommand("rangle");

    // ---- term := factor ((explicit op | juxtaposition) factor)*; \sum, \prod and derivative operators take the rest
    private SyntaxNode Term()
    {
        var first = Current;
        Enter(first);
        try
        {
            if (first.Is('-') || first.Is('+'))
            {
                // a sign inside a product (x \cdot -y) or right after an operator
                _position++;
                var operand = Term();
                var (l, c) = At(first.Offset);
                return first.Is('-') ? new UnarySyntax(l, c, '-', operand) : operand;
            }

            if (EndsTerm(first))
            {
                throw Unexpected(first);
            }

            var left = FactorOrBinder();
            while (!EndsTerm(Current))
            {
                var op = Current;
                if (op.IsCommand("cdot") || op.IsCommand("times") || op.Is('*') || op.IsCommand("ast"))
                {
                    _position++;
                    left = new BinarySyntax(left.Line, left.Column, '*', left, FactorOrBinderOrSigned());
                }
                else if (op.Is('/') || op.IsCommand("div"))
                {
                    _position++;
                    left = new BinarySyntax(left.Line, left.Column, '/', left, FactorOrBinderOrSigned());
                }
                else if (op.IsCommand("odot") || op.IsCommand("circ"))
                {
                    _position++;
                    left = new EntrywiseSyntax(left.Line, left.Column, '*', left, FactorOrBinderOrSigned());
                }
                else
                {
                    left = new BinarySyntax(left.Line, left.Column, '*', left, FactorOrBinder());
                }
            }

            return left;
        }
        finally
        {
            _nesting--;
        }
    }

    private SyntaxNode FactorOrBinderOrSigned()
    {
        var t = Current;
        if (t.Is('-'))
        {
            _position++;
            var (l, c) = At(t.Offset);
            return new UnarySyntax(l, c, '-', FactorOrBinder());
        }

        return FactorOrBinder();
    }

    /// <summary>A factor, or a binder (<c>\sum</c>, <c>\prod</c>, a derivative operator) that takes the rest of the term.</summary>
    private SyntaxNode FactorOrBinder()
    {
        var t = Current;
        if (t.IsCommand("sum") || t.IsCommand("prod"))
        {
            return SumOrProduct();
        }

        if (t.IsCommand("nabla"))
        {
            _position++;
            if (!Current.Is('_'))
            {
                throw new LatexReadException(t.Offset, "'\\nabla' without a subscript (write \\nabla_w f) is not read");
            }

            _position++;
            var variable = Group(out _) as NameSyntax
                ?? throw new LatexReadException(t.Offset, "'\\nabla' with respect to something that is not a symbol");
            return ApplyOperator(t, [variable]);
        }

        var factor = Factor();
        if (factor is OperatorMark mark)
        {
            return ApplyOperator(mark.Token, mark.Variables);
        }

        return factor;
    }

    private DerivativeSyntax ApplyOperator(LatexToken at, ImmutableArray<NameSyntax> variables)
    {
        // An operator followed by a sign differentiates the rest of the side (\frac{\partial}{\partial a} - \frac{1}{n}\sum …);
        // otherwise the product that follows it.
        SyntaxNode body = Current.Is('-') || Current.Is('+') ? Expression() : Term();
        var (l, c) = At(at.Offset);
        return new DerivativeSyntax(l, c, body, variables);
    }

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
        foreach (var part in parts)
        {
            var p = 0;
            var index = IndexName(part, ref p) ?? throw new LatexReadException(part[0].Offset, $"the index of '\\{t.Text}' must be a letter");
            string? excluded = null;
            if (part[p].Is('='))
            {
                p++;
                if (part[p] is not { Kind: LatexTokenKind.Number, Text: "1" } || part[p + 1].Kind != LatexTokenKind.End)
                {
                    throw new LatexReadException(part[p].Offset, $"'\\{t.Text}' from anything but 1 is not read");
                }

                p++;
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

        // The body: the product that follows, up to the next + or - at this level.
        SyntaxNode body = Term();
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

            body = isSum ? new IndexSumSyntax(l, c, index, body) : new IndexProductSyntax(l, c, index, body);
        }

        return body;
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

    // ---- factor := primary with its scripts
    private SyntaxNode Factor()
    {
        var t = Current;
        Enter(t);
        try
        {
            var primary = Primary();
            if (primary is OperatorMark)
            {
                return primary;
            }

            var node = Scripts(primary, t);
            if (node is NameSyntax bare && !Current.Is('(') && !Current.Is('\'') && _context.Functions.TryGetValue(bare.Name, out var standing)
                && primary is NameSyntax)
            {
                // a defined function named without arguments stands for f(x) at its own parameter (\partial C^n / \partial f)
                return standing.Body;
            }

            if (node is NameSyntax name && Current.Is('('))
            {
                if (_context.Functions.TryGetValue(name.Name, out var definition) && primary is NameSyntax)
                {
                    return DefinedCall(name.Name, definition, t);
                }

                if (_context.Names.Contains(name.Name) && IsSignature())
                {
                    // J(\theta), C^n(w): a defined name written with its arguments means the name itself.
                    SkipGroup();
                }
                else if (IsFunctionLetter(name.Name[..1]) && !GreekNames.Contains(name.Name) && IsSignature())
                {
                    throw new LatexReadException(t.Offset, $"{SourceBetween(t.Offset, Current.Offset).Trim()}(…) is not defined (a function this document does not define)");
                }
            }

            return node;
        }
        finally
        {
            _nesting--;
        }
    }

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
                    var index = IndexName(part, ref p)!;
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
        var reader = new LatexReader(_document, tokens, _context, _nesting + 1);
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

    // ---- primary
    private SyntaxNode Primary()
    {
        var t = Current;
        var (l, c) = At(t.Offset);
        switch (t.Kind)
        {
            case LatexTokenKind.Number:
                _position++;
                return ParseNumber(t, l, c);
            case LatexTokenKind.Letter:
                return Letters();
            case LatexTokenKind.Symbol when t.Is('('):
                return Bracketed(')');
            case LatexTokenKind.Symbol when t.Is('['):
                return Bracketed(']');
            case LatexTokenKind.Symbol when t.Is('{'):
                return Bracketed('}');
            case LatexTokenKind.Symbol when t.Is('|'):
                {
                    _position++;
                    _bars++;
                    var inner = Expression();
                    _bars--;
                    Expect('|', t);
                    return new CallSyntax(l, c, "abs", inner);
                }

            case LatexTokenKind.Command:
                return Command();
            case LatexTokenKind.End:
                throw new LatexReadException(t.Offset, "the formula ends too early");
            default:
                throw new LatexReadException(t.Offset, t.Text.Length == 1 && char.IsControl(t.Text[0])
                    ? "a control character is not LaTeX"
                    : $"'{t.Text}' is not read here");
        }
    }

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

    private static NumberSyntax ParseNumber(LatexToken t, int l, int c)
    {
        var text = t.Text;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (text.Length > 300)
        {
            throw new LatexReadException(t.Offset, "a number of more than 300 digits");
        }

        var digits = point < 0 ? text : text.Remove(point, 1);
        var numerator = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var denominator = point < 0 ? BigInteger.One : BigInteger.Pow(10, text.Length - point - 1);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        return new NumberSyntax(l, c, text.StartsWith('.') ? "0" + text : text, numerator, denominator);
    }

    private static NumberSyntax Number(int l, int c, int value) => new(l, c, value.ToString(CultureInfo.InvariantCulture), value, 1);

    /// <summary>A run of letters: a defined name or function name when the whole run is one, else its first letter.</summary>
    private SyntaxNode Letters()
    {
        var start = _position;
        var end = start + 1;
        while (_tokens[end].Kind == LatexTokenKind.Letter && !_tokens[end].SpaceBefore)
        {
            end++;
        }

        // The longest run that names something wins (Wx is W·x, softmax is softmax, yhat is yhat).
        for (var stop = end; stop > start + 1; stop--)
        {
            var word = string.Concat(_tokens.Skip(start).Take(stop - start).Select(t => t.Text));
            if (_context.Names.Contains(word) || _context.Functions.ContainsKey(word) || ScalarFunctions.ContainsKey(word) || MatrixFunctions.Contains(word))
            {
                _position = stop;
                return Word(word, _tokens[start]);
            }
        }

        var t = _tokens[start];
        if (end - start > 1 && _tokens[end].Is('('))
        {
            var word = string.Concat(_tokens.Skip(start).Take(end - start).Select(x => x.Text));
            throw new LatexReadException(t.Offset, $"{word}(…) is not defined (a function this document does not define)");
        }

        _position = start + 1;
        return Word(t.Text, t);
    }

    /// <summary>A name, function or the constant e, from its word.</summary>
    private SyntaxNode Word(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        if (word == "e" && Current.Is('^') && !_context.Names.Contains("e"))
        {
            // e^{x} is exp(x)
            _position++;
            var group = GroupTokens();
            var exponent = Sub(group);
            return new CallSyntax(l, c, "exp", exponent);
        }

        if (ScalarFunctions.TryGetValue(word, out var function))
        {
            return FunctionCall(function, at);
        }

        if (MatrixFunctions.Contains(word))
        {
            return MatrixFunction(word, at);
        }

        if (_context.Functions.TryGetValue(word, out var definition) && (Current.Is('(') || Current.Is('\'') || Current.IsCommand("prime")))
        {
            return DefinedCall(word, definition, at);
        }

        if (word == "E" && !_context.Names.Contains(word) && IsAppliedToWhatFollows())
        {
            throw new LatexReadException(at.Offset, "'E' applied to what follows (E[…], E_{x,y} P[…]) is an expectation, which is not read");
        }

        return Named(new NameSyntax(l, c, word, []));
    }

    /// <summary>
    /// True when the name just read is followed by a bracket, or by a subscript and then a factor: an operator written
    /// before its operand (the expectation E_{x,y} P[…]). Reading it as a product would check a claim the student never made.
    /// </summary>
    private bool IsAppliedToWhatFollows()
    {
        if (Current.Is('['))
        {
            return true;
        }

        if (!Current.Is('_'))
        {
            return false;
        }

        var save = _position;
        try
        {
            _position++;
            GroupTokens();
            var next = Current;
            return !EndsTerm(next) && !next.Is('^') && !next.Is('*') && !next.Is('/') && !next.Is('\'')
                && !(next.Kind == LatexTokenKind.Command && next.Text is "cdot" or "times" or "ast" or "div" or "odot" or "circ" or "prime");
        }
        catch (LatexReadException)
        {
            return false;
        }
        finally
        {
            _position = save;
        }
    }

    private static bool IsFunctionLetter(string word) => word is "f" or "g" or "h" or "F" or "G" or "H" or "L" or "J" or "C" or "R" or "P" or "E" or "Q" or "D" or "l";

    /// <summary>True when a parenthesised list of names, commas and semicolons follows (an argument list, not a factor).</summary>
    private bool IsSignature()
    {
        var p = _position + 1;
        var depth = 1;
        var sawSeparator = false;
        while (_tokens[p].Kind != LatexTokenKind.End)
        {
            var t = _tokens[p];
            if (t.Is('(') || t.Is('{'))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is('}'))
            {
                depth--;
                if (depth == 0)
                {
                    return true;
                }
            }
            else if (t.Is(',') || t.Is(';') || t.Is('|') || t.Is('='))
            {
                sawSeparator = true;
            }
            else if (depth == 1 && (t.Is('+') || t.Is('-')) && !sawSeparator)
            {
                return false;
            }

            p++;
        }

        return false;
    }

    private void SkipGroup()
    {
        var depth = 0;
        do
        {
            if (Current.Is('(') || Current.Is('{'))
            {
                depth++;
            }
            else if (Current.Is(')') || Current.Is('}'))
            {
                depth--;
            }

            _position++;
        }
        while (depth > 0 && Current.Kind != LatexTokenKind.End);
    }

    private SyntaxNode DefinedCall(string word, FunctionDefinition definition, LatexToken at)
    {
        var primes = 0;
        while (Current.Is('\'') || Current.IsCommand("prime"))
        {
            primes++;
            _position++;
        }

        var arguments = definition.Parameters.Length == 1 ? [Argument(at)] : ArgumentList(word, definition.Parameters, at);
        var body = Substitute(definition.Body, definition.Parameters, arguments);
        CollectSymbols(definition.Body, Info); // the body's own names (θ in h_θ(x)) need their declarations and assumptions
        if (primes == 0)
        {
            return body;
        }

        // f'(z); L'(z; y) and L''(z; y) differentiate by the first argument, which must be a symbol
        if ((primes > 1 && definition.Parameters.Length == 1) || primes > 2 || arguments[0] is not NameSyntax variable)
        {
            throw new LatexReadException(at.Offset, $"{word}' is read at a symbol only ({word}'(z)), not at an expression");
        }

        var (l, c) = At(at.Offset);
        return new DerivativeSyntax(l, c, body, primes == 2 ? [variable, variable] : [variable]);
    }

    /// <summary>The body with every parameter replaced by its argument, all at once (an argument that mentions another
    /// parameter's name is not substituted again).</summary>
    private static SyntaxNode Substitute(SyntaxNode node, ImmutableArray<NameSyntax> parameters, IReadOnlyList<SyntaxNode> arguments) => node switch
    {
        NameSyntax name when Parameter(name, parameters) is var p and >= 0 => arguments[p],
        CallSyntax call => call with { Argument = Substitute(call.Argument, parameters, arguments) },
        UnarySyntax unary => unary with { Operand = Substitute(unary.Operand, parameters, arguments) },
        BinarySyntax binary => binary with { Left = Substitute(binary.Left, parameters, arguments), Right = Substitute(binary.Right, parameters, arguments) },
        EntrywiseSyntax e => e with { Left = Substitute(e.Left, parameters, arguments), Right = Substitute(e.Right, parameters, arguments) },
        TransposeSyntax t => t with { Operand = Substitute(t.Operand, parameters, arguments) },
        IndexSumSyntax sum => sum with { Body = Substitute(sum.Body, parameters, arguments) },
        IndexProductSyntax prod => prod with { Body = Substitute(prod.Body, parameters, arguments) },
        DerivativeSyntax d => d with { Body = Substitute(d.Body, parameters, arguments) },
        MatrixCallSyntax m => m with { Arguments = [.. m.Arguments.Select(a => Substitute(a, parameters, arguments))] },
        _ => node,
    };

    /// <summary>The position of the parameter a name is, or -1; subscripts compare by what they say, not where.</summary>
    private static int Parameter(NameSyntax name, ImmutableArray<NameSyntax> parameters)
    {
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = parameters[p];
            if (name.Name == parameter.Name && name.Subscripts.Length == parameter.Subscripts.Length
                && name.Subscripts.Zip(parameter.Subscripts).All(s => s.First.Variable == s.Second.Variable && s.First.Literal == s.Second.Literal))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>The names and bound indices a substituted function body brings into a side. Its free subscripts are the
    /// arguments' (already read) or, when the body has its own, undeclared: those stay for the claim to report.</summary>
    private static void CollectSymbols(SyntaxNode node, ReadInfo info)
    {
        switch (node)
        {
            case NameSyntax name:
                info.Symbols.Add(name.Name);
                break;
            case CallSyntax call:
                CollectSymbols(call.Argument, info);
                break;
            case UnarySyntax unary:
                CollectSymbols(unary.Operand, info);
                break;
            case BinarySyntax binary:
                CollectSymbols(binary.Left, info);
                CollectSymbols(binary.Right, info);
                break;
            case EntrywiseSyntax e:
                CollectSymbols(e.Left, info);
                CollectSymbols(e.Right, info);
                break;
            case TransposeSyntax t:
                CollectSymbols(t.Operand, info);
                break;
            case IndexSumSyntax sum:
                info.AddIndex(sum.Index, null);
                CollectSymbols(sum.Body, info);
                break;
            case IndexProductSyntax prod:
                info.AddIndex(prod.Index, null);
                CollectSymbols(prod.Body, info);
                break;
            case DerivativeSyntax d:
                CollectSymbols(d.Body, info);
                break;
            case MatrixCallSyntax m:
                foreach (var a in m.Arguments)
                {
                    CollectSymbols(a, info);
                }

                break;
        }
    }

    /// <summary>The arguments of a call to a function of several parameters: <c>Cost(h_\theta(x_i), y_i)</c>, split at the
    /// commas (or semicolons, <c>L(z; y)</c>) outside brackets; an argument <c>y = +1</c> gives the parameter y by name.</summary>
    private List<SyntaxNode> ArgumentList(string word, ImmutableArray<NameSyntax> parameters, LatexToken at)
    {
        var count = parameters.Length;
        var named = new SyntaxNode?[count];
        var positional = new List<SyntaxNode>();
        if (!Current.Is('('))
        {
            throw new LatexReadException(at.Offset, $"{word} takes {count} arguments: write {word}(…, …)");
        }

        var open = Current;
        _position++;
        var piece = new List<LatexToken>();
        var depth = 0;
        while (true)
        {
            var t = Current;
            if (t.Kind == LatexTokenKind.End)
            {
                throw new LatexReadException(open.Offset, "unbalanced '(': it is never closed");
            }

            _position++;
            if (depth == 0 && (t.Is(',') || t.Is(';') || t.Is(')')))
            {
                if (piece.Count == 0)
                {
                    throw new LatexReadException(t.Offset, $"an empty argument of {word}");
                }

                var byName = piece is [{ Kind: LatexTokenKind.Letter } first, var equals, _, ..] && equals.Is('=')
                    ? parameters.IndexOf(parameters.FirstOrDefault(p => p.Name == first.Text && p.Subscripts.Length == 0)!)
                    : -1;
                if (byName >= 0)
                {
                    piece.RemoveRange(0, 2);
                }

                piece.Add(new LatexToken(LatexTokenKind.End, "", t.Offset, false));
                var value = Sub(piece);
                if (byName >= 0)
                {
                    named[byName] = value;
                }
                else
                {
                    positional.Add(value);
                }

                piece = [];
                if (t.Is(')'))
                {
                    break;
                }

                continue;
            }

            if (t.Is('(') || t.Is('{') || t.Is('['))
            {
                depth++;
            }
            else if (t.Is(')') || t.Is('}') || t.Is(']'))
            {
                depth--;
            }

            piece.Add(t);
        }

        var given = positional.Count + named.Count(n => n is not null);
        if (given != count)
        {
            throw new LatexReadException(at.Offset, $"{word} takes {count} arguments, not {given}");
        }

        var next = 0;
        return [.. named.Select(n => n ?? positional[next++])];
    }

    /// <summary>A function's argument: a bracketed group, or else the factor that follows (a sum's whole term).</summary>
    private SyntaxNode Argument(LatexToken function)
    {
        if (Current.IsCommand("sum") || Current.IsCommand("prod"))
        {
            return Term();
        }

        if (EndsTerm(Current))
        {
            throw new LatexReadException(function.Offset, $"'{function.Source}' without an argument");
        }

        var factor = Factor();
        return factor is OperatorMark mark ? ApplyOperator(mark.Token, mark.Variables) : factor;
    }

    private SyntaxNode FunctionCall(string function, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        SyntaxNode? power = null;
        var primes = 0;
        while (true)
        {
            if (Current.Is('^') && power is null)
            {
                // \sigma^2(z) is σ(z)²; \sigma^{-1} is not read.
                _position++;
                var group = GroupTokens();
                power = Sub(group);
                if (power is UnarySyntax { Operator: '-' })
                {
                    throw new LatexReadException(at.Offset, $"'{at.Source}^{{-1}}' (an inverse function) is not read");
                }

                continue;
            }

            if (Current.Is('\'') || Current.IsCommand("prime"))
            {
                primes++;
                _position++;
                continue;
            }

            break;
        }

        if (EndsTerm(Current) || Current.IsCommand("cdot") || Current.IsCommand("times"))
        {
            // A function standing alone: in a derivative's numerator it is applied to the variable.
            if (primes == 0 && power is null)
            {
                return new FunctionReference(l, c, function, at);
            }

            throw new LatexReadException(at.Offset, $"'{at.Source}' without an argument");
        }

        var argument = Argument(at);
        SyntaxNode result = primes switch
        {
            0 => new CallSyntax(l, c, function, argument),
            1 => FunctionDerivative(function, argument, l, c, at),
            _ => throw new LatexReadException(at.Offset, $"'{at.Source}' with {primes} primes is not read"),
        };
        return power is null ? result : new BinarySyntax(l, c, '^', result, power);
    }

    /// <summary>σ'(u), tanh'(u), exp'(u), ln'(u) written out, so they read at any argument.</summary>
    private static SyntaxNode FunctionDerivative(string function, SyntaxNode u, int l, int c, LatexToken at)
    {
        SyntaxNode Call(string f) => new CallSyntax(l, c, f, u);
        var one = Number(l, c, 1);
        return function switch
        {
            "sigmoid" => new BinarySyntax(l, c, '*', Call("sigmoid"), new BinarySyntax(l, c, '-', one, Call("sigmoid"))),
            "tanh" => new BinarySyntax(l, c, '-', one, new BinarySyntax(l, c, '^', Call("tanh"), Number(l, c, 2))),
            "exp" => Call("exp"),
            "ln" => new BinarySyntax(l, c, '/', one, u),
            "relu" => Call("step"),
            "softplus" => Call("sigmoid"),
            _ => throw new LatexReadException(at.Offset, $"the derivative of '{at.Source}' is not read"),
        };
    }

    private SyntaxNode MatrixFunction(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        // softmax_i(z) is entry i of softmax(z).
        List<LatexToken>? entry = null;
        if (Current.Is('_'))
        {
            _position++;
            entry = GroupTokens();
        }

        if (EndsTerm(Current))
        {
            throw new LatexReadException(at.Offset, $"'{word}' without an argument");
        }

        var argument = Argument(at);
        var name = word == "tr" ? "trace" : word;
        SyntaxNode call = new MatrixCallSyntax(l, c, name, [argument]);
        if (entry is not null)
        {
            call = SoftmaxEntry(call, entry) ?? throw new LatexReadException(at.Offset, $"'{word}' with a subscript is read only for softmax");
        }
        else if (name == "softmax" && argument is NameSyntax { Subscripts.Length: 1 })
        {
            // softmax(z_i), as students write entry i of softmax(z)
            call = SoftmaxEntry(call, null) ?? call;
        }

        return call;
    }

    /// <summary><c>softmax(z)_i</c> (also <c>softmax(z_i)</c>, as students write it) is e^{z_i} / Σ_k e^{z_k}.</summary>
    /// <summary>Entry i of a gradient, <c>(\frac{\partial C}{\partial \tilde{y}})_i</c>: the derivative by the entry ỹ_i.</summary>
    private DerivativeSyntax? GradientEntry(SyntaxNode node, List<LatexToken> subscript)
    {
        var p = 0;
        if (node is not DerivativeSyntax { Variables: [{ Subscripts.Length: 0 } variable] } derivative
            || IndexName(subscript, ref p) is not { } index || subscript[p].Kind != LatexTokenKind.End)
        {
            return null;
        }

        Info.AddIndex(index, null);
        Info.Owners.TryAdd(index, variable.Name);
        return derivative with { Variables = [variable with { Subscripts = [new SubscriptSyntax(variable.Line, variable.Column, index, 0)] }] };
    }

    private BinarySyntax? SoftmaxEntry(SyntaxNode call, List<LatexToken>? subscript)
    {
        if (call is not MatrixCallSyntax { Function: "softmax", Arguments: [var argument] } m)
        {
            return null;
        }

        string? index = null;
        if (subscript is not null)
        {
            var p = 0;
            index = IndexName(subscript, ref p);
            if (index is null || subscript[p].Kind != LatexTokenKind.End)
            {
                return null;
            }
        }

        NameSyntax vector;
        switch (argument)
        {
            case NameSyntax { Subscripts.Length: 0 } plain when index is not null:
                vector = plain;
                break;
            case NameSyntax { Subscripts: [{ Variable: { } i }] } entry when index is null:
                vector = entry with { Subscripts = [] };
                index = i;
                break;
            default:
                return null;
        }

        var (l, c) = (m.Line, m.Column);
        var bound = "@k" + (++_context.Fresh).ToString(CultureInfo.InvariantCulture);
        Info.Partners[bound] = index;
        Info.AddIndex(index, null);
        Info.AddIndex(bound, null);
        Info.Symbols.Add(vector.Name);
        SyntaxNode Exp(string i) => new CallSyntax(l, c, "exp", vector with { Subscripts = [new SubscriptSyntax(l, c, i, 0)] });
        return new BinarySyntax(l, c, '/', Exp(index), new IndexSumSyntax(l, c, bound, Exp(bound)));
    }

    /// <summary>The softmax bound index's partner: which index range a fresh <c>@k</c> index shares.</summary>
    public static bool IsFreshIndex(string index) => index.StartsWith("@k", StringComparison.Ordinal);

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
                    throw new LatexReadException(t.Offset, environment is "bmatrix" or "pmatrix" or "matrix" or "vmatrix" or "array"
                        ? "matrix of unknown pattern"
                        : $"'\\begin{{{environment}}}' is not read");
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

    private SyntaxNode WordCommand(string word, LatexToken at)
    {
        var (l, c) = At(at.Offset);
        if (ScalarFunctions.TryGetValue(word, out var function) || ScalarFunctions.TryGetValue(word.ToLowerInvariant(), out function))
        {
            return FunctionCall(function, at);
        }

        if (MatrixFunctions.Contains(word) || word is "Softmax" or "softargmax")
        {
            return MatrixFunction(word is "Softmax" or "softargmax" ? "softmax" : word, at);
        }

        if (word == "d")
        {
            throw new LatexReadException(at.Offset, "'\\mathrm{d}' outside a derivative's fraction is not read");
        }

        if (_context.Names.Contains(word) || _context.Functions.ContainsKey(word))
        {
            return Word(word, at);
        }

        if (word == "E" && IsAppliedToWhatFollows())
        {
            throw new LatexReadException(at.Offset, $"'\\{at.Text}{{E}}' applied to what follows is an expectation, which is not read");
        }

        if (word.All(char.IsAsciiLetterOrDigit) && word.Length <= 3 && !word.All(char.IsAsciiLetterLower))
        {
            return Named(new NameSyntax(l, c, word, [])); // \mathrm{W}, \text{BCE}: a styled name
        }

        throw new LatexReadException(at.Offset, $"'{word}' is not read (text, or a function this document does not define)");
    }

    private static string Word(List<LatexToken> group, LatexToken at)
    {
        var b = new StringBuilder();
        foreach (var t in group)
        {
            if (t.Kind == LatexTokenKind.End)
            {
                break;
            }

            if (t.Kind is LatexTokenKind.Letter or LatexTokenKind.Number)
            {
                b.Append(t.Text);
            }
            else
            {
                throw new LatexReadException(t.Offset, $"'\\{at.Text}{{…}}' holding '{t.Source}' is not read");
            }
        }

        if (b.Length == 0)
        {
            throw new LatexReadException(at.Offset, $"an empty '\\{at.Text}{{}}'");
        }

        return b.ToString();
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

    private enum Marker
    {
        None,
        Partial,
        D,
        Delta,
    }

    private static (Marker Marker, int Next) MarkerAt(List<LatexToken> tokens, int p)
    {
        var t = tokens[p];
        if (t.IsCommand("partial"))
        {
            return (Marker.Partial, p + 1);
        }

        if (t.IsCommand("delta") || t.IsCommand("Delta"))
        {
            return (Marker.Delta, p + 1);
        }

        if (t is { Kind: LatexTokenKind.Letter, Text: "d" })
        {
            return (Marker.D, p + 1);
        }

        if (t.Kind == LatexTokenKind.Command && t.Text is "mathrm" or "text" or "operatorname" or "mathit"
            && tokens[p + 1].Is('{') && tokens[p + 2] is { Kind: LatexTokenKind.Letter, Text: "d" } && tokens[p + 3].Is('}'))
        {
            return (Marker.D, p + 4);
        }

        return (Marker.None, p);
    }

    private SyntaxNode Fraction(LatexToken frac)
    {
        var numerator = GroupTokens();
        var denominator = GroupTokens();
        var (l, c) = At(frac.Offset);
        var (top, topNext) = MarkerAt(numerator, 0);
        var (bottom, bottomNext) = MarkerAt(denominator, 0);
        if (top != Marker.None && top == bottom && denominator[bottomNext].Kind != LatexTokenKind.End)
        {
            return Derivative(frac, numerator, topNext, denominator, top, l, c);
        }

        var over = Sub(numerator);
        var under = Sub(denominator);
        return new BinarySyntax(l, c, '/', over, under);
    }

    private SyntaxNode Derivative(LatexToken frac, List<LatexToken> numerator, int topNext, List<LatexToken> denominator, Marker marker, int l, int c)
    {
        // The order: \partial^2 in the numerator.
        var order = 1;
        if (numerator[topNext].Is('^'))
        {
            var p = topNext + 1;
            var orderToken = numerator[p].Is('{') ? numerator[p + 1] : numerator[p];
            if (orderToken is not { Kind: LatexTokenKind.Number, Text: "2" or "1" })
            {
                throw new LatexReadException(orderToken.Offset, "only first and second derivatives are read");
            }

            order = orderToken.Text == "2" ? 2 : 1;
            topNext = numerator[p].Is('{') ? p + 3 : p + 1;
        }

        // The variables: \partial x, \partial x_i \partial x_j, \partial z^2.
        var variables = new List<NameSyntax>();
        var d = 0;
        while (denominator[d].Kind != LatexTokenKind.End)
        {
            var (m, next) = MarkerAt(denominator, d);
            if (m != marker)
            {
                throw new LatexReadException(denominator[d].Offset, "a derivative's denominator must be \\partial x (or \\partial x \\partial y)");
            }

            var stop = next;
            while (denominator[stop].Kind != LatexTokenKind.End && MarkerAt(denominator, stop).Marker != marker)
            {
                stop++;
            }

            var part = denominator.Skip(next).Take(stop - next).Append(new LatexToken(LatexTokenKind.End, "", denominator[stop].Offset, false)).ToList();
            if (part.Count == 1)
            {
                throw new LatexReadException(denominator[d].Offset, "a derivative with respect to nothing");
            }

            var variable = Sub(part);
            switch (variable)
            {
                case NameSyntax name:
                    variables.Add(name);
                    break;
                case BinarySyntax { Operator: '^', Left: NameSyntax name, Right: NumberSyntax { Text: "2" } }:
                    variables.Add(name);
                    variables.Add(name);
                    break;
                default:
                    throw new LatexReadException(part[0].Offset, "a derivative with respect to something that is not a symbol");
            }

            d = stop;
        }

        if (order == 2 && variables.Count == 1)
        {
            variables.Add(variables[0]);
        }

        if (variables.Count > 2)
        {
            throw new LatexReadException(frac.Offset, "derivatives of order above 2 are not read");
        }

        var vars = variables.Select(v => v).ToImmutableArray();
        if (numerator[topNext].Kind == LatexTokenKind.End)
        {
            // \frac{\partial}{\partial x} is an operator on what follows.
            return new OperatorMark(l, c, frac, vars);
        }

        var bodyTokens = numerator.Skip(topNext).ToList();
        var body = Sub(bodyTokens);
        if (body is FunctionReference reference)
        {
            // \frac{d\sigma}{dz} is d/dz σ(z).
            if (variables.Distinct().Count() != 1)
            {
                throw new LatexReadException(reference.Token.Offset, "a function standing alone is applied to one variable only");
            }

            body = new CallSyntax(reference.Line, reference.Column, reference.Function, variables[0]);
        }

        if (vars.Length == 2 && vars[0] == vars[1] && order == 1 && variables.Count == 2)
        {
            throw new LatexReadException(frac.Offset, "\\partial x^2 in the denominator needs \\partial^2 in the numerator");
        }

        return new DerivativeSyntax(l, c, body, vars);
    }

    /// <summary>A derivative operator whose body the term supplies (<c>\frac{\partial}{\partial x}</c>).</summary>
    private sealed record OperatorMark(int Line, int Column, LatexToken Token, ImmutableArray<NameSyntax> Variables) : SyntaxNode(Line, Column)
    {
        public override string ToString() => "d/d" + string.Join(" d", Variables);
    }

    /// <summary>A function name standing alone (<c>\sigma</c> in <c>\frac{d\sigma}{dz}</c>).</summary>
    private sealed record FunctionReference(int Line, int Column, string Function, LatexToken Token) : SyntaxNode(Line, Column)
    {
        public override string ToString() => Function;
    }

    /// <summary>True when the node (a whole side) is a leftover marker the caller must reject.</summary>
    public static string? Leftover(SyntaxNode node) => node switch
    {
        OperatorMark => "a derivative operator with nothing to differentiate",
        FunctionReference f => $"the function {f.Function} without an argument",
        _ => null,
    };

    private string SourceBetween(int start, int end) => _document.Text[start..Math.Max(start, end)];
}
