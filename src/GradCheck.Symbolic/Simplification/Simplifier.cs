using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Simplification;

/// <summary>
/// Brings an expression to a canonical form beyond what the smart constructors do, by rewrite rules
/// that hold wherever the input is defined, applied bottom-up until nothing changes.
/// </summary>
/// <remarks>
/// Rules (besides the constructors' flattening, folding, like terms and like bases):
/// ln(exp u) = u; exp(ln u) = u; exp(a)·exp(b) = exp(a + b); |u| = u, relu(u) = u, sign(u) = 1 and
/// step(u) = 1 for u = exp(·) or σ(·) (always positive); f(f(u)) = f(u) for abs, relu, sign, step.
/// <para>
/// Value: Simplify(e) equals e at every point where e evaluates to a finite number (it may be defined
/// at more points: exp(ln u) = u also for u ≤ 0). A node that would become an exact division by 0
/// (the input is undefined there for every value) is left as it was. Idempotent: Simplify(Simplify(e)) == Simplify(e),
/// since the result is a fixed point of the rules.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Simplifier.Simplify(Expr.Ln(Expr.Exp(x)) + Expr.Exp(x) * Expr.Exp(y)).ToString(); // "x + exp(x + y)"
/// </code>
/// </example>
public static class Simplifier
{
    // Each pass can only shrink the tree or merge exp factors; real inputs settle in two or three passes.
    private const int MaxPasses = 64;

    /// <summary>The canonical form of <paramref name="e"/> (see the class remarks).</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="e"/> is null.</exception>
    public static Expr Simplify(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var current = e;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var next = Pass(current);
            if (next.Equals(current))
            {
                return next;
            }

            current = next;
        }

        return current;
    }

    private static Expr Pass(Expr e)
    {
        var memo = new Dictionary<Expr, Expr>();
        return Visit(e, memo);
    }

    private static Expr Visit(Expr e, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var done))
        {
            return done;
        }

        var result = e switch
        {
            Number or Symbol => e,
            Sum s => Expr.Add(s.Terms.Select(t => Visit(t, memo)).ToList()),
            Product p => UnlessDivisionByZero(() => MergeExponentials(p.Factors.Select(f => Visit(f, memo)).ToList()), p),
            Power p => UnlessDivisionByZero(() => Expr.Pow(Visit(p.Base, memo), Visit(p.Exponent, memo)), p),
            Function f => RewriteFunction(f.Kind, Visit(f.Argument, memo)),
            _ => throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e)),
        };
        memo[e] = result;
        return result;
    }

    // Simplifying can expose an exact 0 under a negative power (1/(exp(x)·exp(−x) − 1)): the input
    // is undefined everywhere there, so leave that node as it was rather than fail.
    private static Expr UnlessDivisionByZero(Func<Expr> simplify, Expr original)
    {
        try
        {
            return simplify();
        }
        catch (DivideByZeroException)
        {
            return original;
        }
    }

    // exp(a)·exp(b)·rest = exp(a + b)·rest
    private static Expr MergeExponentials(List<Expr> factors)
    {
        var exponentials = factors.OfType<Function>().Where(f => f.Kind == FunctionKind.Exp).ToList();
        if (exponentials.Count < 2)
        {
            return Expr.Multiply(factors);
        }

        var rest = factors.Where(f => f is not Function { Kind: FunctionKind.Exp }).ToList();
        rest.Add(Expr.Exp(Expr.Add(exponentials.Select(f => f.Argument).ToList())));
        return Expr.Multiply(rest);
    }

    private static Expr RewriteFunction(FunctionKind kind, Expr u)
    {
        var positive = u is Function { Kind: FunctionKind.Exp or FunctionKind.Sigmoid };
        return (kind, u) switch
        {
            // ln(exp u) = u
            (FunctionKind.Ln, Function { Kind: FunctionKind.Exp } inner) => inner.Argument,

            // exp(ln u) = u   (where ln u is defined)
            (FunctionKind.Exp, Function { Kind: FunctionKind.Ln } inner) => inner.Argument,

            // f(f(u)) = f(u) for the idempotent functions
            (FunctionKind.Abs or FunctionKind.Relu or FunctionKind.Sign or FunctionKind.Step, Function inner) when inner.Kind == kind => inner,

            // exp and σ are positive
            (FunctionKind.Abs or FunctionKind.Relu, _) when positive => u,
            (FunctionKind.Sign or FunctionKind.Step, _) when positive => Expr.One,

            _ => Expr.Apply(kind, u),
        };
    }
}
