using System.Collections.Immutable;

namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// An n-ary product (n ≥ 2) in canonical form: no nested products, at most one number (first, never 0
/// or 1), like bases combined into one power, factors in canonical order. A number times a single sum
/// is distributed, so <c>2*(x + 1)</c> is the sum <c>2 + 2*x</c>.
/// Create with <c>*</c>, <c>/</c> or <see cref="Expr.Multiply(IEnumerable{Expr})"/>.
/// </summary>
/// <example><code>(Expr.Sym("x") * 3 / Expr.Sym("y")).ToString(); // "3*x/y"</code></example>
public sealed record Product : Expr
{
    internal Product(ImmutableArray<Expr> factors)
        : base(SequenceHash(4, factors))
    {
        Factors = factors;
    }

    /// <summary>The factors, in canonical order (a numeric coefficient, if any, first).</summary>
    public ImmutableArray<Expr> Factors { get; }

    private protected override int Rank => 4;

    /// <summary>Deconstructs into the factors.</summary>
    public void Deconstruct(out ImmutableArray<Expr> factors) => factors = Factors;

    private protected override int CompareSameRank(Expr other) => CompareSequences(Factors, ((Product)other).Factors);

    /// <inheritdoc />
    public bool Equals(Product? other) =>
        other is not null && (ReferenceEquals(this, other) || (Hash == other.Hash && SequenceEquals(Factors, other.Factors)));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
