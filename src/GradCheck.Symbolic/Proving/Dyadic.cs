using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// A dyadic number M·2^E with a BigInteger mantissa: the endpoints of <see cref="PreciseEvaluator"/>'s
/// intervals. Sums, differences and products are exact before <see cref="Round"/> cuts the mantissa to a
/// number of bits, always outward (down for a lower end, up for an upper end), so every enclosure is rigorous.
/// </summary>
internal readonly record struct Dyadic(BigInteger M, int E)
{
    public static Dyadic Zero => new(BigInteger.Zero, 0);

    public static Dyadic One => new(BigInteger.One, 0);

    public int Sign => M.Sign;

    /// <summary>⌊log₂|x|⌋ + 1 for x ≠ 0: the position of the leading bit.</summary>
    public long Magnitude => (long)M.GetBitLength() + E;

    public static Dyadic Of(long value) => new(value, 0);

    /// <summary>The double's exact value (every finite double is dyadic).</summary>
    public static Dyadic Of(double x)
    {
        var r = ExactRational.Of(x);
        return FromRational(r, 64, up: false);
    }

    /// <summary>The rational rounded to <paramref name="bits"/> significant bits, down or up; exact when its denominator is a power of 2.</summary>
    public static Dyadic FromRational(Rational r, int bits, bool up)
    {
        var d = r.Denominator;
        if (d.IsPowerOfTwo)
        {
            return new Dyadic(r.Numerator, -(int)(d.GetBitLength() - 1));
        }

        var k = Math.Max(0, bits - (int)(BigInteger.Abs(r.Numerator).GetBitLength() - d.GetBitLength()) + 2);
        var scaled = r.Numerator << k;
        var q = BigInteger.DivRem(scaled, d, out var rem);
        q = Adjust(q, rem.Sign, scaled.Sign, up);
        return new Dyadic(q, -k);
    }

    public Rational ToRational() => E >= 0 ? new Rational(M << E) : new Rational(M, BigInteger.One << -E);

    public double ToDouble()
    {
        if (M.IsZero)
        {
            return 0;
        }

        var shift = Math.Max(0, (int)M.GetBitLength() - 62);
        return Math.ScaleB((double)(M >> shift), E + shift);
    }

    public static Dyadic operator -(Dyadic x) => new(-x.M, x.E);

    public static Dyadic Add(Dyadic a, Dyadic b)
    {
        if (a.M.IsZero)
        {
            return b;
        }

        if (b.M.IsZero)
        {
            return a;
        }

        var e = Math.Min(a.E, b.E);
        return new Dyadic((a.M << (a.E - e)) + (b.M << (b.E - e)), e);
    }

    public static Dyadic Multiply(Dyadic a, Dyadic b) => new(a.M * b.M, a.E + b.E);

    public static int Compare(Dyadic a, Dyadic b) => Add(a, -b).Sign;

    public static Dyadic Min(Dyadic a, Dyadic b) => Compare(a, b) <= 0 ? a : b;

    public static Dyadic Max(Dyadic a, Dyadic b) => Compare(a, b) >= 0 ? a : b;

    /// <summary>Cut to at most <paramref name="bits"/> significant bits, rounding down or up.</summary>
    public Dyadic Round(int bits, bool up)
    {
        var length = (long)M.GetBitLength();
        if (length <= bits)
        {
            return this;
        }

        var shift = (int)(length - bits);
        var q = M >> shift; // arithmetic shift: the floor
        if (up && !(q << shift).Equals(M))
        {
            q += 1;
        }

        return new Dyadic(q, E + shift);
    }

    /// <summary>a / b rounded down or up to about <paramref name="bits"/> significant bits; b ≠ 0.</summary>
    public static Dyadic Divide(Dyadic a, Dyadic b, int bits, bool up)
    {
        if (a.M.IsZero)
        {
            return Zero;
        }

        var k = bits + (int)b.M.GetBitLength() - (int)a.M.GetBitLength() + 2;
        k = Math.Max(k, 0);
        var numerator = a.M << k;
        var q = BigInteger.DivRem(numerator, b.M, out var rem);
        q = Adjust(q, rem.Sign, numerator.Sign * b.M.Sign, up);
        return new Dyadic(q, a.E - b.E - k);
    }

    /// <summary>Truncated quotient q with remainder sign <paramref name="remSign"/> of a true quotient of sign <paramref name="sign"/>, to the floor or ceiling.</summary>
    private static BigInteger Adjust(BigInteger q, int remSign, int sign, bool up)
    {
        if (remSign == 0)
        {
            return q;
        }

        // BigInteger division truncates toward 0: for a positive quotient q is the floor, for a negative one the ceiling.
        if (sign > 0)
        {
            return up ? q + 1 : q;
        }

        return up ? q : q - 1;
    }

    /// <summary>⌊√n⌋ for n ≥ 0 (Newton's method on integers).</summary>
    public static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n.Sign <= 0)
        {
            return BigInteger.Zero;
        }

        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + (n / x)) >> 1;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }
}
