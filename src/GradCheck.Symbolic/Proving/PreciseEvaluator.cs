using System.Collections.Concurrent;
using System.Numerics;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>Whether an expression has a real value at a point, as far as an evaluation can tell.</summary>
public enum PreciseStatus
{
    /// <summary>Certainly real: <see cref="PreciseEnclosure.Lo"/> ≤ value ≤ <see cref="PreciseEnclosure.Hi"/>.</summary>
    Defined,

    /// <summary>Certainly not real (ln of a negative number, a square root of one, division by exactly 0, …).</summary>
    Undefined,

    /// <summary>Cannot tell (an argument's enclosure straddles a domain boundary or a kink, or a value is too large to evaluate).</summary>
    Unknown,
}

/// <summary>A rigorous enclosure of a value at high precision: exact rational ends, or why there is none.</summary>
/// <param name="Status">Whether the value is real.</param>
/// <param name="Lo">The lower end (exact), when <see cref="PreciseStatus.Defined"/>.</param>
/// <param name="Hi">The upper end (exact), when <see cref="PreciseStatus.Defined"/>.</param>
/// <param name="Reason">Why the value is undefined or unknown; null when defined.</param>
public sealed record PreciseEnclosure(PreciseStatus Status, Rational Lo, Rational Hi, string? Reason)
{
    /// <summary>The midpoint as a double.</summary>
    public double Midpoint => ((Lo + Hi) / 2).ToDouble();

    /// <summary>Whether two defined enclosures have no point in common: the values certainly differ.</summary>
    public static bool Disjoint(PreciseEnclosure a, PreciseEnclosure b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Status == PreciseStatus.Defined && b.Status == PreciseStatus.Defined && (a.Hi < b.Lo || b.Hi < a.Lo);
    }

    /// <summary>Whether two defined, overlapping enclosures are each narrower than 2^−<paramref name="relativeBits"/> of
    /// the larger magnitude of their ends (or both exactly 0): their agreement then means equality to that many bits.</summary>
    public static bool AgreeTo(PreciseEnclosure a, PreciseEnclosure b, int relativeBits)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Status != PreciseStatus.Defined || b.Status != PreciseStatus.Defined || Disjoint(a, b))
        {
            return false;
        }

        var magnitude = new[] { a.Lo.Abs(), a.Hi.Abs(), b.Lo.Abs(), b.Hi.Abs() }.Max();
        if (magnitude.IsZero)
        {
            return true;
        }

        var limit = magnitude / new Rational(BigInteger.One << relativeBits);
        return a.Hi - a.Lo <= limit && b.Hi - b.Lo <= limit;
    }
}

/// <summary>
/// Evaluates an expression at an exact point in interval arithmetic of high precision (dyadic ends of
/// <c>bits</c> significant bits, rounded outward; exp by Taylor series after halving, ln by the atanh series after
/// scaling by powers of 2, square roots by integer square roots, each with a rigorous bound on the series' tail).
/// It decides what double precision cannot: ln σ(z) against −e^{−z} for z in (20, 30) differ by about
/// e^{−2z}/2, far below a double's rounding of the values, and far above 2^{−256}.
/// </summary>
/// <remarks>
/// NaN/∞ policy: there are none; a value that is not real is <see cref="PreciseStatus.Undefined"/> (ln or a
/// non-integer power of a certainly negative number, ln of 0, division by exactly 0, 0 to a power that is not
/// positive), and anything the evaluation cannot settle (an argument straddling a domain boundary, sign or step at
/// 0, an exponent beyond 2^20) is <see cref="PreciseStatus.Unknown"/>. Never throws for a well-formed expression.
/// The same conventions as the double evaluators: σ, tanh and softplus as their definitions, bᵉ with a
/// non-integer or symbolic exponent as exp(e·ln b) for b &gt; 0 (and 0 for b = 0, e &gt; 0).
/// </remarks>
/// <example>
/// <code>
/// var z = Expr.Sym("z");
/// var at = new Dictionary&lt;Symbol, Rational&gt; { [(Symbol)z] = 25 };
/// var left = PreciseEvaluator.Evaluate(Expr.Ln(Expr.Sigmoid(z)), at);
/// var right = PreciseEvaluator.Evaluate(-Expr.Exp(-z), at);
/// Console.WriteLine(PreciseEnclosure.Disjoint(left, right)); // True
/// </code>
/// </example>
public static class PreciseEvaluator
{
    /// <summary>The default precision: 256 bits, about 77 decimal digits.</summary>
    public const int DefaultBits = 256;

