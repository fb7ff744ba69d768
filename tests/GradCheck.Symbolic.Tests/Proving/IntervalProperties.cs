using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using Interval = GradCheck.Symbolic.Proving.Interval;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>Every enclosure contains the exact real result, checked in exact rational arithmetic.</summary>
public sealed class IntervalProperties
{
    /// <summary>Doubles of every magnitude and sign, exact zeros and awkward values included.</summary>
    public static Arbitrary<double> Doubles() =>
        Gen.Frequency(
            (4, from m in Gen.Choose(-1_000_000, 1_000_000) from e in Gen.Choose(-40, 40) select Math.ScaleB(m / 999_983.0, e)),
            (1, Gen.Elements(0.0, 1.0, -1.0, 0.1, 1.0 / 3, Math.PI, 1e-300, -2.5e300, double.Epsilon)))
        .ToArbitrary();

    /// <summary>Arguments where exp is neither tiny nor huge, on a fine binary grid.</summary>
    public static Arbitrary<(double, bool)> ExpArguments() =>
        (from k in Gen.Choose(-4 << 20, 4 << 20) from flag in Gen.Elements(true, false) select ((double)k / (1 << 20), flag)).ToArbitrary();

    [Property(Arbitrary = [typeof(IntervalProperties)], MaxTest = 300)]
    public bool Arithmetic_EnclosesTheExactResult(double a, double b)
    {
        var x = Interval.Point(a);
        var y = Interval.Point(b);
        var ra = ExactRational.Of(a);
        var rb = ExactRational.Of(b);
        var ok = Contains(x + y, ra + rb) && Contains(x - y, ra - rb) && Contains(x * y, ra * rb);
        return ok && (rb.IsZero ? !(x / y).IsDefined : Contains(x / y, ra / rb));
    }

    [Property(Arbitrary = [typeof(IntervalProperties)], MaxTest = 200)]
    public bool Exp_EnclosesTheExactResult((double X, bool Wide) argument)
    {
        // A point, or a small interval around it: the enclosure must hold exp of both ends.
        var x = argument.Wide ? new Interval(argument.X, argument.X + (1.0 / 1024)) : Interval.Point(argument.X);
        var e = Interval.Exp(x);
        var (loLow, _) = ExpBounds(ExactRational.Of(x.Lo));
        var (_, hiHigh) = ExpBounds(ExactRational.Of(x.Hi));
        return ExactRational.Of(e.Lo) <= loLow && hiHigh <= ExactRational.Of(e.Hi);
    }

    [Property(Arbitrary = [typeof(IntervalProperties)], MaxTest = 200)]
    public bool Ln_EnclosesTheExactResult((double X, bool Wide) argument)
    {
        // ln encloses y when exp(lo) ≤ y ≤ exp(hi); check with exact exp of the bounds.
        var y = Math.Exp(argument.X);
        var l = Interval.Ln(Interval.Point(y));
        var (_, expLoHigh) = ExpBounds(ExactRational.Of(l.Lo));
        var (expHiLow, _) = ExpBounds(ExactRational.Of(l.Hi));
        var exact = ExactRational.Of(y);
        return expLoHigh <= exact && exact <= expHiLow;
    }

    [Property(Arbitrary = [typeof(IntervalProperties)], MaxTest = 200)]
    public bool SigmoidTanhSoftplus_AreMonotoneEnclosuresOfTheDoubleFormulas((double X, bool Wide) argument)
    {
        var x = argument.X;
        var s = Interval.Sigmoid(Interval.Point(x));
        var t = Interval.Tanh(Interval.Point(x));
        var p = Interval.Softplus(Interval.Point(x));
        return s.Lo <= 1 / (1 + Math.Exp(-x)) && 1 / (1 + Math.Exp(-x)) <= s.Hi
            && t.Lo <= Math.Tanh(x) && Math.Tanh(x) <= t.Hi
            && p.Lo <= Math.Log(1 + Math.Exp(x)) && Math.Log(1 + Math.Exp(x)) <= p.Hi
            && s.Width < 1e-14 && t.Width < 1e-14 && p.Width < 1e-13;
    }

