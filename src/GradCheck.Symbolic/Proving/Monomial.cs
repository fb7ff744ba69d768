namespace GradCheck.Symbolic.Proving;

/// <summary>
/// A Laurent monomial: a product of atoms to integer powers (negative powers allowed), stored as
/// (atom, exponent) pairs sorted by atom id with no zero exponents. Immutable; hash cached.
/// </summary>
internal readonly struct Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private static readonly int[] NoPairs = [];

    private readonly int[]? _pairs; // atom0, exp0, atom1, exp1, … with atoms ascending
    private readonly int _hash;

    private Monomial(int[] pairs)
    {
        _pairs = pairs;
        var hash = new HashCode();
        foreach (var p in pairs)
        {
            hash.Add(p);
        }

        _hash = hash.ToHashCode();
    }

    public static Monomial One => new(NoPairs);

    public bool IsOne => Pairs.Length == 0;

    public int AtomCount => Pairs.Length / 2;

    private int[] Pairs => _pairs ?? NoPairs;

    public int Atom(int k) => Pairs[2 * k];

    public int Exponent(int k) => Pairs[(2 * k) + 1];

    public static Monomial OfAtom(int atom, int exponent = 1) => exponent == 0 ? One : new([atom, exponent]);

    public int ExponentOf(int atom)
    {
        var pairs = Pairs;
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i] == atom)
            {
                return pairs[i + 1];
            }
        }

        return 0;
    }

    public static Monomial operator *(Monomial a, Monomial b)
    {
        var x = a.Pairs;
        var y = b.Pairs;
        if (x.Length == 0)
        {
            return b;
        }

        if (y.Length == 0)
        {
            return a;
        }

        var result = new int[x.Length + y.Length];
        int i = 0, j = 0, n = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] < y[j])
            {
                result[n++] = x[i];
                result[n++] = x[i + 1];
                i += 2;
            }
            else if (x[i] > y[j])
            {
                result[n++] = y[j];
                result[n++] = y[j + 1];
                j += 2;
            }
            else
            {
                var e = checked(x[i + 1] + y[j + 1]);
                if (e != 0)
                {
                    result[n++] = x[i];
                    result[n++] = e;
                }

                i += 2;
                j += 2;
            }
        }

        while (i < x.Length)
        {
            result[n++] = x[i++];
        }

        while (j < y.Length)
        {
            result[n++] = y[j++];
        }

        return new(n == result.Length ? result : result[..n]);
    }

    public Monomial Pow(int exponent)
    {
        if (exponent == 0)
        {
            return One;
        }

        var pairs = (int[])Pairs.Clone();
        for (var i = 1; i < pairs.Length; i += 2)
        {
            pairs[i] = checked(pairs[i] * exponent);
        }

        return new(pairs);
    }

    public Monomial Inverse() => Pow(-1);

    /// <summary>The greatest common Laurent divisor: each atom to the smaller of its two exponents (absent = 0).</summary>
    public static Monomial Min(Monomial a, Monomial b)
    {
        var result = new List<int>();
        var x = a.Pairs;
        var y = b.Pairs;
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            int atom, e;
            if (j >= y.Length || (i < x.Length && x[i] < y[j]))
            {
                atom = x[i];
                e = Math.Min(x[i + 1], 0);
                i += 2;
            }
            else if (i >= x.Length || y[j] < x[i])
            {
                atom = y[j];
                e = Math.Min(y[j + 1], 0);
                j += 2;
            }
            else
            {
                atom = x[i];
                e = Math.Min(x[i + 1], y[j + 1]);
                i += 2;
                j += 2;
            }

            if (e != 0)
            {
                result.Add(atom);
                result.Add(e);
            }
        }

        return new([.. result]);
    }

    public bool Equals(Monomial other) => _hash == other._hash && Pairs.AsSpan().SequenceEqual(other.Pairs);

    public override bool Equals(object? obj) => obj is Monomial other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>A total order (lexicographic on the pairs), used to pick a canonical leading term.</summary>
    public int CompareTo(Monomial other) => Pairs.AsSpan().SequenceCompareTo(other.Pairs);

    public static bool operator ==(Monomial a, Monomial b) => a.Equals(b);

    public static bool operator !=(Monomial a, Monomial b) => !a.Equals(b);

    public static bool operator <(Monomial a, Monomial b) => a.CompareTo(b) < 0;

    public static bool operator >(Monomial a, Monomial b) => a.CompareTo(b) > 0;

    public static bool operator <=(Monomial a, Monomial b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Monomial a, Monomial b) => a.CompareTo(b) >= 0;
}
