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

    // The nearest double, computed on first use (NaN = not yet: a rational is never NaN, and a double
    // is written atomically, so concurrent first uses at worst compute it twice).
    private double _double = double.NaN;

    /// <summary>The value.</summary>
    public Rational Value { get; }

    /// <summary>The nearest double to <see cref="Value"/> (cached).</summary>
    public double ToDouble()
    {
        var d = _double;
        if (double.IsNaN(d))
        {
            d = Value.ToDouble();
            _double = d;
        }

        return d;
    }

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
