// LatexReader: the reader's state, tables and entry point (Read), and the helpers every part uses.
using System.Globalization;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>
/// Reads the LaTeX subset of documents-format.md into the claims syntax tree (<see cref="SyntaxNode"/>), with every
/// node's position mapped to the document's line and column. Reading rules: juxtaposition is multiplication;
/// <c>\sum</c>/<c>\prod</c> and a derivative operator take the product that follows, up to the next <c>+</c> or
/// <c>-</c> at the same bracket level; a function name without parentheses applies to the factor that follows;
/// superscripts are powers except transposes, parenthesised labels and declared labels; accents and styles are
/// parts of names. Anything else is a <see cref="LatexReadException"/> with the offending offset.
/// </summary>
internal sealed partial class LatexReader
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

    private string SourceBetween(int start, int end) => _document.Text[start..Math.Max(start, end)];
}
