using System.Collections.Immutable;
using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Brings expressions to <see cref="RationalFunction"/> normal form over atoms, for one proof:
/// σ, tanh and softplus are rewritten through exp; exp of a polynomial becomes a product of powers
/// of atoms exp(m/Q); ln|·| of a product, quotient or power is split (ln of an expression equals
/// ln of its absolute value wherever it is real, so the split needs no sign assumption);
/// relu(u) = u·step(u), abs(u) = u·sign(u). A difference whose numerator polynomial is identically 0
/// is identically 0 wherever both sides are defined: treating atoms as independent variables can
/// only miss identities, never invent one.
/// </summary>
internal sealed class RationalNormalizer
{
    private static readonly int[] SmallPrimes = SievePrimes(1000);

    private readonly Dictionary<Atom, int> _atomIds = [];
    private readonly List<Atom> _atoms = [];
    private readonly Dictionary<Polynomial, int> _factorIds = [];
    private readonly List<Polynomial> _factors = [];
    private readonly Dictionary<(int Factor, int Exponent), Polynomial> _factorPowers = [];
    private readonly Dictionary<Expr, RationalFunction> _cache = [];
    private readonly Dictionary<int, FunctionKind> _kinkAtoms = [];
    private readonly int _maxTerms;

    /// <param name="expScale">Q: exp atoms are exp(m/Q); every rational coefficient in an exp argument times Q must be an integer.</param>
    /// <param name="maxTerms">The most terms a polynomial may reach before the attempt is abandoned.</param>
    public RationalNormalizer(BigInteger expScale, int maxTerms)
    {
        ExpScale = expScale;
        _maxTerms = maxTerms;
    }

    public BigInteger ExpScale { get; }

    public int AtomCount => _atoms.Count;

    public RationalFunction Normalize(Expr e)
    {
        if (_cache.TryGetValue(e, out var cached))
        {
            return cached;
        }

        var result = e switch
        {
            Number n => RationalFunction.Constant(n.Value),
            Symbol s => FromAtom(new SymbolAtom(s)),
            Sum sum => sum.Terms.Aggregate(RationalFunction.Zero, (acc, t) => Add(acc, Normalize(t))),
            Product product => product.Factors.Aggregate(RationalFunction.One, (acc, f) => Multiply(acc, Normalize(f))),
            Power power => NormalizePower(power),
            Function f => NormalizeFunction(f.Kind, f.Argument),
            _ => throw new ProverLimitException("unsupported expression node " + e.GetType().Name),
        };
        _cache[e] = result;
        return result;
    }

    public RationalFunction Add(RationalFunction a, RationalFunction b)
    {
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        var common = MaxFactors(a.Factors, b.Factors);
        var denominator = Lcm(a.Denominator, b.Denominator);
        var left = ScaleToCommon(a, common, denominator / a.Denominator);
        var right = ScaleToCommon(b, common, denominator / b.Denominator);
        return Reduce(Check(left + right), denominator, common);
    }

    public static RationalFunction Negate(RationalFunction a) => new(-a.Numerator, a.Denominator, a.Factors);

    public RationalFunction Multiply(RationalFunction a, RationalFunction b)
    {
        if (a.IsZero || b.IsZero)
        {
            return RationalFunction.Zero;
        }

        return Reduce(Polynomial.Multiply(a.Numerator, b.Numerator, _maxTerms), a.Denominator * b.Denominator, SumFactors(a.Factors, b.Factors));
    }

    public RationalFunction Reciprocal(RationalFunction a)
    {
        if (a.IsZero)
        {
            throw new ProverLimitException("division by an expression that is identically 0");
        }

        var (sign, content, monomial, primitive) = Decompose(a.Numerator);
        var numerator = Polynomial.Term(sign * a.Denominator, monomial.Inverse());
        foreach (var (factor, exponent) in a.Factors)
        {
            numerator = Polynomial.Multiply(numerator, FactorPower(factor, exponent), _maxTerms);
        }

        ImmutableArray<(int, int)> factors = primitive.IsConstant ? [] : [(Intern(primitive), 1)];
        return Reduce(numerator, content, factors);
    }

