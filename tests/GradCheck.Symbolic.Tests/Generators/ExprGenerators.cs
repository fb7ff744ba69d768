using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Generators;

/// <summary>An expression together with a point (a value for each of <see cref="ExprGenerators.Symbols"/>).</summary>
public sealed record ExprAtPoint(Expr Expression, IReadOnlyDictionary<Symbol, double> Point)
{
    /// <summary>Readable counterexamples: the expression and the point.</summary>
    public override string ToString() =>
        Expression + " at " + string.Join(", ", Point.Select(kv => kv.Key + " = " + kv.Value.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>Two expressions (for the product and chain rules) and a point.</summary>
public sealed record ExprPairAtPoint(Expr First, Expr Second, IReadOnlyDictionary<Symbol, double> Point)
{
    /// <summary>Readable counterexamples.</summary>
    public override string ToString() => new ExprAtPoint(First, Point) + " ; second: " + Second;
}

/// <summary>
/// Size-bounded recursive FsCheck generators of canonical expressions over the symbols x, y, z_1,
/// W_{1,2}, d and dt (the last two make quotients that look like the derivative operator d/dt), in two flavours: <see cref="Smooth"/> (every node defined on the whole real line except at
/// kinks, so finite differences and derivative laws apply) and <see cref="General"/> (also raw
/// division, ln, square roots and symbolic exponents, which can be undefined: for laws that hold
/// wherever the input is defined). Public so other test projects can reuse them.
/// </summary>
public static class ExprGenerators
{
    /// <summary>The symbols the generated expressions use.</summary>
    public static IReadOnlyList<Symbol> Symbols { get; } =
        [Expr.Sym("x"), Expr.Sym("y"), Expr.Sym("z", 1), Expr.Sym("W", 1, 2), Expr.Sym("d"), Expr.Sym("dt")];

    // Depth is about log2 of this; bigger trees only make the derivative laws slower to check.
    private const int MaxSize = 24;

    /// <summary>Expressions defined everywhere (positive arguments for ln, sqrt and negative powers).</summary>
    public static Gen<Expr> Smooth() => Gen.Sized(size => Tree(Math.Min(size, MaxSize), general: false));

    /// <summary>Expressions that may be undefined at some points (raw 1/u, ln u, sqrt u, u^v).</summary>
    public static Gen<Expr> General() => Gen.Sized(size => Tree(Math.Min(size, MaxSize), general: true));

    /// <summary>
    /// Rational functions of x, y and z_1 with small rational constants: sums, differences, products,
    /// squares and cubes, and quotients by a denominator u² + c (c ∈ {1/2, 1, 2}) that is never 0, so the
    /// expression is defined everywhere.
    /// </summary>
    public static Gen<Expr> RationalFunction() => Gen.Sized(size => RationalTree(Math.Min(size, MaxRationalSize)));

    // Small enough that the prover's expansion of products of quotients stays far below its size limits.
    private const int MaxRationalSize = 12;

    private static Gen<Expr> RationalLeaf() =>
        Gen.Frequency(
            (4, Gen.Elements(Symbols[0], Symbols[1], Symbols[2]).Select(s => (Expr)s)),
            (1, Gen.Choose(-3, 3).Select(Expr.Num)),
            (1, Gen.Choose(-4, 4).Two().Select(t => Expr.Num(new Rational(t.Item1, Math.Abs(t.Item2) + 1)))));

    private static Gen<Expr> RationalTree(int size)
    {
        if (size <= 1)
        {
            return RationalLeaf();
        }

        var a = RationalTree(size / 2);
        return Gen.Frequency(
            (2, RationalLeaf()),
            (3, a.Two().Select(t => t.Item1 + t.Item2)),
            (2, a.Two().Select(t => t.Item1 - t.Item2)),
            (3, a.Two().Select(t => t.Item1 * t.Item2)),
            (2, a.SelectMany(n => Positive(a), (n, d) => n / d)),
            (1, from b in a from k in Gen.Choose(2, 3) select Expr.Pow(b, k)));
    }

    /// <summary>A point: each symbol uniformly in [−2, 2] on a grid of 1e−4 (exact zeros do occur).</summary>
    public static Gen<IReadOnlyDictionary<Symbol, double>> Point() =>
        Gen.Choose(-20_000, 20_000).ArrayOf(Symbols.Count).Select(values =>
            (IReadOnlyDictionary<Symbol, double>)Symbols.Select((s, i) => (s, v: values[i] / 10_000.0)).ToDictionary(p => p.s, p => p.v));

    /// <summary>A smooth expression at a point, shrinking to subexpressions.</summary>
    public static Arbitrary<ExprAtPoint> SmoothAtPoint() => AtPoint(Smooth());

    /// <summary>A general expression at a point, shrinking to subexpressions.</summary>
    public static Arbitrary<ExprAtPoint> GeneralAtPoint() => AtPoint(General());

    private static Arbitrary<ExprAtPoint> AtPoint(Gen<Expr> expressions) =>
        Arb.From(
            from e in expressions
            from p in Point()
            select new ExprAtPoint(e, p),
            c => c.Expression.Children.Select(child => c with { Expression = child }));

    /// <summary>Two smooth expressions at a point.</summary>
    public static Arbitrary<ExprPairAtPoint> SmoothPairAtPoint() =>
        Arb.From(
            from a in Smooth()
            from b in Smooth()
            from p in Point()
            select new ExprPairAtPoint(a, b, p),
            c => c.First.Children.Select(child => c with { First = child }).Concat(c.Second.Children.Select(child => c with { Second = child })));

    // An exact 0 to a negative power is rejected at construction; fall back to a defined expression.
    private static Expr Exact(Func<Expr> build, Expr fallback)
    {
        try
        {
            return build();
        }
        catch (DivideByZeroException)
        {
            return fallback;
        }
    }

    private static Gen<Expr> Leaf() =>
        Gen.Frequency(
            (4, Gen.Elements(Symbols.ToArray()).Select(s => (Expr)s)),
            (1, Gen.Choose(-3, 3).Select(Expr.Num)),
            (1, Gen.Choose(-4, 4).Two().Select(t => Expr.Num(new Rational(t.Item1, Math.Abs(t.Item2) + 1)))));

    // e² + c > 0, except when e is a non-real constant such as sqrt(−2) (general mode), whose square
    // folds to −2: then just c.
    private static Gen<Expr> Positive(Gen<Expr> a) =>
        from e in a
        from c in Gen.Elements(new Rational(1, 2), Rational.One, new Rational(2))
        let p = Expr.Pow(e, 2) + c
        select p is Number { Value.Sign: <= 0 } ? Expr.Num(c) : p;

    private static Gen<Expr> Tree(int size, bool general)
    {
        if (size <= 1)
        {
            return Leaf();
        }

        var a = Tree(size / 2, general);
        var options = new List<(int, Gen<Expr>)>
        {
            (3, Leaf()),
            (3, a.Two().Select(t => t.Item1 + t.Item2)),
            (2, a.Two().Select(t => t.Item1 - t.Item2)),
            (3, a.Two().Select(t => t.Item1 * t.Item2)),
            (2, a.SelectMany(n => Positive(a), (n, d) => n / d)),
            (2, from b in a from k in Gen.Choose(2, 3) select Expr.Pow(b, k)),
            (1, from b in Positive(a) from k in Gen.Elements(-2, -1) select Expr.Pow(b, k)),
            (1, Positive(a).Select(Expr.Sqrt)),
            (1, Positive(a).Select(b => Expr.Pow(b, new Rational(3, 2)))),
            (2, a.Select(Expr.Exp)),
            (1, Positive(a).Select(Expr.Ln)),
            (1, a.Select(b => Expr.Ln(Expr.Sigmoid(b)))),
            (1, a.Select(b => Expr.Ln(1 - Expr.Sigmoid(b)))),
            (2, a.Select(Expr.Sigmoid)),
            (2, a.Select(Expr.Tanh)),
            (1, a.Select(Expr.Softplus)),
            (1, a.Select(Expr.Relu)),
            (1, a.Select(Expr.Abs)),
            (1, a.Two().Select(t => Expr.Sign(t.Item1) * t.Item2)),
            (1, a.Two().Select(t => Expr.Step(t.Item1) * t.Item2)),
        };
        if (general)
        {
            options.Add((2, a.Two().Select(t => Exact(() => t.Item1 / t.Item2, t.Item1))));
            options.Add((1, a.Select(Expr.Ln)));
            options.Add((1, a.Select(Expr.Sqrt)));
            options.Add((1, a.Two().Select(t => Expr.Pow(Expr.Exp(t.Item1), t.Item2))));
            // No symbolic power of an exact 0: 0^y·0^(−1−y) would fold to 1/0 when two such meet.
            options.Add((1, a.Two().Select(t => t.Item1 is Number { Value.IsZero: true } ? t.Item1 : Exact(() => Expr.Pow(t.Item1, t.Item2), t.Item1))));
        }

        return Gen.Frequency(options);
    }
}
