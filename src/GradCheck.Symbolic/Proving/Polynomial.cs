using System.Numerics;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// A Laurent polynomial over atoms with exact integer coefficients. Immutable; equality and hash
/// do not depend on term order. Results larger than <see cref="MaxTerms"/> terms throw
/// <see cref="ProverLimitException"/> so a proof attempt gives up instead of exhausting memory.
/// </summary>
internal sealed class Polynomial : IEquatable<Polynomial>
{
    private readonly Dictionary<Monomial, BigInteger> _terms;
    private int _hash;

    private Polynomial(Dictionary<Monomial, BigInteger> terms)
    {
        _terms = terms;
    }

    /// <summary>The most terms any intermediate polynomial may have (sessions may set a lower limit).</summary>
    public const int MaxTerms = 1_000_000;

    public static Polynomial Zero { get; } = new(new Dictionary<Monomial, BigInteger>());

    public static Polynomial One { get; } = Constant(BigInteger.One);

    public int Count => _terms.Count;

    public bool IsZero => _terms.Count == 0;

    public IEnumerable<KeyValuePair<Monomial, BigInteger>> Terms => _terms;

    /// <summary>True when the polynomial is a constant (possibly 0).</summary>
    public bool IsConstant => _terms.Count == 0 || (_terms.Count == 1 && _terms.ContainsKey(Monomial.One));

    /// <summary>True when the polynomial is a single term c·m.</summary>
    public bool IsTerm => _terms.Count == 1;

    public BigInteger ConstantTerm => _terms.TryGetValue(Monomial.One, out var c) ? c : BigInteger.Zero;

    public static Polynomial Constant(BigInteger c) =>
        c.IsZero ? Zero : new(new Dictionary<Monomial, BigInteger> { [Monomial.One] = c });

    /// <summary>The polynomial with these terms (zero coefficients dropped).</summary>
    public static Polynomial FromTerms(Dictionary<Monomial, BigInteger> terms) => FromDictionary(new(terms));

    public static Polynomial Term(BigInteger c, Monomial m) =>
        c.IsZero ? Zero : new(new Dictionary<Monomial, BigInteger> { [m] = c });

    public static Polynomial operator +(Polynomial a, Polynomial b) => Combine(a, b, BigInteger.One);

    public static Polynomial operator -(Polynomial a, Polynomial b) => Combine(a, b, BigInteger.MinusOne);

    public static Polynomial operator -(Polynomial a) => a.Scale(BigInteger.MinusOne);

    public static Polynomial operator *(Polynomial a, Polynomial b) => Multiply(a, b, MaxTerms);

    /// <summary>The product, abandoned (with <see cref="ProverLimitException"/>) when it would exceed <paramref name="maxTerms"/> terms
    /// or take more than 20·<paramref name="maxTerms"/> term products.</summary>
    public static Polynomial Multiply(Polynomial a, Polynomial b, int maxTerms)
    {
        Limits.WorkDeadline.Poll();
        if (a.IsZero || b.IsZero)
        {
            return Zero;
        }

        if (a.Count < b.Count)
        {
            (a, b) = (b, a);
        }

        if (b.IsTerm)
        {
            var (m, c) = b._terms.First();
            return a.MultiplyTerm(c, m);
        }

        if ((long)a.Count * b.Count > 20L * maxTerms)
        {
            throw new ProverLimitException("a product of polynomials is too large for the polynomial method");
        }

        var result = new Dictionary<Monomial, BigInteger>(a.Count + b.Count);
        foreach (var (mb, cb) in b._terms)
        {
            foreach (var (ma, ca) in a._terms)
            {
                var m = ma * mb;
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(result, m, out _);
                slot += ca * cb;
            }

            if (result.Count > maxTerms)
            {
                throw new ProverLimitException("a polynomial grew beyond " + maxTerms + " terms");
            }
        }

        return FromDictionary(result);
    }

    public Polynomial Scale(BigInteger c)
    {
        if (c.IsZero)
        {
            return Zero;
        }

        if (c.IsOne)
        {
            return this;
        }

        var result = new Dictionary<Monomial, BigInteger>(_terms.Count);
        foreach (var (m, coefficient) in _terms)
        {
            result[m] = coefficient * c;
        }

        return new(result);
    }

