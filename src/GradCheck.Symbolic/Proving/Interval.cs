using System.Globalization;
using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// A closed interval [<see cref="Lo"/>, <see cref="Hi"/>] of doubles that is guaranteed to contain
/// the exact real result of the operations that built it. Every operation rounds outward: results
/// of IEEE operations (correctly rounded to nearest) are moved one ulp out with
/// <see cref="Math.BitDecrement"/>/<see cref="Math.BitIncrement"/>; results of library functions
/// that are not correctly rounded (exp, ln, tanh, pow) are moved <see cref="LibraryUlps"/> ulps out.
/// </summary>
/// <remarks>
/// NaN policy: an operation outside its domain (ln of a non-positive interval, division by an
/// interval that is exactly 0, sqrt of a negative interval) yields <see cref="Undefined"/>, whose
/// bounds are NaN and which propagates. An interval that straddles a pole or a domain boundary
/// yields an enclosure with infinite bounds, which is still sound. Two enclosures that are
/// <see cref="Disjoint"/> prove that the exact values differ.
/// </remarks>
public readonly record struct Interval(double Lo, double Hi)
{
    /// <summary>Ulps by which results of exp, ln, tanh and pow are widened (they are not correctly rounded).</summary>
    public const int LibraryUlps = 4;

    /// <summary>Integer powers up to this are multiplied out by <see cref="Pow(Interval, BigInteger)"/>; beyond it they are bounded.</summary>
    public const int MaxExactPower = 4096;

    /// <summary>The undefined result (NaN bounds).</summary>
    public static Interval Undefined => new(double.NaN, double.NaN);

    /// <summary>The whole real line.</summary>
    public static Interval Entire => new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>True when the interval is a real enclosure (not <see cref="Undefined"/>).</summary>
    public bool IsDefined => !double.IsNaN(Lo) && !double.IsNaN(Hi);

    /// <summary>Hi − Lo (rounded up); +∞ for unbounded intervals, NaN when undefined.</summary>
    public double Width => Math.BitIncrement(Hi - Lo);

    /// <summary>The midpoint (a representative value; not itself rigorous).</summary>
    public double Midpoint => double.IsInfinity(Lo) || double.IsInfinity(Hi) ? (Lo + Hi) / 2 : Lo + ((Hi - Lo) / 2);

    /// <summary>True when 0 is in the interval.</summary>
    public bool ContainsZero => Lo <= 0 && Hi >= 0;

    /// <summary>The degenerate interval [x, x] of an exact double.</summary>
    public static Interval Point(double x) => new(x, x);

    /// <summary>An enclosure of an exact rational: the point when it is a double, else one ulp each way.</summary>
    public static Interval FromRational(Rational value)
    {
        var x = value.ToDouble();
        return double.IsFinite(x) && ExactRational.Of(x) == value ? Point(x) : new Interval(Math.BitDecrement(x), Math.BitIncrement(x));
    }

    /// <summary>True when the two enclosures have no point in common (so their exact values differ).</summary>
    public static bool Disjoint(Interval a, Interval b) => a.IsDefined && b.IsDefined && (a.Hi < b.Lo || b.Hi < a.Lo);

    /// <summary>Enclosure of a + b.</summary>
    public static Interval operator +(Interval a, Interval b) =>
        Make(Down(a.Lo + b.Lo, 1), Up(a.Hi + b.Hi, 1));

    /// <summary>Enclosure of −a (exact).</summary>
    public static Interval operator -(Interval a) => new(-a.Hi, -a.Lo);

    /// <summary>Enclosure of a − b.</summary>
    public static Interval operator -(Interval a, Interval b) => a + (-b);

    /// <summary>Enclosure of a · b.</summary>
    public static Interval operator *(Interval a, Interval b)
    {
        if (!a.IsDefined || !b.IsDefined)
        {
            return Undefined;
        }

        if (a.Lo == a.Hi && b.Lo == b.Hi)
        {
            var p = a.Lo * b.Lo;
            return Make(Down(p, 1), Up(p, 1));
        }

        double p1 = MulZero(a.Lo, b.Lo), p2 = MulZero(a.Lo, b.Hi), p3 = MulZero(a.Hi, b.Lo), p4 = MulZero(a.Hi, b.Hi);
        return Make(Down(Math.Min(Math.Min(p1, p2), Math.Min(p3, p4)), 1), Up(Math.Max(Math.Max(p1, p2), Math.Max(p3, p4)), 1));
    }

    /// <summary>Enclosure of a / b; <see cref="Undefined"/> when b is exactly 0, unbounded when b straddles 0.</summary>
    public static Interval operator /(Interval a, Interval b) => a * Reciprocal(b);

    /// <summary>Enclosure of 1 / b; <see cref="Undefined"/> when b is exactly 0, unbounded when b straddles 0.</summary>
    public static Interval Reciprocal(Interval b)
    {
        if (!b.IsDefined || (b.Lo == 0 && b.Hi == 0))
        {
            return Undefined;
        }

        if (b.ContainsZero)
        {
            return Entire;
        }

        return Make(Down(1 / b.Hi, 1), Up(1 / b.Lo, 1));
    }

    /// <summary>Enclosure of a^n for an integer n (0^0 = 1; a negative n divides).</summary>
    public static Interval Pow(Interval a, BigInteger n)
    {
        if (!a.IsDefined)
        {
            return Undefined;
        }

        if (n.IsZero)
        {
            return Point(1);
        }

        if (n.Sign < 0)
        {
            return Reciprocal(Pow(a, -n));
        }

        if (n > MaxExactPower)
        {
            return PowHuge(a, n);
        }

        var exponent = (int)n;
        if (exponent % 2 == 0 && a.ContainsZero)
        {
            // An even power of an interval through 0 is [0, max(|lo|, |hi|)^n].
            var magnitude = Math.Max(-a.Lo, a.Hi);
            return new Interval(0, PowByMultiplication(new Interval(magnitude, magnitude), exponent).Hi);
        }

        return PowByMultiplication(a, exponent);
    }

    /// <summary>
    /// a^n for n beyond <see cref="MaxExactPower"/>, where every magnitude other than 0 and 1 over- or
    /// underflows: bounded through m^<see cref="MaxExactPower"/>, which is above m^n for m &lt; 1 and
    /// below it for m &gt; 1. (A plain [0, 1] would let 0.5^(10^20) agree with 1.)
    /// </summary>
    private static Interval PowHuge(Interval a, BigInteger n)
    {
        var largest = Math.Max(-a.Lo, a.Hi);
        var smallest = a.ContainsZero ? 0 : Math.Min(Math.Abs(a.Lo), Math.Abs(a.Hi));
        var hi = largest < 1 ? PowByMultiplication(Point(largest), MaxExactPower).Hi
            : largest == 1 ? 1
            : double.PositiveInfinity;
        var lo = smallest > 1 ? PowByMultiplication(Point(smallest), MaxExactPower).Lo : 0;
        if (a.Lo >= 0 || n.IsEven)
        {
            return new Interval(lo, hi);
        }

        return a.Hi <= 0 ? new Interval(-hi, -lo) : new Interval(-hi, hi);
    }

    private static Interval PowByMultiplication(Interval a, int exponent)
    {
        var result = Point(1);
        var square = a;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result *= square;
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                square = Square(square);
            }
        }

        return result;
    }

    /// <summary>Enclosure of a² (never negative).</summary>
    public static Interval Square(Interval a)
    {
        var product = a * a;
        return a.ContainsZero && product.IsDefined ? new Interval(0, Math.Max(0, product.Hi)) : product;
    }

    /// <summary>Enclosure of eˣ.</summary>
    public static Interval Exp(Interval a) => !a.IsDefined
        ? Undefined
        : Make(Math.Max(0, Down(Math.Exp(a.Lo), LibraryUlps)), Up(Math.Exp(a.Hi), LibraryUlps));

    /// <summary>Enclosure of ln x; <see cref="Undefined"/> when x ≤ 0 throughout, −∞ below when x reaches 0.</summary>
    public static Interval Ln(Interval a)
    {
        if (!a.IsDefined || a.Hi <= 0)
        {
            return Undefined;
        }

        var lo = a.Lo <= 0 ? double.NegativeInfinity : Down(Math.Log(a.Lo), LibraryUlps);
        return Make(lo, Up(Math.Log(a.Hi), LibraryUlps));
    }

    /// <summary>Enclosure of √x (sqrt is correctly rounded in IEEE 754); <see cref="Undefined"/> when x &lt; 0 throughout.</summary>
    public static Interval Sqrt(Interval a)
    {
        if (!a.IsDefined || a.Hi < 0)
        {
            return Undefined;
        }

        var lo = a.Lo <= 0 ? 0 : Math.Max(0, Down(Math.Sqrt(a.Lo), 1));
        return Make(lo, Up(Math.Sqrt(a.Hi), 1));
    }

    /// <summary>Enclosure of tanh x (clamped to [−1, 1]).</summary>
    public static Interval Tanh(Interval a) => !a.IsDefined
        ? Undefined
        : Make(Math.Max(-1, Down(Math.Tanh(a.Lo), LibraryUlps)), Math.Min(1, Up(Math.Tanh(a.Hi), LibraryUlps)));

    /// <summary>Enclosure of σ(x) = 1/(1 + e^−x), composed from rigorous operations.</summary>
    public static Interval Sigmoid(Interval a)
    {
        var result = Reciprocal(Point(1) + Exp(-a));
        return result.IsDefined ? Make(Math.Max(0, result.Lo), Math.Min(1, result.Hi)) : result;
    }

    /// <summary>Enclosure of softplus x = ln(1 + eˣ), composed from rigorous operations.</summary>
    public static Interval Softplus(Interval a)
    {
        var result = Ln(Point(1) + Exp(a));
        return result.IsDefined ? Make(Math.Max(0, result.Lo), result.Hi) : result;
    }

    /// <summary>Enclosure of max(0, x) (exact).</summary>
    public static Interval Relu(Interval a) => !a.IsDefined ? Undefined : new(Math.Max(0, a.Lo), Math.Max(0, a.Hi));

    /// <summary>Enclosure of |x| (exact).</summary>
    public static Interval Abs(Interval a) => !a.IsDefined
        ? Undefined
        : a.Lo >= 0 ? a : a.Hi <= 0 ? -a : new(0, Math.Max(-a.Lo, a.Hi));

    /// <summary>Enclosure of sign x: exact away from 0, [−1, 1] when the interval touches 0 (any convention at 0).</summary>
    public static Interval Sign(Interval a) => !a.IsDefined
        ? Undefined
        : a.Lo > 0 ? Point(1) : a.Hi < 0 ? Point(-1) : new(-1, 1);

    /// <summary>Enclosure of the Heaviside step: exact away from 0, [0, 1] when the interval touches 0 (any convention at 0).</summary>
    public static Interval Step(Interval a) => !a.IsDefined
        ? Undefined
        : a.Lo > 0 ? Point(1) : a.Hi < 0 ? Point(0) : new(0, 1);

    /// <summary>Enclosure of bˣ for b ≥ 0 as exp(x·ln b); 0^x = 0 for x &gt; 0.</summary>
    public static Interval PowReal(Interval b, Interval x)
    {
        if (!b.IsDefined || !x.IsDefined || b.Hi < 0)
        {
            return Undefined;
        }

        if (b.Lo <= 0)
        {
            // Through 0: the power tends to 0 (x > 0), blows up (x < 0) or is unknown.
            if (x.Lo > 0)
            {
                var top = b.Hi == 0 ? Point(0) : Exp(x * Ln(new Interval(b.Hi, b.Hi)));
                return new Interval(0, Math.Max(top.Hi, b.Hi <= 1 ? 1 : top.Hi));
            }

            return b.Hi == 0 ? Undefined : Entire;
        }

        return Exp(x * Ln(b));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lo:R}, {Hi:R}]");

    // 0·∞ is taken as 0: the bound belongs to an interval that reaches 0 exactly.
    private static double MulZero(double x, double y) => x == 0 || y == 0 ? 0 : x * y;

    private static Interval Make(double lo, double hi) =>
        double.IsNaN(lo) || double.IsNaN(hi) ? Undefined : new Interval(lo, hi);

    private static double Down(double x, int ulps)
    {
        for (var i = 0; i < ulps; i++)
        {
            x = Math.BitDecrement(x);
        }

        return x;
    }

    private static double Up(double x, int ulps)
    {
        for (var i = 0; i < ulps; i++)
        {
            x = Math.BitIncrement(x);
        }

        return x;
    }
}
