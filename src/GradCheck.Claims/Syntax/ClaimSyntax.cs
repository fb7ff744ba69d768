namespace GradCheck.Claims.Syntax;

/// <summary>An expression's text exactly as written, with the 1-based line and column where it starts.</summary>
/// <param name="Text">The expression text (it may span several lines).</param>
/// <param name="Line">The 1-based line of the text's first character in its file.</param>
/// <param name="Column">The 1-based column of the text's first character in its file.</param>
/// <param name="Syntax">The expression already parsed, for claims that a front end (matrix notation, a
/// document reader) lowered to the claims syntax; null when the checker is to parse <paramref name="Text"/>.
/// <paramref name="Text"/> stays what the writer wrote, for reports.</param>
public sealed record ExpressionText(string Text, int Line, int Column, GradCheck.Symbolic.Parsing.SyntaxNode? Syntax = null)
{
    /// <summary>The syntax tree: <see cref="Syntax"/> when a front end gave it, else <see cref="Text"/> parsed.</summary>
    /// <exception cref="GradCheck.Symbolic.Parsing.SymbolicSyntaxException">The text does not parse.</exception>
    public GradCheck.Symbolic.Parsing.SyntaxNode Parse() =>
        Syntax ?? GradCheck.Symbolic.Parsing.ExpressionParser.Parse(Text, Line, Column);
}

/// <summary>One dimension of a declared vector or matrix: a size symbol (<c>K</c>) or a fixed number (<c>3</c>).</summary>
/// <param name="Size">The size symbol's name, or null for a fixed dimension.</param>
/// <param name="Value">The fixed dimension when <paramref name="Size"/> is null.</param>
public sealed record Dimension(string? Size, int Value)
{
    /// <summary>The dimension 1 (a vector's column count).</summary>
    public static readonly Dimension One = new(null, 1);

    /// <summary>True for the fixed dimension 1.</summary>
    public bool IsOne => Size is null && Value == 1;

    /// <summary>The dimension's value at the given sizes.</summary>
    /// <param name="sizes">Size symbol → value; must hold this dimension's size.</param>
    public int At(IReadOnlyDictionary<string, int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return Size is null ? Value : sizes[Size];
    }

