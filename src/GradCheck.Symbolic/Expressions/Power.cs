namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// <c>Base^Exponent</c>. Real semantics: an integer exponent works for any base; a non-integer
/// exponent needs a base ≥ 0 (NaN otherwise, as <see cref="Math.Pow"/>). Create with <see cref="Expr.Pow"/>.
/// </summary>
/// <example><code>Expr.Pow(Expr.Sym("x"), new Rational(3, 2)).ToString(); // "x^(3/2)"; x^(1/2) prints "sqrt(x)"</code></example>
public sealed record Power : Expr
{
    internal Power(Expr @base, Expr exponent)
        : base(HashCode.Combine(5, @base.GetHashCode(), exponent.GetHashCode()))
    {
        Base = @base;
        Exponent = exponent;
    }

    /// <summary>The base.</summary>
    public Expr Base { get; }

    /// <summary>The exponent.</summary>
    public Expr Exponent { get; }

    private protected override int Rank => 2;

    /// <summary>Deconstructs into base and exponent.</summary>
    public void Deconstruct(out Expr @base, out Expr exponent)
    {
        @base = Base;
        exponent = Exponent;
    }

    private protected override int CompareSameRank(Expr other)
    {
        var power = (Power)other;
        var byBase = Base.CompareTo(power.Base);
        return byBase != 0 ? byBase : Exponent.CompareTo(power.Exponent);
    }

    /// <inheritdoc />
    public bool Equals(Power? other) =>
        other is not null
        && (ReferenceEquals(this, other) || (Hash == other.Hash && Base.Equals(other.Base) && Exponent.Equals(other.Exponent)));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
