using System.Collections.Immutable;
using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Brings expressions to <see cref="RationalFunction"/> normal form over atoms, for one proof:
/// σ, tanh and softplus are rewritten through exp; exp of a polynomial becomes a product of powers
/// of atoms exp(m/Q); ln|·| of a product, quotient or power is split (ln of an expression equals
/// ln of its absolute value wherever it is real, so the split needs no sign assumption);
/// relu(u) = u·step(u), abs(u) = u·sign(u); a kink whose argument has one sign on the assumed domain
/// (x &gt; 0, a sum of exponentials) is resolved. exp(c·ln v) = vᶜ where it is defined (v &gt; 0), and
/// exp(n·ln|A|) = |A|ⁿ; a root (c·u)^(1/q) with a constant c &gt; 0 is c^(1/q)·u^(1/q), and the q-th root
/// of a monomial whose exponents are multiples of q is a product of absolute values (√(x²) = |x|).
/// A difference whose numerator polynomial is identically 0 is identically 0 wherever both sides are
/// defined (on the assumed domain): treating atoms as independent variables can only miss identities,
/// never invent one.
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
    private readonly Dictionary<int, (int Degree, BigInteger Coefficient, Monomial Monomial)> _monomialRoots = [];
    private readonly int _maxTerms;
    private readonly Assumptions _assumptions;

    /// <param name="expScale">Q: exp atoms are exp(m/Q); every rational coefficient in an exp argument times Q must be an integer.</param>
    /// <param name="maxTerms">The most terms a polynomial may reach before the attempt is abandoned.</param>
    /// <param name="assumptions">The signs of the symbols (kinks of one sign on the domain are resolved).</param>
    public RationalNormalizer(BigInteger expScale, int maxTerms, Assumptions assumptions)
    {
        ExpScale = expScale;
        _maxTerms = maxTerms;
        _assumptions = assumptions;
    }

    public BigInteger ExpScale { get; }

    /// <summary>The largest |r·Q| of an exp atom's power exp(m/Q)^(r·Q) (default 10 000; larger for constants
    /// at a sampled point, whose dyadic arguments need Q = 2^20).</summary>
    public int MaxExpCoefficient { get; init; } = 10_000;

    public int AtomCount => _atoms.Count;

    public RationalFunction Normalize(Expr e)
    {
        Limits.WorkDeadline.Poll();
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

    /// <summary>True when <paramref name="f"/> is a rational function of the symbols alone: no exp, ln, root or kink atom left.</summary>
    public bool IsRationalInSymbols(RationalFunction f) =>
        f.Factors.Select(p => _factors[p.Factor]).Append(f.Numerator).All(p => p.Terms.All(t =>
            Enumerable.Range(0, t.Key.AtomCount).All(k => _atoms[t.Key.Atom(k)] is SymbolAtom)));

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
        var absolutePowers = RationalFunction.One;
        foreach (var (m, c) in u.Numerator.Terms)
        {
            if (AbsolutePowerOfLn(m, new Rational(c, u.Denominator)) is { } power)
            {
                absolutePowers = Multiply(absolutePowers, power);
                continue;
            }

            // exp(r·m) = exp(m/Q)^(r·Q); r·Q must be an integer, else the whole proof restarts with a larger Q.
            var scaled = new Rational(c * ExpScale, u.Denominator);
            if (!scaled.IsInteger)
            {
                throw new ExpScaleException(Lcm(ExpScale, new Rational(c, u.Denominator).Denominator));
            }

            if (BigInteger.Abs(scaled.Numerator) > MaxExpCoefficient)
            {
                throw new ProverLimitException("an exponential's argument has a coefficient too large for the polynomial method");
            }

            monomial *= Monomial.OfAtom(AtomId(new ExpAtom(m)), (int)scaled.Numerator);
        }

        return Multiply(absolutePowers, new RationalFunction(Polynomial.Term(BigInteger.One, monomial), BigInteger.One, []));
    }

    /// <summary>
    /// exp(r·ln|A|) = |A|ʳ when m is a single ln atom: for an integer r, |A|ʳ (A ≠ 0 wherever ln|A| is real);
    /// for ln n, the constant nʳ (a root when r is not an integer). Null for any other monomial or exponent.
    /// </summary>
    private RationalFunction? AbsolutePowerOfLn(Monomial m, Rational r)
    {
        if (m.AtomCount != 1 || m.Exponent(0) != 1 || BigInteger.Abs(r.Numerator) > 10_000 || r.Denominator > 64)
        {
            return null;
        }

        var n = (int)r.Numerator;
        return _atoms[m.Atom(0)] switch
        {
            Proving.LnOfInteger ln => Power(Root(RationalFunction.Constant(ln.Value), (int)r.Denominator), n),
            LnOfAtom ln when r.IsInteger => Power(AbsOf(FromAtom(_atoms[ln.Atom])), n),
            LnOfFactor ln when r.IsInteger => Power(AbsOf(new RationalFunction(_factors[ln.Factor], BigInteger.One, [])), n),
            _ => null,
        };
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

        return Power(Root(baseForm, (int)e.Denominator), (int)e.Numerator);
    }

    /// <summary>
    /// b^(1/q) where it is real: b = c·u with a constant c &gt; 0 gives c^(1/q)·u^(1/q) (both real where b^(1/q) is);
    /// a monomial u whose exponents are multiples of q gives Π |aᵢ|^(kᵢ/q) (√(x²) = |x|, even for x &lt; 0);
    /// any other u stays an atom u^(1/q).
    /// </summary>
    private RationalFunction Root(RationalFunction b, int q)
    {
        if (b.IsZero)
        {
            return FromAtom(new RootAtom(b, q));
        }

        var (sign, content, monomial, primitive) = Decompose(b.Numerator);
        var result = RootOfConstant(new Rational(content, b.Denominator), q);
        var rest = new RationalFunction(primitive.MultiplyTerm(sign, monomial), BigInteger.One, b.Factors);
        if (rest.IsConstant && rest.ConstantValue.IsOne)
        {
            return result;
        }

        if (sign.Sign > 0 && primitive.IsConstant && b.Factors.IsEmpty && Enumerable.Range(0, monomial.AtomCount).All(k => monomial.Exponent(k) % q == 0))
        {
            for (var k = 0; k < monomial.AtomCount; k++)
            {
                var factor = FromAtom(_atoms[monomial.Atom(k)]);
                var power = monomial.Exponent(k) / q;
                result = Multiply(result, Power(int.IsEvenInteger(power) ? factor : AbsOf(factor), power));
            }

            return result;
        }

        var atom = AtomId(new RootAtom(rest, q));
        if (rest.Factors.IsEmpty && rest.Numerator.IsTerm)
        {
            var (m, c) = rest.Numerator.LeadingTerm();
            _monomialRoots[atom] = (q, c, m);
        }

        return Multiply(result, new RationalFunction(Polynomial.Term(BigInteger.One, Monomial.OfAtom(atom)), BigInteger.One, []));
    }

    /// <summary>c^(1/q) for a rational c &gt; 0, as r·Π pᵢ^(eᵢ/q)·N^(1/q): r rational, pᵢ the small primes dividing the
    /// radicand (0 &lt; eᵢ &lt; q, so √6 = √2·√3 and √8 = 2√2), and N the cofactor without small prime factors.</summary>
    private RationalFunction RootOfConstant(Rational c, int q)
    {
        if (c.TryRoot(q, out var exact))
        {
            return RationalFunction.Constant(exact);
        }

        // c^(1/q) = (n·d^(q−1))^(1/q) / d: an integer radicand.
        var radicand = c.Numerator * BigInteger.Pow(c.Denominator, q - 1);
        if (radicand.GetBitLength() > 4096)
        {
            throw new ProverLimitException("a root of a constant too large for the polynomial method");
        }

        var root = RationalFunction.Constant(new Rational(BigInteger.One, c.Denominator));
        var (factors, cofactor) = FactorOverSmallPrimes(radicand);
        foreach (var (p, e) in factors)
        {
            root = Multiply(root, Multiply(RationalFunction.Constant(BigInteger.Pow(p, e / q)), e % q == 0 ? RationalFunction.One : Power(RootOfInteger(p, q), e % q)));
        }

        radicand = cofactor;
        if (radicand.IsOne)
        {
            return root;
        }

        return Multiply(root, new Rational(radicand).TryRoot(q, out var rest) ? RationalFunction.Constant(rest) : RootOfInteger(radicand, q));
    }

    /// <summary>The atom n^(1/q) of an integer n ≥ 2 (its powers are reduced modulo q).</summary>
    private RationalFunction RootOfInteger(BigInteger n, int q)
    {
        var atom = AtomId(new RootAtom(RationalFunction.Constant(n), q));
        _monomialRoots[atom] = (q, n, Monomial.One);
        return new RationalFunction(Polynomial.Term(BigInteger.One, Monomial.OfAtom(atom)), BigInteger.One, []);
    }

    /// <summary>|u|: u or −u when its sign is known on the assumed domain; for a single term c·Π aᵢ^eᵢ, |c|·Π |aᵢ|^eᵢ
    /// (aᵢ^eᵢ itself for even eᵢ); else u·sign(u).</summary>
    private RationalFunction AbsOf(RationalFunction u)
    {
        var signs = SignOf(u);
        if (signs.IsNonNegative || signs.IsNonPositive)
        {
            return signs.IsNonNegative ? u : Negate(u);
        }

        if (u.Factors.IsEmpty && u.Numerator.IsTerm)
        {
            var (m, c) = u.Numerator.LeadingTerm();
            if (!(c.IsOne && m.AtomCount == 1 && m.Exponent(0) == 1))
            {
                var result = RationalFunction.Constant(new Rational(BigInteger.Abs(c), u.Denominator));
                for (var k = 0; k < m.AtomCount; k++)
                {
                    var atom = FromAtom(_atoms[m.Atom(k)]);
                    var e = m.Exponent(k);
                    result = Multiply(result, Power(int.IsEvenInteger(e) ? atom : AbsOf(atom), e));
                }

                return result;
            }
        }

        return Multiply(u, Kink(FunctionKind.Sign, u));
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

        if (kind == FunctionKind.Exp && ExpOfLnTerms(argument) is { } powers)
        {
            return powers;
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
                // relu(u) = u·step(u), for any value of step at 0; u itself where u ≥ 0
                return SignOf(u).IsNonNegative ? u : Multiply(u, Kink(FunctionKind.Step, u));
            case FunctionKind.Abs:
                // |u| = u·sign(u)
                return AbsOf(u);
            case FunctionKind.Sign:
            case FunctionKind.Step:
                return Kink(kind, u);
            default:
                throw new ProverLimitException("unsupported function " + kind);
        }
    }

    /// <summary>
    /// exp(Σ cᵢ·ln vᵢ + rest) = Π vᵢ^cᵢ · exp(rest) for the terms that are a constant times ln of something:
    /// exact wherever the left side is defined, where every vᵢ &gt; 0. Null when no term is of that form.
    /// </summary>
    private RationalFunction? ExpOfLnTerms(Expr argument)
    {
        var terms = argument is Sum sum ? sum.Terms : [argument];
        var result = RationalFunction.One;
        var rest = new List<Expr>();
        foreach (var term in terms)
        {
            switch (term)
            {
                case Function { Kind: FunctionKind.Ln } ln:
                    result = Multiply(result, Normalize(ln.Argument));
                    break;
                case Product { Factors: [Number c, Function { Kind: FunctionKind.Ln } ln] }:
                    result = Multiply(result, Normalize(Expr.Pow(ln.Argument, c)));
                    break;
                default:
                    rest.Add(term);
                    break;
            }
        }

        return rest.Count == terms.Length ? null : Multiply(result, ExpOf(Normalize(Expr.Add(rest))));
    }

    private RationalFunction Kink(FunctionKind kind, RationalFunction u)
    {
        var signs = SignOf(u);
        if (kind == FunctionKind.Sign && (signs.IsPositive || signs.IsNegative || (signs.IsNonNegative && signs.IsNonPositive)))
        {
            return RationalFunction.Constant(signs.IsPositive ? 1 : signs.IsNegative ? -1 : 0);
        }

        if (kind == FunctionKind.Step && (signs.IsPositive || signs.IsNonPositive))
        {
            return RationalFunction.Constant(signs.IsPositive ? 1 : 0);
        }

        return FromAtom(new KinkAtom(kind, u));
    }

    /// <summary>The signs u can take on the assumed domain, from its atoms' signs (conservative).</summary>
    private SignSet SignOf(RationalFunction u)
    {
        var signs = SignOf(u.Numerator);
        foreach (var (factor, exponent) in u.Factors)
        {
            signs *= SignOf(_factors[factor]).Power(exponent);
        }

        return signs;
    }

    private SignSet SignOf(Polynomial p) => SignSet.Sum(p.Terms.Select(t =>
    {
        var signs = SignSet.Of(t.Value.Sign);
        for (var k = 0; k < t.Key.AtomCount; k++)
        {
            signs *= SignOfAtom(_atoms[t.Key.Atom(k)]).Power(t.Key.Exponent(k));
        }

        return signs;
    }));

    private SignSet SignOfAtom(Atom atom) => atom switch
    {
        SymbolAtom s => _assumptions.SignOf(s.Symbol),
        ExpAtom or ExpOfFractionAtom or Proving.LnOfInteger => SignSet.Positive,
        RootAtom => SignSet.NonNegative,
        KinkAtom { Kind: FunctionKind.Step } => SignSet.NonNegative,
        _ => SignSet.Any,
    };

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
        var (factors, cofactor) = FactorOverSmallPrimes(n);
        foreach (var (p, k) in factors)
        {
            result = Add(result, Multiply(RationalFunction.Constant(k), FromAtom(new LnOfInteger(p))));
        }

        return cofactor > 1 ? Add(result, FromAtom(new LnOfInteger(cofactor))) : result;
    }

    /// <summary>n ≥ 1 as Π pᵢ^eᵢ over the primes below 1000 times a cofactor without such factors.</summary>
    private static (List<(int Prime, int Exponent)> Factors, BigInteger Cofactor) FactorOverSmallPrimes(BigInteger n)
    {
        var factors = new List<(int, int)>();
        foreach (var p in SmallPrimes)
        {
            if (n < p)
            {
                break;
            }

            var e = 0;
            while ((n % p).IsZero)
            {
                n /= p;
                e++;
            }

            if (e > 0)
            {
                factors.Add((p, e));
            }
        }

        return (factors, n);
    }

    /// <summary>N = sign · content · monomial · primitive, primitive having no monomial content and a positive leading coefficient.</summary>
    private static (BigInteger Sign, BigInteger Content, Monomial Monomial, Polynomial Primitive) Decompose(Polynomial n)
    {
        var content = n.ContentGcd();
        var monomial = n.MonomialContent();
        var reduced = n.DivideExact(content).MultiplyTerm(BigInteger.One, monomial.Inverse());
        // The sign is read after removing the monomial content: which term leads can depend on it, and the
        // primitive must not (ln|(1 − y)·sign(1 − y)| and ln|1 − y| share one factor).
        var sign = reduced.LeadingTerm().Value.Sign < 0 ? BigInteger.MinusOne : BigInteger.One;
        return (sign, content, monomial, sign.Sign < 0 ? -reduced : reduced);
    }

    private RationalFunction Reduce(Polynomial numerator, BigInteger denominator, ImmutableArray<(int Factor, int Exponent)> factors)
    {
        if (_kinkAtoms.Count > 0 || _monomialRoots.Count > 0)
        {
            (numerator, var scale) = ReduceAtomPowers(numerator);
            denominator *= scale;
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
    /// Brings every monomial to its reduced form: step(u) and sign(u) take only the values {0, 1} and {−1, 0, 1}
    /// (step(0) = 0 as the expressions fold it), so stepᵉ = step for e ≠ 0, signᵉ = sign for odd e and sign² for
    /// even e ≠ 0 (negative powers are defined only where the value is ±1, where the same holds); a root r = (c·m)^(1/q)
    /// of a single term has rᵉ = (c·m)^k·r^(e − kq) with 0 ≤ e − kq &lt; q wherever r is real (and nonzero when k &lt; 0).
    /// Returns the new numerator and the integer the denominator must be multiplied by (from negative powers of c).
    /// </summary>
    private (Polynomial Numerator, BigInteger Scale) ReduceAtomPowers(Polynomial p)
    {
        var scale = BigInteger.One;
        for (var round = 0; ; round++)
        {
            Dictionary<Monomial, Rational>? reduced = null;
            foreach (var (m, c) in p.Terms)
            {
                var (r, factor) = ReduceAtomPowers(m);
                if (reduced is null && (r != m || !factor.IsOne))
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
                    reduced[r] = reduced.GetValueOrDefault(r) + (factor * c);
                }
            }

            if (reduced is null)
            {
                return (p, scale);
            }

            if (round > 64)
            {
                throw new ProverLimitException("roots nested too deeply for the polynomial method");
            }

            var lcm = reduced.Values.Aggregate(BigInteger.One, (acc, v) => Lcm(acc, v.Denominator));
            scale *= lcm;
            p = Polynomial.FromTerms(reduced.Where(t => !t.Value.IsZero).ToDictionary(t => t.Key, t => (t.Value * lcm).Numerator));
        }
    }

    private (Monomial Monomial, Rational Factor) ReduceAtomPowers(Monomial m)
    {
        var result = m;
        var factor = Rational.One;
        for (var k = 0; k < m.AtomCount; k++)
        {
            var e = m.Exponent(k);
            if (_kinkAtoms.TryGetValue(m.Atom(k), out var kind))
            {
                var target = kind == FunctionKind.Step || int.IsOddInteger(e) ? 1 : 2;
                if (e != target)
                {
                    result *= Monomial.OfAtom(m.Atom(k), target - e);
                }
            }
            else if (_monomialRoots.TryGetValue(m.Atom(k), out var root) && (e < 0 || e >= root.Degree))
            {
                var whole = e >= 0 ? e / root.Degree : -((-e + root.Degree - 1) / root.Degree);
                result *= Monomial.OfAtom(m.Atom(k), -whole * root.Degree) * root.Monomial.Pow(whole);
                factor *= new Rational(root.Coefficient).Pow(whole);
            }
        }

        return (result, factor);
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
