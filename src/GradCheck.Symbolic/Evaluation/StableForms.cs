using System.Runtime.CompilerServices;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// Rewrites an expression into an equal one that evaluates without avoidable cancellation or
/// overflow, before the interpreter or the compiler sees it: ln σ(u) = −softplus(−u),
/// ln(1 − σ(u)) = −softplus(u), 1 − σ(u) = σ(−u), ln(exp u) = u. Cached per expression instance.
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

            Sum s => Expr.Add(s.Terms.Select(t => Visit(t, memo)).ToList()),
            Product p => Expr.Multiply(p.Factors.Select(f => Visit(f, memo)).ToList()),
            Power p => Expr.Pow(Visit(p.Base, memo), Visit(p.Exponent, memo)),
            Function f => Expr.Apply(f.Kind, Visit(f.Argument, memo)),
            _ => throw new ArgumentException($"unknown expression node {e.GetType().Name}", nameof(e)),
        };
        memo[e] = result;
        return result;
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