    /// <inheritdoc/>
    public override string ToString() => Size ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>vector z in R^K</c> (a K×1 column) or <c>matrix W in R^(H x D)</c> (matrix notation).</summary>
/// <param name="Name">The declared name; its entries are the indexed symbols <c>z_k</c>, <c>W_{j,k}</c>.</param>
/// <param name="Rows">The number of rows (a vector's size).</param>
/// <param name="Columns">The number of columns; <see cref="Dimension.One"/> for a vector.</param>
/// <param name="IsMatrix">True for a <c>matrix</c> declaration.</param>
/// <param name="Line">Line of the keyword.</param>
/// <param name="Column">Column of the keyword.</param>
public sealed record DeclarationSyntax(string Name, Dimension Rows, Dimension Columns, bool IsMatrix, int Line, int Column);

/// <summary>A step that a front end found refuted before any entry is compared: its sides have different
/// shapes at the sizes given (matrix notation: <c>left is 3×3, right is 3×1</c>).</summary>
/// <param name="Step">The step number (1-based).</param>
/// <param name="Sizes">Size symbol → value where the shapes differ.</param>
/// <param name="Reason">What differs, e.g. <c>left is 3×3, right is 3×1</c>.</param>
public sealed record ShapeMismatch(int Step, IReadOnlyDictionary<string, int> Sizes, string Reason);

/// <summary>What the matrix front end tells the checker and the reports about a claim it lowered to
/// indexed scalar syntax (see docs/claims-language.md, "Vectors and matrices").</summary>
/// <param name="StepShapes">For each expression of the chain, its shape as the JSON writes it
/// (<c>"scalar"</c>, <c>"K"</c>, <c>"K x K"</c>).</param>
/// <param name="RowIndex">The index variable that runs over a vector's or matrix's rows in the lowered claim.</param>
/// <param name="ColumnIndex">The index variable that runs over a matrix's columns.</param>
/// <param name="Sizes">The size symbols and, for each, the values it is checked at.</param>
/// <param name="SizeCombinations">The combinations of sizes checked, when no `for` lines give them (null: the product of the `for` ranges).</param>
/// <param name="Mismatches">Steps whose sides differ in shape.</param>
public sealed record MatrixForm(
    IReadOnlyList<string> StepShapes,
    string RowIndex,
    string ColumnIndex,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Sizes,
    IReadOnlyList<IReadOnlyDictionary<string, int>>? SizeCombinations,
    IReadOnlyList<ShapeMismatch> Mismatches);

/// <summary>One bound of an index range: a fixed integer or a size symbol such as <c>K</c>.</summary>
/// <param name="Value">The fixed value, or null when the bound is a size symbol.</param>
/// <param name="Size">The size symbol's name, or null when the bound is fixed.</param>
public sealed record RangeBound(int? Value, string? Size)
{
    /// <inheritdoc/>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Size ?? "";
}

/// <summary><c>let NAME = EXPR</c> or <c>let NAME_{i,j} = EXPR</c>.</summary>
/// <param name="Name">The defined name.</param>
/// <param name="IndexParameters">The index parameters (empty for a scalar definition).</param>
/// <param name="Body">The defining expression.</param>
/// <param name="Line">Line of the <c>let</c> keyword.</param>
/// <param name="Column">Column of the <c>let</c> keyword.</param>
public sealed record LetSyntax(string Name, IReadOnlyList<string> IndexParameters, ExpressionText Body, int Line, int Column)
{
    /// <summary>Set when the definition comes from <c>function NAME of …</c>: <see cref="Body"/> is then the
    /// function's affine form, which the checker uses to first order only.</summary>
    public UnspecifiedFunction? Unspecified { get; init; }
}

/// <summary><c>index i, j in 1..K</c>: index variables and their range.</summary>
/// <param name="Names">The index variables declared on this line.</param>
/// <param name="From">The first value.</param>
/// <param name="To">The last value.</param>
/// <param name="Line">Line of the <c>index</c> keyword.</param>
/// <param name="Column">Column of the <c>index</c> keyword.</param>
public sealed record IndexSyntax(IReadOnlyList<string> Names, RangeBound From, RangeBound To, int Line, int Column);

/// <summary><c>for K in 2..5</c>: the sizes a claim is checked for.</summary>
/// <param name="Size">The size symbol.</param>
/// <param name="From">The smallest size.</param>
/// <param name="To">The largest size (at least <paramref name="From"/>).</param>
/// <param name="Line">Line of the <c>for</c> keyword.</param>
/// <param name="Column">Column of the <c>for</c> keyword.</param>
public sealed record ForSyntax(string Size, int From, int To, int Line, int Column);

/// <summary>An <c>assume</c> line: the domain of a symbol (or of every entry of an indexed symbol).</summary>
/// <param name="Name">The symbol's name (without indices).</param>
/// <param name="Line">Line of the <c>assume</c> keyword.</param>
/// <param name="Column">Column of the <c>assume</c> keyword.</param>
public abstract record AssumeSyntax(string Name, int Line, int Column);

/// <summary><c>assume x in (a, b)</c>, <c>[a, b]</c>, mixed brackets, <c>x &gt; 0</c> or <c>x &lt; 0</c>.
/// A missing bound (null) is infinite.</summary>
/// <param name="Name">The symbol.</param>
/// <param name="Lower">The lower bound as exact decimal/rational text, or null for −∞.</param>
/// <param name="Upper">The upper bound as exact decimal/rational text, or null for +∞.</param>
/// <param name="LowerOpen">True when the lower bound is excluded.</param>
/// <param name="UpperOpen">True when the upper bound is excluded.</param>
/// <param name="Line">Line of the <c>assume</c> keyword.</param>
/// <param name="Column">Column of the <c>assume</c> keyword.</param>
public sealed record IntervalAssumeSyntax(string Name, string? Lower, string? Upper, bool LowerOpen, bool UpperOpen, int Line, int Column)
    : AssumeSyntax(Name, Line, Column);

/// <summary><c>assume y in {0, 1}</c>: a finite set of exact values.</summary>
/// <param name="Name">The symbol.</param>
/// <param name="Values">The values as exact decimal/rational text.</param>
/// <param name="Line">Line of the <c>assume</c> keyword.</param>
/// <param name="Column">Column of the <c>assume</c> keyword.</param>
public sealed record DiscreteAssumeSyntax(string Name, IReadOnlyList<string> Values, int Line, int Column)
    : AssumeSyntax(Name, Line, Column);

/// <summary><c>assume y simplex over k</c> or <c>assume y onehot over k</c>; for a declared vector the
/// <c>over k</c> may be left out (<c>assume y simplex</c>).</summary>
/// <param name="Name">The vector's name.</param>
/// <param name="Index">The index variable whose range the vector runs over; null for a declared vector (matrix notation).</param>
/// <param name="OneHot">True for one-hot, false for a probability vector.</param>
/// <param name="Line">Line of the <c>assume</c> keyword.</param>
/// <param name="Column">Column of the <c>assume</c> keyword.</param>
public sealed record VectorAssumeSyntax(string Name, string? Index, bool OneHot, int Line, int Column)
    : AssumeSyntax(Name, Line, Column);

/// <summary>What the author expects of a claim.</summary>
public enum ExpectedOutcome
{
    /// <summary><c>expect proved</c>: proved or holds numerically.</summary>
    Proved,

