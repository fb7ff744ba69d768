using System.Globalization;
using System.Numerics;

namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// An exact rational number p/q with <see cref="BigInteger"/> parts, always normalised:
/// gcd(p, q) = 1 and q &gt; 0 (zero is 0/1). <c>default(Rational)</c> is zero.
/// </summary>
/// <example>
/// <code>
/// var third = new Rational(2, -6);          // prints "-1/3"
/// var sum = third + Rational.One;            // prints "2/3"
/// Rational.Parse("0.125").ToString();        // "1/8"
/// </code>
/// </example>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable
{
    private readonly BigInteger _numerator;
    // Stored as denominator − 1 so that default(Rational) is the valid value 0/1.
    private readonly BigInteger _denominatorMinusOne;

    /// <summary>Zero, 0/1.</summary>
    public static Rational Zero => default;

    /// <summary>One, 1/1.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One, normalised: true);

    /// <summary>Minus one, −1/1.</summary>
    public static Rational MinusOne => new(BigInteger.MinusOne, BigInteger.One, normalised: true);

    /// <summary>Creates numerator/denominator, normalised.</summary>
    /// <exception cref="DivideByZeroException">When <paramref name="denominator"/> is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException($"rational number {numerator}/0 has a zero denominator");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        if (numerator.IsZero)
        {
            denominator = BigInteger.One;
        }

        _numerator = numerator;
        _denominatorMinusOne = denominator - BigInteger.One;
    }

    /// <summary>Creates the integer <paramref name="value"/>.</summary>
    public Rational(BigInteger value)
        : this(value, BigInteger.One, normalised: true)
    {
    }

    private Rational(BigInteger numerator, BigInteger denominator, bool normalised)
    {
        // The flag only selects this overload: the caller guarantees lowest terms and a positive denominator.
        _ = normalised;
        _numerator = numerator;
        _denominatorMinusOne = denominator - BigInteger.One;
    }

    /// <summary>The numerator p (carries the sign).</summary>
    public BigInteger Numerator => _numerator;

    /// <summary>The denominator q, always positive.</summary>
    public BigInteger Denominator => _denominatorMinusOne + BigInteger.One;

    /// <summary>True when the denominator is 1.</summary>
    public bool IsInteger => _denominatorMinusOne.IsZero;

    /// <summary>True for 0.</summary>
    public bool IsZero => _numerator.IsZero;

    /// <summary>True for 1.</summary>
    public bool IsOne => _numerator.IsOne && IsInteger;

    /// <summary>−1, 0 or +1.</summary>
    public int Sign => _numerator.Sign;

    /// <summary>|p|/q.</summary>
    public Rational Abs() => _numerator.Sign < 0 ? -this : this;

    /// <summary>The nearest double (round to nearest even on the exact quotient); ±∞ when out of range.</summary>
    public double ToDouble()
    {
        var den = Denominator;
        if (IsInteger)
        {
            return (double)_numerator;
        }

        // Both parts exactly representable: one correctly rounded IEEE division.
        var limit = BigInteger.One << 53;
        if (BigInteger.Abs(_numerator) <= limit && den <= limit)
        {
            return (double)_numerator / (double)den;
        }

        // Otherwise scale the quotient to ~66 significant bits and convert once.
        var shift = (int)(den.GetBitLength() - BigInteger.Abs(_numerator).GetBitLength()) + 66;
        var scaled = shift >= 0 ? (_numerator << shift) / den : _numerator / (den << -shift);
        return Math.ScaleB((double)scaled, -shift);
    }

    /// <summary>This value raised to an integer power (exact).</summary>
    /// <exception cref="DivideByZeroException">Zero to a negative power.</exception>
    public Rational Pow(int exponent)
    {
        if (exponent == 0)
        {
            return One;
        }

        if (exponent < 0)
        {
            if (IsZero)
            {
                throw new DivideByZeroException("0 raised to a negative power");
            }

            var positive = Pow(-exponent);
            return new Rational(positive.Denominator, positive.Numerator);
        }

        return new Rational(BigInteger.Pow(_numerator, exponent), BigInteger.Pow(Denominator, exponent), normalised: true);
    }

    /// <summary>
    /// The exact <paramref name="n"/>-th root when both parts are perfect n-th powers
    /// (and the value is non-negative, or n is odd); otherwise false.
    /// </summary>
    public bool TryRoot(int n, out Rational root)
    {
        root = Zero;
        if (n <= 0 || (Sign < 0 && n % 2 == 0))
        {
            return false;
        }

        if (!TryIntegerRoot(BigInteger.Abs(_numerator), n, out var p) || !TryIntegerRoot(Denominator, n, out var q))
        {
            return false;
        }

        root = new Rational(Sign < 0 ? -p : p, q, normalised: true);
        return true;
    }

    private static bool TryIntegerRoot(BigInteger value, int n, out BigInteger root)
    {
        if (value.IsZero || value.IsOne)
        {
            root = value;
            return true;
        }

        // value ≥ 2 has no integer n-th root once 2^n exceeds it (and huge n would make Newton slow).
        if (n >= value.GetBitLength())
        {
            root = BigInteger.Zero;
            return false;
        }

        // Newton iteration from above, on integers.
        var x = BigInteger.One << (int)((value.GetBitLength() + n - 1) / n);
        while (true)
        {
            var next = (((n - 1) * x) + (value / BigInteger.Pow(x, n - 1))) / n;
            if (next >= x)
            {
                break;
            }

            x = next;
        }

        root = x;
        return BigInteger.Pow(x, n) == value;
    }

    /// <summary>Adds exactly.</summary>
    public static Rational operator +(Rational left, Rational right) =>
        left.IsInteger && right.IsInteger
            ? new Rational(left._numerator + right._numerator, BigInteger.One, normalised: true)
            : new Rational((left._numerator * right.Denominator) + (right._numerator * left.Denominator), left.Denominator * right.Denominator);

    /// <summary>Subtracts exactly.</summary>
    public static Rational operator -(Rational left, Rational right) => left + (-right);

    /// <summary>Negates.</summary>
    public static Rational operator -(Rational value) => new(-value._numerator, value.Denominator, normalised: true);

    /// <summary>Unary plus (identity).</summary>
    public static Rational operator +(Rational value) => value;

    /// <summary>Multiplies exactly.</summary>
    public static Rational operator *(Rational left, Rational right) =>
        left.IsInteger && right.IsInteger
            ? new Rational(left._numerator * right._numerator, BigInteger.One, normalised: true)
            : new Rational(left._numerator * right._numerator, left.Denominator * right.Denominator);

    /// <summary>Divides exactly.</summary>
    /// <exception cref="DivideByZeroException">When <paramref name="right"/> is zero.</exception>
    public static Rational operator /(Rational left, Rational right)
    {
        if (right.IsZero)
        {
            throw new DivideByZeroException($"division of {left} by zero");
        }

        return new Rational(left._numerator * right.Denominator, left.Denominator * right._numerator);
    }

    /// <summary>Named alternative to <c>+</c>.</summary>
    public static Rational Add(Rational left, Rational right) => left + right;

    /// <summary>Named alternative to <c>-</c>.</summary>
    public static Rational Subtract(Rational left, Rational right) => left - right;

    /// <summary>Named alternative to <c>*</c>.</summary>
    public static Rational Multiply(Rational left, Rational right) => left * right;

    /// <summary>Named alternative to <c>/</c>.</summary>
    public static Rational Divide(Rational left, Rational right) => left / right;

    /// <summary>Named alternative to unary <c>-</c>.</summary>
    public static Rational Negate(Rational value) => -value;

    /// <summary>Named alternative to unary <c>+</c>.</summary>
    public static Rational Plus(Rational value) => value;

    /// <summary>The integer as a rational.</summary>
    public static implicit operator Rational(int value) => new(value);

    /// <summary>The integer as a rational.</summary>
    public static implicit operator Rational(long value) => new(value);

    /// <summary>The integer as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value);

    /// <summary>Named alternative to the implicit conversion.</summary>
    public static Rational FromInt32(int value) => new(value);

    /// <summary>Named alternative to the implicit conversion.</summary>
    public static Rational FromInt64(long value) => new(value);

    /// <summary>Named alternative to the implicit conversion.</summary>
    public static Rational FromBigInteger(BigInteger value) => new(value);

    /// <summary>Compares by value.</summary>
    public static bool operator ==(Rational left, Rational right) => left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator !=(Rational left, Rational right) => !left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator <(Rational left, Rational right) => left.CompareTo(right) < 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >(Rational left, Rational right) => left.CompareTo(right) > 0;

    /// <summary>Compares by value.</summary>
    public static bool operator <=(Rational left, Rational right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by value.</summary>
    public static bool operator >=(Rational left, Rational right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public bool Equals(Rational other) =>
        _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);

    /// <inheritdoc />
    public int CompareTo(Rational other) =>
        IsInteger && other.IsInteger
            ? _numerator.CompareTo(other._numerator)
            : (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Rational other => CompareTo(other),
        _ => throw new ArgumentException("object is not a Rational", nameof(obj)),
    };

    /// <summary>Invariant text: "3", "-1/3".</summary>
    public override string ToString() =>
        IsInteger
            ? _numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{_numerator}/{Denominator}");

    /// <summary>
    /// Parses an integer ("-12"), a fraction ("3/4", "-1/3") or an exact decimal ("0.125", "-2.5",
    /// "1e-3", "2.5E2"), invariant culture, surrounding white space allowed.
    /// </summary>
    /// <exception cref="FormatException">The text is not one of those forms; the message says why.</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var value, out var reason))
        {
            return value;
        }

        throw new FormatException($"'{text}' is not a rational number: {reason}");
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, out Rational value) => TryParse(text, out value, out _);

    private static bool TryParse(string? text, out Rational value, out string reason)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "the text is empty";
            return false;
        }

        var s = text.Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParseDecimal(s[..slash], out var p, out reason) || !TryParseDecimal(s[(slash + 1)..], out var q, out reason))
            {
                return false;
            }

            if (q.IsZero)
            {
                reason = "the denominator is zero";
                return false;
            }

            value = p / q;
            return true;
        }

        return TryParseDecimal(s, out value, out reason);
    }

    private static bool TryParseDecimal(string s, out Rational value, out string reason)
    {
        value = Zero;
        reason = string.Empty;
        s = s.Trim();
        var exponent = 0;
        var e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > 10_000)
            {
                reason = "the exponent after 'e' is not a small integer";
                return false;
            }

            s = s[..e];
        }

        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? s[..dot] : s;
        var fractionPart = dot >= 0 ? s[(dot + 1)..] : string.Empty;
        if (integerPart.Length + fractionPart.Length == 0
            || !integerPart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit))
        {
            reason = "expected digits, optionally with one '.', a sign and an exponent";
            return false;
        }

        var digits = BigInteger.Parse(integerPart + fractionPart, NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = exponent - fractionPart.Length;
        value = scale >= 0
            ? new Rational(digits * BigInteger.Pow(10, scale))
            : new Rational(digits, BigInteger.Pow(10, -scale));
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
