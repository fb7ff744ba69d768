using System.Collections.Immutable;
using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// N / (c · Π Fᵢ^eᵢ): a Laurent polynomial numerator with integer coefficients over a positive
/// integer constant times powers of interned factor polynomials (each primitive, with no monomial
/// content, leading coefficient positive). Keeping the denominator factored lets sums find a
/// small common denominator without any polynomial GCD. Immutable; structural equality.
/// </summary>
internal sealed class RationalFunction : IEquatable<RationalFunction>
{
    public RationalFunction(Polynomial numerator, BigInteger denominator, ImmutableArray<(int Factor, int Exponent)> factors)
    {
        Numerator = numerator;
        Denominator = denominator;
        Factors = factors;
    }

    public static RationalFunction Zero { get; } = new(Polynomial.Zero, BigInteger.One, []);

    public static RationalFunction One { get; } = new(Polynomial.One, BigInteger.One, []);

    public Polynomial Numerator { get; }

    /// <summary>The positive integer constant of the denominator.</summary>
    public BigInteger Denominator { get; }

    /// <summary>Factor ids with positive exponents, ascending by id.</summary>
    public ImmutableArray<(int Factor, int Exponent)> Factors { get; }

    public bool IsZero => Numerator.IsZero;

    /// <summary>True when the value is a rational constant.</summary>
    public bool IsConstant => Factors.IsEmpty && Numerator.IsConstant;

    public Rational ConstantValue => new(Numerator.ConstantTerm, Denominator);

    public static RationalFunction Constant(Rational value) =>
        new(Polynomial.Constant(value.Numerator), value.Denominator, []);

    public bool Equals(RationalFunction? other) =>
        other is not null && Denominator == other.Denominator && Factors.SequenceEqual(other.Factors) && Numerator.Equals(other.Numerator);

    public override bool Equals(object? obj) => Equals(obj as RationalFunction);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Numerator, Denominator);
        foreach (var (factor, exponent) in Factors)
        {
            hash = HashCode.Combine(hash, factor, exponent);
        }

        return hash;
    }
}
