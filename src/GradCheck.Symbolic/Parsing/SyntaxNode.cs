using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// A node of the expression syntax tree produced by <see cref="ExpressionParser"/>. Every node
/// knows where its text starts (<see cref="Line"/>, <see cref="Column"/>, 1-based) so the binder
/// can point at the offending node. <see cref="object.ToString"/> prints the node back in the
/// claims syntax (fully parenthesised where precedence needs it).
/// </summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
public abstract record SyntaxNode(int Line, int Column)
{
    /// <summary>Prints the node in the claims syntax.</summary>
    public abstract override string ToString();
}

/// <summary>A number literal; decimals are exact (<c>0.1</c> is 1/10).</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Text">The literal as written.</param>
/// <param name="Numerator">Exact value's numerator (the fraction is in lowest terms).</param>
/// <param name="Denominator">Exact value's denominator, positive.</param>
public sealed record NumberSyntax(int Line, int Column, string Text, BigInteger Numerator, BigInteger Denominator)
    : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>One subscript entry: an integer literal or an index variable.</summary>
/// <param name="Line">1-based line of the entry.</param>
/// <param name="Column">1-based column of the entry.</param>
/// <param name="Variable">The index variable's name, or null for a literal.</param>
/// <param name="Literal">The literal's value when <paramref name="Variable"/> is null.</param>
public sealed record SubscriptSyntax(int Line, int Column, string? Variable, int Literal)
{
    /// <inheritdoc/>
    public override string ToString() => Variable ?? Literal.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A name with an optional subscript list: <c>z</c>, <c>z_i</c>, <c>W_{j,k}</c>, <c>K</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Name">The name without subscript.</param>
/// <param name="Subscripts">The subscript entries; empty when there is none.</param>
public sealed record NameSyntax(int Line, int Column, string Name, ImmutableArray<SubscriptSyntax> Subscripts)
    : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public bool Equals(NameSyntax? other) =>
        other is not null && Line == other.Line && Column == other.Column && Name == other.Name
        && Subscripts.SequenceEqual(other.Subscripts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Line, Column, Name, Subscripts.Length);

    /// <inheritdoc/>
    public override string ToString() => Subscripts.Length switch
    {
        0 => Name,
        1 => Name + "_" + Subscripts[0],
        _ => Name + "_{" + string.Join(",", Subscripts) + "}",
    };
}

/// <summary>A call of a built-in function: <c>exp(x)</c>, <c>σ(z)</c>, <c>log(y)</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Function">The canonical function name: exp, ln, sqrt, sigmoid, tanh, relu, abs, sign, step or softplus.</param>
/// <param name="Argument">The argument.</param>
public sealed record CallSyntax(int Line, int Column, string Function, SyntaxNode Argument) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => Function + "(" + Argument + ")";
}

/// <summary>Unary minus (or plus): <c>-x</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Operator">'-' or '+'.</param>
/// <param name="Operand">The operand.</param>
public sealed record UnarySyntax(int Line, int Column, char Operator, SyntaxNode Operand) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "(" + Operator + Operand + ")";
}

/// <summary>A binary operation: <c>+ - * / ^</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Operator">One of '+', '-', '*', '/', '^'.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BinarySyntax(int Line, int Column, char Operator, SyntaxNode Left, SyntaxNode Right)
    : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "(" + Left + " " + Operator + " " + Right + ")";
}

/// <summary><c>sum(k, Body)</c>: the body summed over the range of index <c>k</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Index">The bound index variable.</param>
/// <param name="Body">The summand.</param>
public sealed record IndexSumSyntax(int Line, int Column, string Index, SyntaxNode Body) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "sum(" + Index + ", " + Body + ")";
}

/// <summary><c>prod(k, Body)</c>: the body multiplied over the range of index <c>k</c>.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Index">The bound index variable.</param>
/// <param name="Body">The factor.</param>
public sealed record IndexProductSyntax(int Line, int Column, string Index, SyntaxNode Body) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "prod(" + Index + ", " + Body + ")";
}

/// <summary><c>delta(i, j)</c>: the Kronecker delta, 1 when the indices are equal, else 0.</summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Left">First index.</param>
/// <param name="Right">Second index.</param>
public sealed record DeltaSyntax(int Line, int Column, SubscriptSyntax Left, SubscriptSyntax Right) : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public override string ToString() => "delta(" + Left + ", " + Right + ")";
}

/// <summary>
/// A derivative: <c>d/dx Body</c> (one variable), <c>d2/dx2 Body</c> or <c>d2/dx dy Body</c>
/// (two variables, differentiated in order), or <c>diff(Body, x)</c>.
/// </summary>
/// <param name="Line">1-based line where the node's text starts.</param>
/// <param name="Column">1-based column where the node's text starts.</param>
/// <param name="Body">What is differentiated.</param>
/// <param name="Variables">One or two variables, each a name (possibly indexed).</param>
public sealed record DerivativeSyntax(int Line, int Column, SyntaxNode Body, ImmutableArray<NameSyntax> Variables)
    : SyntaxNode(Line, Column)
{
    /// <inheritdoc/>
    public bool Equals(DerivativeSyntax? other) =>
        other is not null && Line == other.Line && Column == other.Column && Body.Equals(other.Body)
        && Variables.SequenceEqual(other.Variables);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Line, Column, Body, Variables.Length);

    /// <inheritdoc/>
    public override string ToString() => Variables.Length == 1
        ? "(d/d" + Variables[0] + " " + Body + ")"
        : "diff(" + Body + ", " + string.Join(", ", Variables) + ")";
}
