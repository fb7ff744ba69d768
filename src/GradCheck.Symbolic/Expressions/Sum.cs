using System.Collections.Immutable;

namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// An n-ary sum (n ≥ 2) in canonical form: no nested sums, at most one number (first), like terms
/// combined (no two terms differ only by their numeric coefficient), terms in canonical order.
/// Create with <c>+</c>, <c>-</c> or <see cref="Expr.Add(IEnumerable{Expr})"/>.
/// </summary>
/// <example><code>(Expr.Sym("y") - 1 + Expr.Sym("x")).ToString(); // "-1 + x + y"</code></example>
public sealed record Sum : Expr
{
    internal Sum(ImmutableArray<Expr> terms)
        : base(SequenceHash(3, terms))
    {
        Terms = terms;
    }

    /// <summary>The terms, in canonical order.</summary>
    public ImmutableArray<Expr> Terms { get; }

    private protected override int Rank => 5;

    /// <summary>Deconstructs into the terms.</summary>
    public void Deconstruct(out ImmutableArray<Expr> terms) => terms = Terms;

    private protected override int CompareSameRank(Expr other) => CompareSequences(Terms, ((Sum)other).Terms);

    /// <inheritdoc />
    public bool Equals(Sum? other) =>
        other is not null && (ReferenceEquals(this, other) || (Hash == other.Hash && SequenceEquals(Terms, other.Terms)));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
