namespace GradCheck.Claims.Syntax;

/// <summary>An expression's text exactly as written, with the 1-based line and column where it starts.</summary>
/// <param name="Text">The expression text (it may span several lines).</param>
/// <param name="Line">The 1-based line of the text's first character in its file.</param>
/// <param name="Column">The 1-based column of the text's first character in its file.</param>
public sealed record ExpressionText(string Text, int Line, int Column);

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
public sealed record LetSyntax(string Name, IReadOnlyList<string> IndexParameters, ExpressionText Body, int Line, int Column);

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

/// <summary><c>assume y simplex over k</c> or <c>assume y onehot over k</c>.</summary>
/// <param name="Name">The vector's name.</param>
/// <param name="Index">The index variable whose range the vector runs over.</param>
/// <param name="OneHot">True for one-hot, false for a probability vector.</param>
/// <param name="Line">Line of the <c>assume</c> keyword.</param>
/// <param name="Column">Column of the <c>assume</c> keyword.</param>
public sealed record VectorAssumeSyntax(string Name, string Index, bool OneHot, int Line, int Column)
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
/// <param name="Row">The row index variable.</param>
/// <param name="Column">The column index variable.</param>
/// <param name="Line">Line of the <c>psd</c> keyword.</param>
/// <param name="ColumnPosition">Column of the <c>psd</c> keyword.</param>
public sealed record PsdSyntax(string Row, string Column, int Line, int ColumnPosition);

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