    /// <summary><c>expect refuted</c>, optionally at a given step.</summary>
    Refuted,
}

/// <summary>An <c>expect</c> line.</summary>
/// <param name="Outcome">Proved or refuted.</param>
/// <param name="Step">For <c>expect refuted at step N</c>, N; otherwise null.</param>
/// <param name="Line">Line of the <c>expect</c> keyword.</param>
/// <param name="Column">Column of the <c>expect</c> keyword.</param>
public sealed record ExpectSyntax(ExpectedOutcome Outcome, int? Step, int Line, int Column);

/// <summary><c>psd over i, j</c> (a GradCheck extension): the chain's last expression, read as the
/// matrix with rows <paramref name="Row"/> and columns <paramref name="Column"/>, is positive
/// semidefinite. It is checked as one more step after the chain's steps.</summary>
/// <param name="Row">The row index variable; null for a bare <c>psd</c> (a matrix-valued last expression).</param>
/// <param name="Column">The column index variable; null for a bare <c>psd</c>.</param>
/// <param name="Line">Line of the <c>psd</c> keyword.</param>
/// <param name="ColumnPosition">Column of the <c>psd</c> keyword.</param>
public sealed record PsdSyntax(string? Row, string? Column, int Line, int ColumnPosition);

/// <summary>One parsed claim: <c>claim NAME</c> … <c>end</c>.</summary>
/// <param name="Name">The claim's name.</param>
/// <param name="File">The file it came from (as given to the parser).</param>
/// <param name="Line">Line of the <c>claim</c> keyword.</param>
/// <param name="Source">The <c>source:</c> text, or null.</param>
/// <param name="Lets">Definitions in order.</param>
/// <param name="Indices">Index declarations.</param>
/// <param name="Fors">Size declarations.</param>
/// <param name="Assumptions">Domain assumptions.</param>
/// <param name="Expectation">The <c>expect</c> line, or null.</param>
/// <param name="Chain">The chain's expressions: the first expression, then one per <c>=</c> step.</param>
/// <param name="Psd">The optional positive-semidefiniteness check.</param>
/// <param name="Notes">The comment block written directly above the <c>claim</c> line (no blank line
/// between), without the '#' marks; null when there is none. Reports and docs show it.</param>
public sealed record ClaimSyntax(
    string Name,
    string File,
    int Line,
    string? Source,
    IReadOnlyList<LetSyntax> Lets,
    IReadOnlyList<IndexSyntax> Indices,
    IReadOnlyList<ForSyntax> Fors,
    IReadOnlyList<AssumeSyntax> Assumptions,
    ExpectSyntax? Expectation,
    IReadOnlyList<ExpressionText> Chain,
    PsdSyntax? Psd,
    string? Notes = null)
{
    /// <summary>Vector and matrix declarations (matrix notation); empty for a claim in index notation.</summary>
    public IReadOnlyList<DeclarationSyntax> Declarations { get; init; } = [];

    /// <summary>Set on a claim lowered from matrix notation: shapes, entry indices and sizes (null otherwise).</summary>
    public MatrixForm? Matrix { get; init; }

    /// <summary>The expressions the writer wrote: every expression of the chain and every let body, not the affine form
    /// of a <c>function</c> line (its symbols are GradCheck's).</summary>
    public IEnumerable<string> WrittenTexts =>
        Chain.Select(c => c.Text).Concat(Lets.Where(l => l.Unspecified is null).Select(l => l.Body.Text));

    /// <summary>The symbols the affine forms of the claim's <c>function</c> lines add (<c>C0</c>, <c>dCda</c>): never
    /// the writer's, so never shown in a correction.</summary>
    public IReadOnlySet<string> IntroducedNames =>
        Lets.Where(l => l.Unspecified is not null).SelectMany(l => l.Unspecified!.IntroducedNames).ToHashSet(StringComparer.Ordinal);

    /// <summary>The number of steps: one per <c>=</c>, plus one for a <c>psd</c> check.</summary>
    public int StepCount => Chain.Count - 1 + (Psd is null ? 0 : 1);
}

/// <summary>A position in a file and the reason the text there could not be read.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">Why.</param>
public sealed record SourceError(int Line, int Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>One entry of a parsed file: a claim, or a claim (or stray text) that could not be read.</summary>
/// <param name="Name">The claim's name, or a placeholder when the text had none.</param>
/// <param name="File">The file.</param>
/// <param name="Line">Line where the entry starts.</param>
/// <param name="Claim">The claim, when it parsed.</param>
/// <param name="Error">The error, when it did not.</param>
/// <param name="Source">The <c>source:</c> text if it was read before the error.</param>
/// <param name="Expectation">The <c>expect</c> line if it was read before the error.</param>
public sealed record ClaimEntry(string Name, string File, int Line, ClaimSyntax? Claim, SourceError? Error, string? Source = null, ExpectSyntax? Expectation = null);