    private const long MaxExpArgument = 1L << 20;

    private static readonly ConcurrentDictionary<int, (Dyadic Lo, Dyadic Hi)> Ln2Cache = new();

    /// <summary>Encloses <paramref name="e"/> at the exact point <paramref name="values"/>.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="values">An exact value for every symbol of <paramref name="e"/>.</param>
    /// <param name="bits">Significant bits of the ends (at least 64).</param>
    /// <returns>The enclosure, or why there is none.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static PreciseEnclosure Evaluate(Expr e, IReadOnlyDictionary<Symbol, Rational> values, int bits = DefaultBits)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(values);
        var run = new Run(values, Math.Max(64, bits));
        try
        {
            var x = run.Eval(e);
            return new PreciseEnclosure(PreciseStatus.Defined, x.Lo.ToRational(), x.Hi.ToRational(), null);
        }
        catch (NotRealException undefined)
        {
            return new PreciseEnclosure(PreciseStatus.Undefined, Rational.Zero, Rational.Zero, undefined.Message);
        }
        catch (UnknownException unknown)
        {
            return new PreciseEnclosure(PreciseStatus.Unknown, Rational.Zero, Rational.Zero, unknown.Message);
        }
        catch (KeyNotFoundException)
        {
            return new PreciseEnclosure(PreciseStatus.Unknown, Rational.Zero, Rational.Zero, "a symbol has no value");
        }
    }

    /// <summary>Encloses <paramref name="e"/> where each symbol is the exact value of a double.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="values">A finite double for every symbol.</param>
    /// <param name="bits">Significant bits of the ends.</param>
    public static PreciseEnclosure Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> values, int bits = DefaultBits)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Evaluate(e, values.ToDictionary(p => p.Key, p => ExactRational.Of(p.Value)), bits);
    }

    private readonly record struct Box(Dyadic Lo, Dyadic Hi)
    {
        public bool Positive => Lo.Sign > 0;

        public bool Negative => Hi.Sign < 0;

        public bool IsZero => Lo.Sign == 0 && Hi.Sign == 0;

        public bool ContainsZero => Lo.Sign <= 0 && Hi.Sign >= 0;

        public static Box Point(Dyadic x) => new(x, x);
    }

    private sealed class NotRealException(string reason) : Exception(reason);

    private sealed class UnknownException(string reason) : Exception(reason);

    private sealed class Run(IReadOnlyDictionary<Symbol, Rational> values, int bits)
    {
        private readonly Dictionary<Expr, Box> _cache = [];
        private readonly int _work = bits + 32;

        public Box Eval(Expr e)
        {
            if (_cache.TryGetValue(e, out var known))
            {
                return known;
            }

            Limits.WorkDeadline.Poll();
            var result = e switch
            {
                Number n => FromRational(n.Value),
                Symbol s => FromRational(values[s]),
                Sum sum => sum.Terms.Select(Eval).Aggregate(Add),
                Product product => product.Factors.Select(Eval).Aggregate(Mul),
                Power power => EvalPower(power),
                Function f => EvalFunction(f.Kind, Eval(f.Argument)),
                _ => throw new UnknownException("unsupported node"),
            };
            _cache[e] = result;
            return result;
        }

        private Box FromRational(Rational r) => new(Dyadic.FromRational(r, _work, up: false), Dyadic.FromRational(r, _work, up: true));

        private Box Add(Box a, Box b) => new(Dyadic.Add(a.Lo, b.Lo).Round(_work, up: false), Dyadic.Add(a.Hi, b.Hi).Round(_work, up: true));

        private static Box Neg(Box a) => new(-a.Hi, -a.Lo);

        private Box Mul(Box a, Box b)
        {
            var p = new[] { Dyadic.Multiply(a.Lo, b.Lo), Dyadic.Multiply(a.Lo, b.Hi), Dyadic.Multiply(a.Hi, b.Lo), Dyadic.Multiply(a.Hi, b.Hi) };
            return new(p.Aggregate(Dyadic.Min).Round(_work, up: false), p.Aggregate(Dyadic.Max).Round(_work, up: true));
        }

        private Box Reciprocal(Box a)
        {
            if (a.IsZero)
            {
                throw new NotRealException(DomainEvaluator.DivisionByZero);
            }

            if (a.ContainsZero)
            {
                throw new UnknownException("a denominator's enclosure contains 0");
            }

            return new(Dyadic.Divide(Dyadic.One, a.Hi, _work, up: false), Dyadic.Divide(Dyadic.One, a.Lo, _work, up: true));
        }

        private Box Div(Box a, Box b) => Mul(a, Reciprocal(b));

        private Box IntegerPower(Box a, BigInteger n)
        {
            if (n.IsZero)
            {
                return Box.Point(Dyadic.One);
            }

            if (n.Sign < 0)
            {
                return Reciprocal(IntegerPower(a, -n));
            }

            if (n > 100_000)
            {
                throw new UnknownException("an integer power beyond 100000");
            }

            // Square-and-multiply on the interval; an even power of an interval across 0 starts at 0.
            var result = Box.Point(Dyadic.One);
            var power = a;
            var k = n;
            var first = true;
            while (!k.IsZero)
            {
                if (!k.IsEven)
                {
                    result = first ? power : Mul(result, power);
                    first = false;
                }

                k >>= 1;
                if (!k.IsZero)
                {
                    power = Square(power);
                }
            }

            return n.IsEven && a.ContainsZero ? new Box(Dyadic.Zero, Dyadic.Max(result.Hi, Dyadic.Zero)) : result;
        }

        private Box Square(Box a)
        {
            var m = Mul(a, a);
            return a.ContainsZero ? new Box(Dyadic.Zero, m.Hi) : a.Negative ? new Box(m.Lo, m.Hi) : m;
        }

        private Box EvalPower(Power power)
        {
            var b = Eval(power.Base);
            if (power.Exponent is Number { Value: var e })
            {
                if (e.IsInteger)
                {
                    return IntegerPower(b, e.Numerator);
                }

                if (e == new Rational(1, 2))
                {
                    return Sqrt(b);
                }

                if (b.IsZero)
                {
                    return e.Sign > 0 ? b : throw new NotRealException(DomainEvaluator.ZeroToNonPositive);
                }

                return b.Negative ? throw new NotRealException(DomainEvaluator.PowerOfNegative)
                    : !b.Positive ? throw new UnknownException("a base's enclosure contains 0")
                    : Exp(Mul(FromRational(e), Ln(b)));
            }

            var exponent = Eval(power.Exponent);
            if (b.IsZero)
            {
                return exponent.Positive ? b : exponent.Lo.Sign <= 0 && exponent.Hi.Sign <= 0
                    ? throw new NotRealException(DomainEvaluator.ZeroToNonPositive)
                    : throw new UnknownException("0 to a power whose sign is unknown");
            }

            return b.Negative ? throw new NotRealException(DomainEvaluator.PowerOfNegative)
                : !b.Positive ? throw new UnknownException("a base's enclosure contains 0")
                : Exp(Mul(exponent, Ln(b)));
        }

        private Box EvalFunction(FunctionKind kind, Box u)
        {
            switch (kind)
            {
                case FunctionKind.Exp:
                    return Exp(u);
                case FunctionKind.Ln:
                    if (u.IsZero)
                    {
                        throw new NotRealException(DomainEvaluator.LnOfZero);
                    }

                    return u.Negative || (u.Hi.Sign == 0) ? throw new NotRealException(DomainEvaluator.LnOfNegative)
                        : !u.Positive ? throw new UnknownException("an ln argument's enclosure contains 0")
                        : Ln(u);
                case FunctionKind.Sqrt:
                    return Sqrt(u);
                case FunctionKind.Sigmoid:
                    // σ is increasing: σ(lo) and σ(hi), each 1/(1 + e^−x).
                    return new Box(SigmoidAt(u.Lo).Lo, SigmoidAt(u.Hi).Hi);
                case FunctionKind.Tanh when (u.Lo.Sign == 0 || u.Lo.Magnitude < -20) && (u.Hi.Sign == 0 || u.Hi.Magnitude < -20):
                    // Tiny arguments: 2σ(2x) − 1 would cancel to noise; x − x³/3 ≤ tanh x ≤ x for x ≥ 0 (odd, increasing).
                    return new Box(TinyTanh(u.Lo, lower: true), TinyTanh(u.Hi, lower: false));
                case FunctionKind.Tanh:
                    // tanh x = 2σ(2x) − 1, increasing.
                    var two = Box.Point(Dyadic.Of(2));
                    var lo = Add(Mul(two, SigmoidAt(Dyadic.Multiply(u.Lo, Dyadic.Of(2)))), Box.Point(Dyadic.Of(-1)));
                    var hi = Add(Mul(two, SigmoidAt(Dyadic.Multiply(u.Hi, Dyadic.Of(2)))), Box.Point(Dyadic.Of(-1)));
                    return new Box(lo.Lo, hi.Hi);
                case FunctionKind.Softplus:
                    return new Box(SoftplusAt(u.Lo).Lo, SoftplusAt(u.Hi).Hi);
                case FunctionKind.Relu:
                    return new Box(Dyadic.Max(u.Lo, Dyadic.Zero), Dyadic.Max(u.Hi, Dyadic.Zero));
                case FunctionKind.Abs:
                    return u.ContainsZero ? new Box(Dyadic.Zero, Dyadic.Max(-u.Lo, u.Hi)) : u.Negative ? Neg(u) : u;
                case FunctionKind.Sign:
                    return u.Positive ? Box.Point(Dyadic.One) : u.Negative ? Box.Point(Dyadic.Of(-1))
                        : u.IsZero ? Box.Point(Dyadic.Zero) : throw new UnknownException("sign at its kink");
                case FunctionKind.Step:
                    return u.Positive ? Box.Point(Dyadic.One) : u.Negative ? Box.Point(Dyadic.Zero) : throw new UnknownException("step at its kink");
                default:
                    throw new UnknownException("unsupported function " + kind);
            }
        }

        private Dyadic TinyTanh(Dyadic x, bool lower)
        {
            var cube = Dyadic.Divide(Dyadic.Multiply(Dyadic.Multiply(x, x), x), Dyadic.Of(3), _work, up: x.Sign < 0);
            var shrunk = Dyadic.Add(x, -cube).Round(_work, up: x.Sign < 0); // toward 0
            return (x.Sign >= 0) == lower ? shrunk : x;
        }

        private Box SigmoidAt(Dyadic x) => Reciprocal(Add(Box.Point(Dyadic.One), Exp(Box.Point(-x))));

        // softplus x = ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|); the second term through ln1p keeps its relative precision.
        private Box SoftplusAt(Dyadic x)
        {
            var t = Exp(Box.Point(x.Sign > 0 ? -x : x));
            var tail = Ln1p(t);
            return x.Sign > 0 ? Add(Box.Point(x), tail) : tail;
        }

        private Box Sqrt(Box u)
        {
            if (u.Negative)
            {
                throw new NotRealException(DomainEvaluator.SqrtOfNegative);
            }

            if (u.Lo.Sign < 0)
            {
                throw new UnknownException("a square root's argument's enclosure contains 0");
            }

            return new Box(SqrtBound(u.Lo, up: false), SqrtBound(u.Hi, up: true));
        }

        private Dyadic SqrtBound(Dyadic x, bool up)
        {
            if (x.Sign == 0)
            {
                return Dyadic.Zero;
            }

            var m = x.M;
            var e = x.E;
            if ((e & 1) != 0)
            {
                m <<= 1;
                e -= 1;
            }

            var shift = Math.Max(0, (2 * _work) - (int)m.GetBitLength() + 2) & ~1;
            var scaled = m << shift;
            var root = Dyadic.IntegerSqrt(scaled);
            if (up && root * root != scaled)
            {
                root += 1;
            }

            return new Dyadic(root, (e - shift) / 2);
        }

        private Box Exp(Box u) => new(ExpBound(u.Lo, up: false), ExpBound(u.Hi, up: true));

        private Dyadic ExpBound(Dyadic x, bool up)
        {
            if (x.Sign == 0)
            {
                return Dyadic.One;
            }

            if (x.Magnitude > 21)
            {
                throw new UnknownException("exp of a number beyond 2^20");
            }

            // exp x = (exp(x/2^s))^(2^s) with |x/2^s| ≤ 2^−12; each squaring doubles the relative error, so s extra bits.
            var s = (int)Math.Max(0, x.Magnitude + 12);
            var work = _work + s + 16;
            var t = new Dyadic(x.M, x.E - s);
            var sum = TaylorExp(t, work);
            for (var i = 0; i < s; i++)
            {
                var lo = Dyadic.Multiply(sum.Lo, sum.Lo).Round(work, up: false);
                var hi = Dyadic.Multiply(sum.Hi, sum.Hi).Round(work, up: true);
                sum = new Box(lo, hi);
            }

            return (up ? sum.Hi : sum.Lo).Round(_work, up);
        }

        /// <summary>Σ tᵏ/k! for |t| ≤ 2^−12, with the tail bounded by twice the first omitted term.</summary>
        private static Box TaylorExp(Dyadic t, int work)
        {
            var lo = Dyadic.One;
            var hi = Dyadic.One;
            var termLo = Dyadic.One; // enclosure of tᵏ/k!
            var termHi = Dyadic.One;
            for (var k = 1; k < 10_000; k++)
            {
                var a = Dyadic.Multiply(termLo, t);
                var b = Dyadic.Multiply(termHi, t);
                var (minLo, maxHi) = Dyadic.Compare(a, b) <= 0 ? (a, b) : (b, a);
                termLo = Dyadic.Divide(minLo, Dyadic.Of(k), work, up: false);
                termHi = Dyadic.Divide(maxHi, Dyadic.Of(k), work, up: true);
                lo = Dyadic.Add(lo, termLo).Round(work, up: false);
                hi = Dyadic.Add(hi, termHi).Round(work, up: true);
                var size = Dyadic.Max(Abs(termLo), Abs(termHi));
                if (size.Sign == 0 || size.Magnitude < -work - 4)
                {
                    // The tail after this term is below 2·|t|·|term| ≤ |term|: widen by it.
                    return new Box(Dyadic.Add(lo, -size).Round(work, up: false), Dyadic.Add(hi, size).Round(work, up: true));
                }
            }

            throw new UnknownException("the exp series did not converge");
        }

        private static Dyadic Abs(Dyadic x) => x.Sign < 0 ? -x : x;

        private Box Ln(Box u) => new(LnBound(u.Lo, up: false), LnBound(u.Hi, up: true));

        private Dyadic LnBound(Dyadic x, bool up)
        {
            // x = m·2^k with m in [2/3, 4/3]; ln x = 2·atanh((m − 1)/(m + 1)) + k·ln 2.
            var k = (long)x.M.GetBitLength() - 1 + x.E;
            var m = new Dyadic(x.M, -(int)(x.M.GetBitLength() - 1)); // in [1, 2)
            if (Dyadic.Compare(Dyadic.Multiply(m, Dyadic.Of(3)), Dyadic.Of(4)) > 0)
            {
                m = new Dyadic(m.M, m.E - 1);
                k += 1;
            }

            var work = _work + 16 + (int)Math.Max(0, Math.Log2(Math.Abs(k) + 1));
            var numerator = Dyadic.Add(m, Dyadic.Of(-1));
            var denominator = Dyadic.Add(m, Dyadic.One);
            var t = new Box(Dyadic.Divide(numerator, denominator, work, up: false), Dyadic.Divide(numerator, denominator, work, up: true));
            var atanh = Atanh(t, work);
            var result = Add2(Mul2(Box.Point(Dyadic.Of(2)), atanh, work), Mul2(Box.Point(Dyadic.Of(k)), Ln2(work), work), work);
            return (up ? result.Hi : result.Lo).Round(_work, up);
        }

        /// <summary>ln(1 + t) for t ≥ 0 (here t = e^−|x| ≤ 1): 2·atanh(t/(2 + t)), exact in relative terms for tiny t.</summary>
        private Box Ln1p(Box t)
        {
            var work = _work + 16;
            var two = Dyadic.Of(2);
            var lo = Dyadic.Divide(t.Lo, Dyadic.Add(two, t.Lo), work, up: false);
            var hi = Dyadic.Divide(t.Hi, Dyadic.Add(two, t.Hi), work, up: true);
            var atanh = Atanh(new Box(lo, hi), work);
            return new Box(Dyadic.Multiply(atanh.Lo, two).Round(_work, false), Dyadic.Multiply(atanh.Hi, two).Round(_work, true));
        }

        private static Box Ln2(int work)
        {
            var (lo, hi) = Ln2Cache.GetOrAdd(work, w =>
            {
                var third = new Box(Dyadic.Divide(Dyadic.One, Dyadic.Of(3), w, false), Dyadic.Divide(Dyadic.One, Dyadic.Of(3), w, true));
                var a = Atanh(third, w);
                return (Dyadic.Multiply(a.Lo, Dyadic.Of(2)), Dyadic.Multiply(a.Hi, Dyadic.Of(2)));
            });
            return new Box(lo, hi);
        }

        /// <summary>atanh t = Σ t^(2j+1)/(2j+1) for |t| ≤ 1/3, an increasing function: evaluated at each end,
        /// the tail after term j bounded by |t|^(2j+3)/(1 − t²) ≤ 9/8·|t|^(2j+3).</summary>
        private static Box Atanh(Box t, int work) => new(AtanhAt(t.Lo, work, up: false), AtanhAt(t.Hi, work, up: true));

        private static Dyadic AtanhAt(Dyadic t, int work, bool up)
        {
            if (t.Sign == 0)
            {
                return Dyadic.Zero;
            }

            var t2 = Dyadic.Multiply(t, t).Round(work, up: true);
            var power = t; // t^(2j+1), rounded away from 0 in magnitude by at most an ulp each step
            var sum = Dyadic.Zero;
            var error = Dyadic.Zero;
            for (var j = 0; j < 100_000; j++)
            {
                var term = Dyadic.Divide(power, Dyadic.Of((2 * j) + 1), work, up);
                sum = Dyadic.Add(sum, term).Round(work + 8, up);
                power = Dyadic.Multiply(power, t2).Round(work, up: t.Sign > 0);
                if (power.Sign == 0 || power.Magnitude < -work - 4)
                {
                    // Tail ≤ |t|^(2j+3)/(1 − t²) < 2·|power|; plus the rounding of every term and power, over-covered by 2^(−work+20) of the sum.
                    var slack = Dyadic.Add(Dyadic.Multiply(Abs(power), Dyadic.Of(2)), new Dyadic(BigInteger.One, (int)Math.Min(int.MaxValue, (long)-work + 20 + sum.Magnitude)));
                    return (up ? Dyadic.Add(sum, slack) : Dyadic.Add(sum, -slack)).Round(work, up);
                }
            }

            throw new UnknownException("the atanh series did not converge");
        }

        private static Box Mul2(Box a, Box b, int work)
        {
            var p = new[] { Dyadic.Multiply(a.Lo, b.Lo), Dyadic.Multiply(a.Lo, b.Hi), Dyadic.Multiply(a.Hi, b.Lo), Dyadic.Multiply(a.Hi, b.Hi) };
            return new(p.Aggregate(Dyadic.Min).Round(work, up: false), p.Aggregate(Dyadic.Max).Round(work, up: true));
        }

        private static Box Add2(Box a, Box b, int work) =>
            new(Dyadic.Add(a.Lo, b.Lo).Round(work, up: false), Dyadic.Add(a.Hi, b.Hi).Round(work, up: true));
    }
}