    [Test]
    public void Pow_ExponentBeyondMaxExactPower_KeepsMagnitudeAndSign()
    {
        var huge = BigInteger.Pow(10, 20);
        var odd = huge + 1;
        var below = Interval.Pow(Interval.Point(0.5), huge);
        Assert.That((below.Lo, below.Hi < 1e-300), Is.EqualTo((0.0, true)), "0.5^(10^20) underflows: nowhere near 1");
        var negativeOdd = Interval.Pow(Interval.Point(-0.5), odd);
        Assert.That((negativeOdd.Lo > -1e-300, negativeOdd.Hi), Is.EqualTo((true, 0.0)));
        var above = Interval.Pow(Interval.Point(2), odd);
        Assert.That((above.Lo > 1e300, above.Hi), Is.EqualTo((true, double.PositiveInfinity)));
        var aboveNegative = Interval.Pow(Interval.Point(-2), odd);
        Assert.That((aboveNegative.Lo, aboveNegative.Hi < -1e300), Is.EqualTo((double.NegativeInfinity, true)));
        Assert.That(Interval.Pow(Interval.Point(-1), odd), Is.EqualTo(new Interval(-1, 0)));
        Assert.That(Interval.Pow(Interval.Point(1), huge), Is.EqualTo(new Interval(0, 1)));
        var straddle = Interval.Pow(new Interval(-0.5, 0.25), odd);
        Assert.That((straddle.Lo > -1e-300, straddle.Hi < 1e-300, straddle.ContainsZero), Is.EqualTo((true, true, true)));
    }

    [Test]
    public void Pow_EvenPowerThroughZero_StartsAtZero()
    {
        var square = Interval.Pow(new Interval(-2, 3), 2);
        Assert.That((square.Lo, square.Hi >= 9), Is.EqualTo((0.0, true)));
        Assert.That(Interval.Pow(Interval.Point(-2), 3).Hi, Is.LessThan(-7.99));
        Assert.That(Interval.Pow(Interval.Point(2), -2).Lo, Is.LessThanOrEqualTo(0.25));
    }

    [Test]
    public void DomainErrors_AreUndefinedAndPoles_AreUnbounded()
    {
        Assert.That(Interval.Ln(Interval.Point(-1)).IsDefined, Is.False);
        Assert.That(Interval.Sqrt(Interval.Point(-1)).IsDefined, Is.False);
        Assert.That(Interval.Reciprocal(Interval.Point(0)).IsDefined, Is.False);
        Assert.That(Interval.Reciprocal(new Interval(-1, 1)), Is.EqualTo(Interval.Entire));
        Assert.That(Interval.Disjoint(Interval.Entire, Interval.Point(3)), Is.False);
        Assert.That(Interval.Disjoint(Interval.Undefined, Interval.Point(3)), Is.False);
    }

    [Test]
    public void FromRational_OfAThird_EnclosesItAndOfAHalf_IsAPoint()
    {
        var third = new Rational(1, 3);
        Assert.That(Contains(Interval.FromRational(third), third), Is.True);
        Assert.That(Interval.FromRational(new Rational(1, 2)), Is.EqualTo(Interval.Point(0.5)));
    }

    private static bool Contains(Interval i, Rational exact) =>
        i.IsDefined && (double.IsNegativeInfinity(i.Lo) || ExactRational.Of(i.Lo) <= exact)
        && (double.IsPositiveInfinity(i.Hi) || exact <= ExactRational.Of(i.Hi));

    /// <summary>Lower and upper bounds of eˣ for |x| ≤ 5 from 40 Taylor terms and a bound on the rest.</summary>
    private static (Rational Low, Rational High) ExpBounds(Rational x)
    {
        var sum = Rational.Zero;
        var term = Rational.One;
        for (var n = 1; n <= 40; n++)
        {
            sum += term;
            term = term * x / n;
        }

        // |rest| ≤ |term|·e^|x| ≤ |term|·3^6 for |x| ≤ 5 (e < 3, so e^5 < 3^5 < 3^6).
        var rest = term.Abs() * new Rational(BigInteger.Pow(3, 6));
        return (sum - rest, sum + rest);
    }
}