    public RationalFunction Power(RationalFunction a, int n)
    {
        if (n < 0)
        {
            return Power(Reciprocal(a), checked(-n));
        }

        var result = RationalFunction.One;
        var square = a;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result = Multiply(result, square);
            }

            n >>= 1;
            if (n > 0)
            {
                square = Multiply(square, square);
            }
        }

        return result;
    }

    /// <summary>exp(u): a product of atom powers when u has a constant denominator.</summary>
    public RationalFunction ExpOf(RationalFunction u)
    {
        if (!u.Factors.IsEmpty)
        {
            return FromAtom(new ExpOfFractionAtom(u));
        }

        var monomial = Monomial.One;
        foreach (var (m, c) in u.Numerator.Terms)
        {
            // exp(r·m) = exp(m/Q)^(r·Q); r·Q must be an integer, else the whole proof restarts with a larger Q.
            var scaled = new Rational(c * ExpScale, u.Denominator);
            if (!scaled.IsInteger)
            {
                throw new ExpScaleException(Lcm(ExpScale, new Rational(c, u.Denominator).Denominator));
            }

            if (BigInteger.Abs(scaled.Numerator) > 10_000)
            {
                throw new ProverLimitException("an exponential's argument has a coefficient too large for the polynomial method");
            }

            monomial *= Monomial.OfAtom(AtomId(new ExpAtom(m)), (int)scaled.Numerator);
        }

        return new RationalFunction(Polynomial.Term(BigInteger.One, monomial), BigInteger.One, []);
    }

    /// <summary>ln|u| (equal to ln u wherever ln u is real): split over the factored form of u.</summary>
    public RationalFunction LnOf(RationalFunction u)
    {
        if (u.IsZero)
        {
            throw new ProverLimitException("ln of an expression that is identically 0");
        }

        var (_, content, monomial, primitive) = Decompose(u.Numerator);
        var result = Add(LnOfInteger(content), LnOfMonomial(monomial));
        if (!primitive.IsConstant)
        {
            result = Add(result, FromAtom(new LnOfFactor(Intern(primitive))));
        }

        result = Add(result, Negate(LnOfInteger(u.Denominator)));
        foreach (var (factor, exponent) in u.Factors)
        {
            result = Add(result, Multiply(RationalFunction.Constant(-exponent), FromAtom(new LnOfFactor(factor))));
        }

        return result;
    }

    private RationalFunction NormalizePower(Power power)
    {
        if (power.Exponent is not Number { Value: var e })
        {
            // b^e with a non-constant exponent is exp(e·ln b), defined for b > 0.
            return ExpOf(Multiply(Normalize(power.Exponent), LnOf(Normalize(power.Base))));
        }

        var baseForm = Normalize(power.Base);
        if (e.IsInteger)
        {
            if (BigInteger.Abs(e.Numerator) > 10_000)
            {
                throw new ProverLimitException("an exponent too large for the polynomial method");
            }

            return Power(baseForm, (int)e.Numerator);
        }

        if (IsExpMonomial(baseForm))
        {
            // (Π exp(mᵢ/Q)^kᵢ)^r = exp(r·Σ kᵢ mᵢ/Q).
            return ExpOf(Multiply(RationalFunction.Constant(e), LnOf(baseForm)));
        }

        if (e.Denominator > 64 || BigInteger.Abs(e.Numerator) > 10_000)
        {
            throw new ProverLimitException("a fractional exponent too complex for the polynomial method");
        }

        var root = FromAtom(new RootAtom(baseForm, (int)e.Denominator));
        return Power(root, (int)e.Numerator);
    }

    /// <summary>ln|u| split along the factors visible in the expression before expanding: ln|a·b| = ln|a| + ln|b|, ln|bⁿ| = n·ln|b|.</summary>
    private RationalFunction LnOfExpr(Expr u) => u switch
    {
        Product product => product.Factors.Aggregate(RationalFunction.Zero, (acc, f) => Add(acc, LnOfExpr(f))),
        Power { Exponent: Number { Value: var n } } power => Multiply(RationalFunction.Constant(n), LnOfExpr(power.Base)),
        Function { Kind: FunctionKind.Exp } exp => Normalize(exp.Argument),
        _ => LnOf(Normalize(u)),
    };

    private RationalFunction NormalizeFunction(FunctionKind kind, Expr argument)
    {
        if (kind == FunctionKind.Ln)
        {
            return LnOfExpr(argument);
        }

        var u = Normalize(argument);
        switch (kind)
        {
            case FunctionKind.Exp:
                return ExpOf(u);
            case FunctionKind.Sqrt:
                return Normalize(Expr.Pow(argument, Expr.Num(new Rational(1, 2))));
            case FunctionKind.Sigmoid:
                // σ(u) = 1 / (1 + e^−u)
                return Reciprocal(Add(RationalFunction.One, ExpOf(Negate(u))));
            case FunctionKind.Tanh:
            {
                // tanh(u) = (1 − e^−2u) / (1 + e^−2u)
                var e2 = ExpOf(Multiply(RationalFunction.Constant(-2), u));
                return Multiply(Add(RationalFunction.One, Negate(e2)), Reciprocal(Add(RationalFunction.One, e2)));
            }

            case FunctionKind.Softplus:
                // softplus(u) = ln(1 + e^u)
                return LnOf(Add(RationalFunction.One, ExpOf(u)));
            case FunctionKind.Relu:
                // relu(u) = u·step(u), for any value of step at 0
                return Multiply(u, Kink(FunctionKind.Step, u));
            case FunctionKind.Abs:
                // |u| = u·sign(u)
                return Multiply(u, Kink(FunctionKind.Sign, u));
            case FunctionKind.Sign:
            case FunctionKind.Step:
                return Kink(kind, u);
            default:
                throw new ProverLimitException("unsupported function " + kind);
        }
    }

    private RationalFunction Kink(FunctionKind kind, RationalFunction u)
    {
        if (u.IsConstant && !u.IsZero)
        {
            var positive = u.ConstantValue.Sign > 0;
            return RationalFunction.Constant(kind == FunctionKind.Sign ? (positive ? 1 : -1) : (positive ? 1 : 0));
        }

        return FromAtom(new KinkAtom(kind, u));
    }

    private bool IsExpMonomial(RationalFunction u)
    {
        if (!u.Factors.IsEmpty || !u.Denominator.IsOne || !u.Numerator.IsTerm)
        {
            return false;
        }

        var (m, c) = u.Numerator.LeadingTerm();
        if (!c.IsOne)
        {
            return false;
        }

        for (var k = 0; k < m.AtomCount; k++)
        {
            if (_atoms[m.Atom(k)] is not ExpAtom)
            {
                return false;
            }
        }

        return true;
    }

    private RationalFunction LnOfMonomial(Monomial monomial)
    {
        var result = RationalFunction.Zero;
        for (var k = 0; k < monomial.AtomCount; k++)
        {
            var atom = monomial.Atom(k);
            var exponent = RationalFunction.Constant(monomial.Exponent(k));
            var ln = _atoms[atom] switch
            {
                // ln exp(m/Q) = m/Q
                ExpAtom exp => new RationalFunction(Polynomial.Term(BigInteger.One, exp.Monomial), ExpScale, []),
                ExpOfFractionAtom exp => exp.Argument,
                // ln|b^(1/q)| = ln|b| / q
                RootAtom root => Multiply(RationalFunction.Constant(new Rational(1, root.Degree)), LnOf(root.Base)),
                // |sign u| = 1 and step u = 1 wherever ln of them is real
                KinkAtom => RationalFunction.Zero,
                _ => FromAtom(new LnOfAtom(atom)),
            };
            result = Add(result, Multiply(exponent, ln));
        }

        return result;
    }

    private RationalFunction LnOfInteger(BigInteger n)
    {
        var result = RationalFunction.Zero;
        foreach (var p in SmallPrimes)
        {
            if (n < p)
            {
                break;
            }

            var k = 0;
            while ((n % p).IsZero)
            {
                n /= p;
                k++;
            }

            if (k > 0)
            {
                result = Add(result, Multiply(RationalFunction.Constant(k), FromAtom(new LnOfInteger(p))));
            }
        }

        return n > 1 ? Add(result, FromAtom(new LnOfInteger(n))) : result;
    }

    /// <summary>N = sign · content · monomial · primitive, primitive having no monomial content and a positive leading coefficient.</summary>
    private static (BigInteger Sign, BigInteger Content, Monomial Monomial, Polynomial Primitive) Decompose(Polynomial n)
    {
        var content = n.ContentGcd();
        var monomial = n.MonomialContent();
        var sign = n.LeadingTerm().Value.Sign < 0 ? BigInteger.MinusOne : BigInteger.One;
        var primitive = n.DivideExact(content * sign).MultiplyTerm(BigInteger.One, monomial.Inverse());
        return (sign, content, monomial, primitive);
    }

    private RationalFunction Reduce(Polynomial numerator, BigInteger denominator, ImmutableArray<(int Factor, int Exponent)> factors)
    {
        if (_kinkAtoms.Count > 0)
        {
            numerator = ReduceKinkPowers(numerator);
        }

        if (numerator.IsZero)
        {
            return RationalFunction.Zero;
        }

        var g = BigInteger.GreatestCommonDivisor(numerator.ContentGcd(), denominator);
        if (!g.IsOne)
        {
            numerator = numerator.DivideExact(g);
            denominator /= g;
        }

        // Cancel a denominator factor equal to the numerator's primitive part (cheap: only same-size factors).
        if (!numerator.IsTerm && factors.Any(f => _factors[f.Factor].Count == numerator.Count))
        {
            var (sign, content, monomial, primitive) = Decompose(numerator);
            if (_factorIds.TryGetValue(primitive, out var id))
            {
                for (var at = 0; at < factors.Length; at++)
                {
                    if (factors[at].Factor == id)
                    {
                        var exponent = factors[at].Exponent;
                        factors = exponent == 1 ? factors.RemoveAt(at) : factors.SetItem(at, (id, exponent - 1));
                        return Reduce(Polynomial.Term(sign * content, monomial), denominator, factors);
                    }
                }
            }
        }

        return new RationalFunction(numerator, denominator, factors);
    }

    private Polynomial ScaleToCommon(RationalFunction a, ImmutableArray<(int Factor, int Exponent)> common, BigInteger scale)
    {
        var numerator = a.Numerator.Scale(scale);
        var j = 0;
        foreach (var (factor, exponent) in common)
        {
            var have = 0;
            while (j < a.Factors.Length && a.Factors[j].Factor < factor)
            {
                j++;
            }

            if (j < a.Factors.Length && a.Factors[j].Factor == factor)
            {
                have = a.Factors[j].Exponent;
            }

            if (exponent > have)
            {
                numerator = Polynomial.Multiply(numerator, FactorPower(factor, exponent - have), _maxTerms);
            }
        }

        return numerator;
    }

    private Polynomial FactorPower(int factor, int exponent)
    {
        if (!_factorPowers.TryGetValue((factor, exponent), out var power))
        {
            power = _factors[factor].Pow(exponent, _maxTerms);
            _factorPowers[(factor, exponent)] = power;
        }

        return power;
    }

    private static ImmutableArray<(int Factor, int Exponent)> MaxFactors(
        ImmutableArray<(int Factor, int Exponent)> a, ImmutableArray<(int Factor, int Exponent)> b) =>
        MergeFactors(a, b, Math.Max);

    private static ImmutableArray<(int Factor, int Exponent)> SumFactors(
        ImmutableArray<(int Factor, int Exponent)> a, ImmutableArray<(int Factor, int Exponent)> b) =>
        MergeFactors(a, b, (x, y) => checked(x + y));

    private static ImmutableArray<(int Factor, int Exponent)> MergeFactors(
        ImmutableArray<(int Factor, int Exponent)> a, ImmutableArray<(int Factor, int Exponent)> b, Func<int, int, int> combine)
    {
        if (b.IsEmpty)
        {
            return a;
        }

        if (a.IsEmpty)
        {
            return b;
        }

        var result = ImmutableArray.CreateBuilder<(int, int)>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || (i < a.Length && a[i].Factor < b[j].Factor))
            {
                result.Add(a[i++]);
            }
            else if (i >= a.Length || b[j].Factor < a[i].Factor)
            {
                result.Add(b[j++]);
            }
            else
            {
                result.Add((a[i].Factor, combine(a[i].Exponent, b[j].Exponent)));
                i++;
                j++;
            }
        }

        return result.ToImmutable();
    }

    private RationalFunction FromAtom(Atom atom) =>
        new(Polynomial.Term(BigInteger.One, Monomial.OfAtom(AtomId(atom))), BigInteger.One, []);

    private int AtomId(Atom atom)
    {
        if (!_atomIds.TryGetValue(atom, out var id))
        {
            id = _atoms.Count;
            _atoms.Add(atom);
            _atomIds[atom] = id;
            if (atom is KinkAtom kink)
            {
                _kinkAtoms[id] = kink.Kind;
            }
        }

        return id;
    }

    /// <summary>
    /// step(u) and sign(u) take only the values {0, 1} and {−1, 0, 1} (step(0) = 0 as the expressions fold it), so
    /// stepᵉ = step for e ≠ 0, signᵉ = sign for odd e and sign² for even e ≠ 0 (negative powers are defined only where
    /// the value is ±1, where the same holds).
    /// </summary>
    private Polynomial ReduceKinkPowers(Polynomial p)
    {
        Dictionary<Monomial, BigInteger>? reduced = null;
        foreach (var (m, c) in p.Terms)
        {
            var r = ReduceKinkPowers(m);
            if (reduced is null && r != m)
            {
                reduced = [];
                foreach (var (earlier, d) in p.Terms)
                {
                    if (earlier == m)
                    {
                        break;
                    }

                    reduced[earlier] = d;
                }
            }

            if (reduced is not null)
            {
                reduced[r] = reduced.GetValueOrDefault(r) + c;
            }
        }

        if (reduced is null)
        {
            return p;
        }

        return Polynomial.FromTerms(reduced);
    }

    private Monomial ReduceKinkPowers(Monomial m)
    {
        var result = m;
        for (var k = 0; k < m.AtomCount; k++)
        {
            if (!_kinkAtoms.TryGetValue(m.Atom(k), out var kind))
            {
                continue;
            }

            var e = m.Exponent(k);
            var target = kind == FunctionKind.Step || int.IsOddInteger(e) ? 1 : 2;
            if (e != target)
            {
                result *= Monomial.OfAtom(m.Atom(k), target - e);
            }
        }

        return result;
    }

    private int Intern(Polynomial primitive)
    {
        if (!_factorIds.TryGetValue(primitive, out var id))
        {
            id = _factors.Count;
            _factors.Add(primitive);
            _factorIds[primitive] = id;
        }

        return id;
    }

    private Polynomial Check(Polynomial p) => p.Count <= _maxTerms
        ? p
        : throw new ProverLimitException("a polynomial grew beyond " + _maxTerms + " terms");

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;

    private static int[] SievePrimes(int limit)
    {
        var composite = new bool[limit + 1];
        var primes = new List<int>();
        for (var i = 2; i <= limit; i++)
        {
            if (composite[i])
            {
                continue;
            }

            primes.Add(i);
            for (var j = i * i; j <= limit; j += i)
            {
                composite[j] = true;
            }
        }

        return [.. primes];
    }
}

/// <summary>An exp argument needs a larger scale Q; the proof restarts with it.</summary>
internal sealed class ExpScaleException(BigInteger scale) : Exception("exp scale " + scale)
{
    public BigInteger Scale { get; } = scale;
}
