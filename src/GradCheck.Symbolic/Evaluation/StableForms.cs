using System.Runtime.CompilerServices;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// Rewrites an expression into an equal one that evaluates without avoidable cancellation or
/// overflow, before the interpreter or the compiler sees it: ln σ(u) = −softplus(−u),
/// ln(1 − σ(u)) = −softplus(u), 1 − σ(u) = σ(−u), ln(exp u) = u, and common factors taken out of
/// sums (a·b + a·c = a·(b + c)). Cached per expression instance.
/// </summary>
internal static class StableForms
{
    private static readonly ConditionalWeakTable<Expr, Expr> Cache = [];

    public static Expr Lower(Expr e) => Cache.GetValue(e, root => Visit(root, []));

    private static Expr Visit(Expr e, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var done))
        {
            return done;
        }

        var result = e switch
        {
            Number or Symbol => e,

            // ln σ(u) = −softplus(−u): no log of an underflowed σ for u ≪ 0
            Function { Kind: FunctionKind.Ln, Argument: Function { Kind: FunctionKind.Sigmoid } s } =>
                -Expr.Softplus(-Visit(s.Argument, memo)),

            // ln(1 − σ(u)) = −softplus(u)
            Function { Kind: FunctionKind.Ln, Argument: Sum one } when IsOneMinusSigmoid(one, out var u) =>
                -Expr.Softplus(Visit(u, memo)),

            // ln(exp u) = u
            Function { Kind: FunctionKind.Ln, Argument: Function { Kind: FunctionKind.Exp } inner } => Visit(inner.Argument, memo),

            // 1 − σ(u) = σ(−u): no cancellation for u ≫ 0
            Sum one when IsOneMinusSigmoid(one, out var u) => Expr.Sigmoid(-Visit(u, memo)),

            Sum s => FactorCommon(Expr.Add(s.Terms.Select(t => Visit(t, memo)).ToList())),
            Product p => UnlessDivisionByZero(() => Expr.Multiply(p.Factors.Select(f => Visit(f, memo)).ToList()), p),
            Power p => UnlessDivisionByZero(() => Expr.Pow(Visit(p.Base, memo), Visit(p.Exponent, memo)), p),
            Function f => Expr.Apply(f.Kind, Visit(f.Argument, memo)),
            _ => throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e)),
        };
        memo[e] = result;
        return result;
    }

    // A rewrite can expose an exact 0 under a negative power ((x − ln(exp x))^−2): such a node is
    // undefined for every value, so it is evaluated as written instead.
    private static Expr UnlessDivisionByZero(Func<Expr> lower, Expr original)
    {
        try
        {
            return lower();
        }
        catch (DivideByZeroException)
        {
            return original;
        }
    }

    // a·b + a·c = a·(b + c): fewer operations and roundings, and in a gradient the bracket is often the
    // same for every component (∂/∂wᵢ = xᵢ·(…)), so the compiler computes it once for all of them.
    private static Expr FactorCommon(Expr e)
    {
        if (e is not Sum sum || sum.Terms.Any(t => t is Number))
        {
            return e;
        }

        var termFactors = sum.Terms.Select(t => t is Product p ? p.Factors.Where(f => f is not Number).ToList() : [t]).ToList();
        var common = termFactors[0].Where(f => termFactors.All(fs => fs.Contains(f))).ToList();
        if (common.Count == 0)
        {
            return e;
        }

        // Remove the common factors from each term's list (not multiply by their reciprocals, which
        // would leave exp(a)·exp(−a) uncancelled); each inner term has fewer factors, so this ends.
        var inner = Expr.Add(sum.Terms.Select((t, i) =>
        {
            var coefficient = Expr.Num(Expr.SplitCoefficient(t).Coefficient);
            return Expr.Multiply([coefficient, .. termFactors[i].Where(f => !common.Contains(f))]);
        }).ToList());
        return Expr.Multiply([.. common, FactorCommon(inner)]);
    }

    private static bool IsOneMinusSigmoid(Sum sum, out Expr argument)
    {
        if (sum.Terms is [Number { Value.IsOne: true }, Product { Factors: [Number c, Function { Kind: FunctionKind.Sigmoid } s] }]
            && c.Value == Rational.MinusOne)
        {
            argument = s.Argument;
            return true;
        }

        argument = Expr.Zero;
        return false;
    }
}