    public Polynomial DivideExact(BigInteger c)
    {
        if (c.IsOne)
        {
            return this;
        }

        var result = new Dictionary<Monomial, BigInteger>(_terms.Count);
        foreach (var (m, coefficient) in _terms)
        {
            result[m] = coefficient / c;
        }

        return new(result);
    }

    public Polynomial MultiplyTerm(BigInteger c, Monomial monomial)
    {
        if (c.IsZero)
        {
            return Zero;
        }

        if (monomial.IsOne)
        {
            return Scale(c);
        }

        var result = new Dictionary<Monomial, BigInteger>(_terms.Count);
        foreach (var (m, coefficient) in _terms)
        {
            result[m * monomial] = coefficient * c;
        }

        return new(result);
    }

    public Polynomial Pow(int n, int maxTerms = MaxTerms)
    {
        var result = One;
        var square = this;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result = Multiply(result, square, maxTerms);
            }

            n >>= 1;
            if (n > 0)
            {
                square = Multiply(square, square, maxTerms);
            }
        }

        return result;
    }

    /// <summary>The gcd of the coefficients (positive; 0 for the zero polynomial).</summary>
    public BigInteger ContentGcd()
    {
        var g = BigInteger.Zero;
        foreach (var c in _terms.Values)
        {
            g = BigInteger.GreatestCommonDivisor(g, c);
            if (g.IsOne)
            {
                break;
            }
        }

        return g;
    }

    /// <summary>The monomial content: each atom to its least exponent over the terms (absent counts as 0).</summary>
    public Monomial MonomialContent()
    {
        var first = true;
        var content = Monomial.One;
        foreach (var m in _terms.Keys)
        {
            content = first ? Monomial.Min(m, m) : Monomial.Min(content, m);
            first = false;
        }

        return content;
    }

    /// <summary>The term with the least monomial (a canonical choice within one proof session).</summary>
    public KeyValuePair<Monomial, BigInteger> LeadingTerm()
    {
        var best = default(KeyValuePair<Monomial, BigInteger>);
        var first = true;
        foreach (var term in _terms)
        {
            if (first || term.Key < best.Key)
            {
                best = term;
                first = false;
            }
        }

        return best;
    }

    public bool Equals(Polynomial? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._terms.Count != _terms.Count || other.GetHashCode() != GetHashCode())
        {
            return false;
        }

        foreach (var (m, c) in _terms)
        {
            if (!other._terms.TryGetValue(m, out var d) || c != d)
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Polynomial);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = 17;
            foreach (var (m, c) in _terms)
            {
                hash += HashCode.Combine(m, c); // order-independent
            }

            _hash = hash == 0 ? 1 : hash;
        }

        return _hash;
    }

    private static Polynomial Combine(Polynomial a, Polynomial b, BigInteger sign)
    {
        if (b.IsZero)
        {
            return a;
        }

        if (a.IsZero)
        {
            return sign.IsOne ? b : -b;
        }

        var result = new Dictionary<Monomial, BigInteger>(a._terms);
        foreach (var (m, c) in b._terms)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(result, m, out _);
            slot += sign.IsOne ? c : -c;
        }

        if (result.Count > MaxTerms)
        {
            throw new ProverLimitException("a polynomial grew beyond " + MaxTerms + " terms");
        }

        return FromDictionary(result);
    }

    private static Polynomial FromDictionary(Dictionary<Monomial, BigInteger> terms)
    {
        List<Monomial>? zeros = null;
        foreach (var (m, c) in terms)
        {
            if (c.IsZero)
            {
                (zeros ??= []).Add(m);
            }
        }

        if (zeros is not null)
        {
            foreach (var m in zeros)
            {
                terms.Remove(m);
            }
        }

        return new(terms);
    }
}

/// <summary>A proof attempt exceeded a size limit or met an expression it cannot bring to normal form.</summary>
internal sealed class ProverLimitException(string reason) : Exception(reason);
