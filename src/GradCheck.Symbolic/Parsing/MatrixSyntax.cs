using System.Collections.Immutable;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// <c>A'</c>: the transpose of a vector or matrix (matrix notation, see docs/claims-language.md).
/// <c>A^T</c> is read as <c>A ^ T</c> and becomes a transpose only where the matrix front end knows
/// <c>A</c> is a vector or matrix. The scalar binder does not read this node: matrix claims are lowered to
/// indexed scalar syntax first.
/// </summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Operand">The transposed expression.</param>
public sealed record TransposeSyntax(int Line, int Column, SyntaxNode Operand) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => Operand is NameSyntax or CallSyntax or MatrixCallSyntax ? Operand + "'" : "(" + Operand + ")'";
}

/// <summary>
/// An entrywise operation of matrix notation: <c>A .* B</c> (also <c>A ⊙ B</c>, <c>odot(A, B)</c>),
/// <c>A ./ B</c> and <c>A .^ p</c>.
/// </summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Operator">'*' (Hadamard product), '/' (entrywise quotient) or '^' (entrywise power).</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record EntrywiseSyntax(int Line, int Column, char Operator, SyntaxNode Left, SyntaxNode Right) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "(" + Left + " ." + Operator + " " + Right + ")";
}

/// <summary>
/// A call of a matrix-notation function: <c>softmax(z)</c>, <c>logsumexp(z)</c>, <c>sum(A)</c>,
/// <c>norm(v)</c>, <c>trace(A)</c>, <c>dot(u, v)</c>, <c>diag(v)</c>, and the constants <c>ones(K)</c>,
/// <c>eye(K)</c>, <c>zeros(K)</c>, <c>zeros(H x D)</c> (whose arguments are sizes: names or whole numbers).
/// </summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Function">The function's name as above.</param>
/// <param name="Arguments">The arguments in order.</param>
public sealed record MatrixCallSyntax(int Line, int Column, string Function, ImmutableArray<SyntaxNode> Arguments) : SyntaxNode(Line, Column)
{
    /// <summary>The functions read as matrix-notation calls, and how many arguments each takes.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Arities = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["sum"] = (1, 1),
        ["softmax"] = (1, 1),
        ["logsumexp"] = (1, 1),
        ["norm"] = (1, 1),
        ["trace"] = (1, 1),
        ["dot"] = (2, 2),
        ["diag"] = (1, 1),
        ["ones"] = (1, 2),
        ["eye"] = (1, 1),
        ["zeros"] = (1, 2),
    };

    /// <summary>True for the constants whose arguments are sizes (<c>ones</c>, <c>eye</c>, <c>zeros</c>).</summary>
    public bool IsConstant => Function is "ones" or "eye" or "zeros";

    /// <inheritdoc/>
    public bool Equals(MatrixCallSyntax? other) =>
        other is not null && Line == other.Line && Column == other.Column && Function == other.Function
        && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Line, Column, Function, Arguments.Length);

    /// <inheritdoc/>
    public override string ToString() =>
        Function + "(" + string.Join(IsConstant ? " x " : ", ", Arguments.Select(a => a.ToString())) + ")";
}
