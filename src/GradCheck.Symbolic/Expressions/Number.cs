namespace GradCheck.Symbolic.Expressions;

/// <summary>An exact rational constant. Create with <see cref="Expr.Num(Rational)"/>.</summary>
/// <example><code>Expr.Num(new Rational(-1, 3)).ToString(); // "-1/3"</code></example>
public sealed record Number : Expr
{
    internal Number(Rational value)
        : base(HashCode.Combine(1, value))
    {
        Value = value;
    }

    /// <summary>The value.</summary>
    public Rational Value { get; }

    private protected override int Rank => 0;

    /// <summary>Deconstructs into the value.</summary>
    public void Deconstruct(out Rational value) => value = Value;

    private protected override int CompareSameRank(Expr other) => Value.CompareTo(((Number)other).Value);

    /// <inheritdoc />
    public bool Equals(Number? other) =>
        other is not null && (ReferenceEquals(this, other) || (Hash == other.Hash && Value == other.Value));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
