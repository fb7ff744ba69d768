using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics;

namespace GradCheck.Symbolic.Expressions;

// The smart constructors: the only way to build nodes, so every Expr is canonical.
public abstract partial record Expr
{
    private static readonly Number ZeroNumber = new(Rational.Zero);
    private static readonly Number OneNumber = new(Rational.One);
    private static readonly Number MinusOneNumber = new(Rational.MinusOne);
    private static readonly Number HalfNumber = new(new Rational(1, 2));

    // Words of the claims syntax that cannot be symbol names (the parser reads them as functions or keywords).
    private static readonly FrozenSet<string> ReservedNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "exp", "ln", "log", "sqrt", "sigmoid", "σ", "tanh", "relu", "abs", "sign", "step", "softplus",
        "sum", "prod", "delta", "diff");

    // Exact integer powers beyond this many bits stay symbolic rather than exhausting memory.
    private const long MaxFoldedPowerBits = 1 << 16;

    /// <summary>The number 0.</summary>
    public static Expr Zero => ZeroNumber;

    /// <summary>The number 1.</summary>
    public static Expr One => OneNumber;

    /// <summary>The number −1.</summary>
    public static Expr MinusOne => MinusOneNumber;

    /// <summary>An exact integer constant.</summary>
    public static Expr Num(int value) => Num(new Rational(value));

    /// <summary>An exact rational constant.</summary>
    /// <example><code>Expr.Num(new Rational(6, 4)).ToString(); // "3/2"</code></example>
    public static Expr Num(Rational value) =>
        value.IsZero ? ZeroNumber : value.IsOne ? OneNumber : value == Rational.MinusOne ? MinusOneNumber : new Number(value);

    /// <summary>The Kronecker delta of two concrete indices: 1 when equal, else 0.</summary>
    public static Expr Delta(int i, int j) => i == j ? OneNumber : ZeroNumber;

    /// <summary>A symbol, optionally indexed: <c>Sym("x")</c>, <c>Sym("z", 1)</c>, <c>Sym("W", 2, 3)</c>.</summary>
    /// <exception cref="ArgumentException">
    /// The name is empty, does not start with a letter, contains anything but letters and digits, or is a
    /// function name or keyword of the claims syntax; or an index is negative.
    /// </exception>
    /// <example><code>Expr.Sym("W", 2, 3).ToString(); // "W_{2,3}"</code></example>
    public static Symbol Sym(string name, params int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return Sym(name, ImmutableArray.Create(indices));
    }

    /// <summary>A symbol with the given indices (see <see cref="Sym(string, int[])"/>).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Sym(string, int[])"/>.</exception>
    public static Symbol Sym(string name, ImmutableArray<int> indices)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsLetter(name[0]) || !name.All(char.IsLetterOrDigit))
        {
            throw new ArgumentException(
                $"symbol name '{name}' is not valid: it must start with a letter and contain only letters and digits", nameof(name));
        }

        if (ReservedNames.Contains(name))
        {
            throw new ArgumentException($"symbol name '{name}' is a function name or keyword of the claims syntax", nameof(name));
        }

        var list = indices.IsDefault ? ImmutableArray<int>.Empty : indices;
        foreach (var index in list)
        {
            if (index < 0)
            {
                throw new ArgumentException($"index {index} of symbol '{name}' is negative", nameof(indices));
            }
        }

        return new Symbol(name, list);
    }

    /// <summary>The sum of two expressions, canonical.</summary>
    public static Expr Add(Expr left, Expr right) => Add([left, right]);

    /// <summary>left − right, canonical.</summary>
    public static Expr Subtract(Expr left, Expr right) => Add([left, Multiply([MinusOneNumber, right])]);

    /// <summary>The product of two expressions, canonical.</summary>
    public static Expr Multiply(Expr left, Expr right) => Multiply([left, right]);

    /// <summary>left · right^−1, canonical.</summary>
    /// <exception cref="DivideByZeroException">When <paramref name="right"/> is the number 0.</exception>
    public static Expr Divide(Expr left, Expr right) => Multiply([left, Pow(right, MinusOneNumber)]);

    /// <summary>−value, canonical.</summary>
    public static Expr Negate(Expr value) => Multiply([MinusOneNumber, value]);

    /// <summary>The integer as a number.</summary>
    public static Expr FromInt32(int value) => Num(value);

    /// <summary>See <see cref="Add(Expr, Expr)"/>.</summary>
    public static Expr operator +(Expr left, Expr right) => Add(left, right);

    /// <summary>See <see cref="Subtract"/>.</summary>
    public static Expr operator -(Expr left, Expr right) => Subtract(left, right);

    /// <summary>See <see cref="Multiply(Expr, Expr)"/>.</summary>
    public static Expr operator *(Expr left, Expr right) => Multiply(left, right);

    /// <summary>See <see cref="Divide"/>.</summary>
    /// <exception cref="DivideByZeroException">When <paramref name="right"/> is the number 0.</exception>
    public static Expr operator /(Expr left, Expr right) => Divide(left, right);

    /// <summary>See <see cref="Negate"/>.</summary>
    public static Expr operator -(Expr value) => Negate(value);

    /// <summary>The integer as a number.</summary>
    public static implicit operator Expr(int value) => Num(value);

    /// <summary>The rational as a number.</summary>
    public static implicit operator Expr(Rational value) => Num(value);

    /// <summary>The rational as a number.</summary>
    public static Expr FromRational(Rational value) => Num(value);

    /// <summary>
    /// The canonical sum: nested sums flattened, numbers folded into one, like terms (equal up to a
    /// numeric coefficient) combined, zero terms dropped, terms sorted. Empty → 0; one term → that term.
    /// </summary>
    /// <example><code>Expr.Add([x, 1, x, -1]).ToString(); // "2*x"</code></example>
    public static Expr Add(IEnumerable<Expr> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var constant = Rational.Zero;
        var coefficients = new Dictionary<Expr, Rational>();
        var order = new List<Expr>();
        var pending = new Stack<Expr>(terms.Reverse());
        while (pending.Count > 0)
        {
            var term = pending.Pop();
            ArgumentNullException.ThrowIfNull(term, nameof(terms));
            switch (term)
            {
                case Number n:
                    constant += n.Value;
                    break;
                case Sum s:
                    for (var i = s.Terms.Length - 1; i >= 0; i--)
                    {
                        pending.Push(s.Terms[i]);
                    }

                    break;
                default:
                    var (coefficient, rest) = SplitCoefficient(term);
                    if (coefficients.TryGetValue(rest, out var existing))
                    {
                        coefficients[rest] = existing + coefficient;
                    }
                    else
                    {
                        coefficients[rest] = coefficient;
                        order.Add(rest);
                    }

                    break;
            }
        }

        var rests = order.Where(r => !coefficients[r].IsZero).ToList();
        rests.Sort();
        var builder = ImmutableArray.CreateBuilder<Expr>(rests.Count + 1);
        if (!constant.IsZero)
        {
            builder.Add(Num(constant));
        }

        foreach (var rest in rests)
        {
            builder.Add(Scale(coefficients[rest], rest));
        }

        return builder.Count switch
        {
            0 => ZeroNumber,
            1 => builder[0],
            _ => new Sum(builder.ToImmutable()),
        };
    }

    /// <summary>
    /// The canonical product: nested products flattened, numbers folded into one coefficient, equal
    /// bases combined by adding exponents (x·x^−1 = 1), factors sorted. A zero coefficient gives 0; a
    /// coefficient times a single sum is distributed. Empty → 1; one factor → that factor.
    /// </summary>
    /// <exception cref="DivideByZeroException">When combining makes an exact 0 to a negative power.</exception>
    /// <example><code>Expr.Multiply([x, 2, Expr.Pow(x, -1)]).ToString(); // "2"</code></example>
    public static Expr Multiply(IEnumerable<Expr> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var coefficient = Rational.One;
        var exponents = new Dictionary<Expr, List<Expr>>();
        var order = new List<Expr>();
        var pending = new Stack<Expr>(factors.Reverse());
        while (true)
        {
            while (pending.Count > 0)
            {
                var factor = pending.Pop();
                ArgumentNullException.ThrowIfNull(factor, nameof(factors));
                switch (factor)
                {
                    case Number n:
                        coefficient *= n.Value;
                        break;
                    case Product p:
                        for (var i = p.Factors.Length - 1; i >= 0; i--)
                        {
                            pending.Push(p.Factors[i]);
                        }

                        break;
                    default:
                        var (b, e) = factor is Power power ? (power.Base, power.Exponent) : (factor, (Expr)OneNumber);
                        if (exponents.TryGetValue(b, out var list))
                        {
                            list.Add(e);
                        }
                        else
                        {
                            exponents[b] = [e];
                            order.Add(b);
                        }

                        break;
                }
            }

            if (coefficient.IsZero)
            {
                return ZeroNumber;
            }

            // Combine each base; a combination may turn into a number or a product (2^(1/2)·2^(1/2) = 2,
            // sqrt(x)^2 = x) whose parts must be merged again, so loop until nothing new appears.
            var combined = new List<Expr>(order.Count);
            var again = false;
            foreach (var b in order)
            {
                var list = exponents[b];
                var power = list.Count == 1 ? (list[0] is Number { Value.IsOne: true } ? b : Pow(b, list[0])) : Pow(b, Add(list));
                var key = power is Power p ? p.Base : power;
                if (power is Number or Product || !key.Equals(b))
                {
                    again = true;
                }

                combined.Add(power);
            }

            if (!again)
            {
                return BuildProduct(coefficient, combined);
            }

            exponents.Clear();
            order.Clear();
            for (var i = combined.Count - 1; i >= 0; i--)
            {
                pending.Push(combined[i]);
            }
        }
    }

    private static Expr BuildProduct(Rational coefficient, List<Expr> factors)
    {
        factors.RemoveAll(f => f is Number { Value.IsOne: true });
        factors.Sort();
        if (factors.Count == 0)
        {
            return Num(coefficient);
        }

        if (coefficient.IsOne)
        {
            return factors.Count == 1 ? factors[0] : new Product([.. factors]);
        }

        // c·(a + b) = c·a + c·b, so that a scaled sum has one canonical form.
        if (factors is [Sum sum])
        {
            return Add(sum.Terms.Select(t => Multiply([Num(coefficient), t])));
        }

        var builder = ImmutableArray.CreateBuilder<Expr>(factors.Count + 1);
        builder.Add(Num(coefficient));
        builder.AddRange(factors);
        return new Product(builder.MoveToImmutable());
    }

    /// <summary>Splits a non-number term into its numeric coefficient and the rest (3·x·y → (3, x·y)).</summary>
    internal static (Rational Coefficient, Expr Remainder) SplitCoefficient(Expr term)
    {
        if (term is Product { Factors: [Number c, .. var rest] })
        {
            return (c.Value, rest.Length == 1 ? rest[0] : new Product([.. rest]));
        }

        return term is Number n ? (n.Value, OneNumber) : (Rational.One, term);
    }

    // c·rest for a rest that carries no coefficient (the inverse of SplitCoefficient; no re-canonicalisation needed).
    private static Expr Scale(Rational coefficient, Expr rest)
    {
        if (coefficient.IsOne)
        {
            return rest;
        }

        if (rest is Product p)
        {
            var builder = ImmutableArray.CreateBuilder<Expr>(p.Factors.Length + 1);
            builder.Add(Num(coefficient));
            builder.AddRange(p.Factors);
            return new Product(builder.MoveToImmutable());
        }

        return new Product([Num(coefficient), rest]);
    }

    /// <summary>
    /// <c>b^e</c>, canonical: x^0 = 1, x^1 = x, exact numeric powers folded (4^(1/2) = 2, (2/3)^−2 = 9/4),
    /// (b^p)^q = b^(pq) when q is an integer or p has an odd numerator, (x·y)^n = x^n·y^n for integer n,
    /// exp(a)^e = exp(a·e).
    /// </summary>
    /// <exception cref="DivideByZeroException">For the number 0 to a negative numeric power.</exception>
    /// <example><code>Expr.Pow(Expr.Pow(x, 2), 3).ToString(); // "x^6"</code></example>
    public static Expr Pow(Expr @base, Expr exponent)
    {
        ArgumentNullException.ThrowIfNull(@base);
        ArgumentNullException.ThrowIfNull(exponent);
        if (exponent is Number { Value.IsZero: true })
        {
            return OneNumber;
        }

        if (exponent is Number { Value.IsOne: true })
        {
            return @base;
        }

        var integerExponent = exponent is Number { Value.IsInteger: true };
        switch (@base)
        {
            case Number b:
                return PowNumber(b.Value, exponent);
            case Power inner when integerExponent || inner.Exponent is Number { Value.Numerator.IsEven: false }:
                return Pow(inner.Base, Multiply(inner.Exponent, exponent));
            case Product product when integerExponent:
                return Multiply(product.Factors.Select(f => Pow(f, exponent)));
            case Function { Kind: FunctionKind.Exp } exp:
                return Exp(Multiply(exp.Argument, exponent));
            default:
                return new Power(@base, exponent);
        }
    }

    private static Expr PowNumber(Rational b, Expr exponent)
    {
        if (b.IsOne)
        {
            return OneNumber;
        }

        if (exponent is not Number { Value: var e })
        {
            return b.IsZero ? new Power(ZeroNumber, exponent) : new Power(Num(b), exponent);
        }

        if (b.IsZero)
        {
            return e.Sign > 0 ? ZeroNumber : throw new DivideByZeroException($"0 raised to the negative power {e}");
        }

        // Fold only when the exact result is a rational of reasonable size.
        if (e.Denominator > int.MaxValue || BigInteger.Abs(e.Numerator) > int.MaxValue)
        {
            return new Power(Num(b), exponent);
        }

        var p = (int)e.Numerator;
        var q = (int)e.Denominator;
        var bits = Math.Max(b.Numerator.GetBitLength(), b.Denominator.GetBitLength());
        if (bits * Math.Abs((long)p) / q > MaxFoldedPowerBits)
        {
            return new Power(Num(b), exponent);
        }

        if (q == 1)
        {
            return Num(b.Pow(p));
        }

        // A non-integer power of a negative number is not real (NaN when evaluated); keep it visible.
        if (b.Sign > 0 && b.TryRoot(q, out var root))
        {
            return Num(root.Pow(p));
        }

        return new Power(Num(b), exponent);
    }

    /// <summary>Applies an elementary function, folding exact constants (exp(0) = 1, ln(1) = 0,
    /// σ(0) = 1/2, tanh(0) = 0, relu/abs/sign/step of a number). <c>Sqrt</c> gives the power x^(1/2).</summary>
    /// <example><code>Expr.Apply(FunctionKind.Relu, -3).ToString(); // "0"</code></example>
    public static Expr Apply(FunctionKind kind, Expr argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (kind == FunctionKind.Sqrt)
        {
            return Pow(argument, HalfNumber);
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown function kind");
        }

        if (argument is Number { Value: var v })
        {
            switch (kind)
            {
                case FunctionKind.Exp when v.IsZero:
                    return OneNumber;
                case FunctionKind.Ln when v.IsOne:
                    return ZeroNumber;
                case FunctionKind.Sigmoid when v.IsZero:
                    return HalfNumber;
                case FunctionKind.Tanh when v.IsZero:
                    return ZeroNumber;
                case FunctionKind.Relu:
                    return v.Sign > 0 ? argument : ZeroNumber;
                case FunctionKind.Abs:
                    return Num(v.Abs());
                case FunctionKind.Sign:
                    return Num(v.Sign);
                case FunctionKind.Step:
                    return v.Sign > 0 ? OneNumber : ZeroNumber;
                default:
                    break;
            }
        }

        return new Function(kind, argument);
    }

    /// <summary>e^x.</summary>
    public static Expr Exp(Expr x) => Apply(FunctionKind.Exp, x);

    /// <summary>Natural logarithm.</summary>
    public static Expr Ln(Expr x) => Apply(FunctionKind.Ln, x);

    /// <summary>Square root, represented as the power x^(1/2) (printed <c>sqrt(x)</c>).</summary>
    public static Expr Sqrt(Expr x) => Apply(FunctionKind.Sqrt, x);

    /// <summary>The logistic function σ(x) = 1/(1 + e^−x).</summary>
    public static Expr Sigmoid(Expr x) => Apply(FunctionKind.Sigmoid, x);

    /// <summary>Hyperbolic tangent.</summary>
    public static Expr Tanh(Expr x) => Apply(FunctionKind.Tanh, x);

    /// <summary>max(x, 0).</summary>
    public static Expr Relu(Expr x) => Apply(FunctionKind.Relu, x);

    /// <summary>|x|.</summary>
    public static Expr Abs(Expr x) => Apply(FunctionKind.Abs, x);

    /// <summary>sign(x) ∈ {−1, 0, 1}.</summary>
    public static Expr Sign(Expr x) => Apply(FunctionKind.Sign, x);

    /// <summary>Heaviside step, step(0) = 0.</summary>
    public static Expr Step(Expr x) => Apply(FunctionKind.Step, x);

    /// <summary>softplus(x) = ln(1 + e^x).</summary>
    public static Expr Softplus(Expr x) => Apply(FunctionKind.Softplus, x);
}
