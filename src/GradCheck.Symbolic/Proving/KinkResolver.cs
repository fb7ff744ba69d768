using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Uses interval assumptions to remove kinks whose argument has one sign on the whole assumed
/// domain: relu(u) → u or 0, abs(u) → u or −u, sign(u) → ±1, step(u) → 1 or 0. Sound because a claim
/// is asserted only on its assumed domain; the sign is decided by rigorous interval evaluation over
/// the assumed intervals (open ends handled for a bare symbol or a constant multiple of one).
/// </summary>
internal static class KinkResolver
{
    public static Expr Resolve(Expr e, Assumptions assumptions)
    {
        if (assumptions.Intervals.IsEmpty && assumptions.Discrete.IsEmpty)
        {
            return e;
        }

        var domain = new Dictionary<Symbol, Interval>();
        foreach (var symbol in e.Symbols())
        {
            domain[symbol] = assumptions.Intervals.TryGetValue(symbol, out var i) ? new Interval(i.Lo, i.Hi)
                : assumptions.Discrete.TryGetValue(symbol, out var values) ? new Interval(
                    Interval.FromRational(values[0]).Lo, Interval.FromRational(values[^1]).Hi)
                : Interval.Entire;
        }

        return Rewrite(e, assumptions, domain, []);
    }

    private static Expr Rewrite(Expr e, Assumptions assumptions, Dictionary<Symbol, Interval> domain, Dictionary<Expr, Expr> done)
    {
        if (done.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e switch
        {
            Sum sum => Expr.Add(sum.Terms.Select(t => Rewrite(t, assumptions, domain, done))),
            Product product => Expr.Multiply(product.Factors.Select(f => Rewrite(f, assumptions, domain, done))),
            Power power => Expr.Pow(Rewrite(power.Base, assumptions, domain, done), Rewrite(power.Exponent, assumptions, domain, done)),
            Function f => Kink(f.Kind, Rewrite(f.Argument, assumptions, domain, done), assumptions, domain),
            _ => e,
        };
        done[e] = result;
        return result;
    }

    private static Expr Kink(FunctionKind kind, Expr argument, Assumptions assumptions, Dictionary<Symbol, Interval> domain)
    {
        if (kind is not (FunctionKind.Relu or FunctionKind.Abs or FunctionKind.Sign or FunctionKind.Step))
        {
            return Expr.Apply(kind, argument);
        }

        var sign = SignOn(argument, assumptions, domain);
        return (kind, sign) switch
        {
            (_, 0) => Expr.Apply(kind, argument),
            (FunctionKind.Relu, > 0) => argument,
            (FunctionKind.Relu, < 0) => Expr.Zero,
            (FunctionKind.Abs, > 0) => argument,
            (FunctionKind.Abs, < 0) => -argument,
            (FunctionKind.Sign, _) => Expr.Num(sign),
            _ => sign > 0 ? Expr.One : Expr.Zero,
        };
    }

    /// <summary>+1 or −1 when <paramref name="u"/> has that sign everywhere on the domain, else 0.</summary>
    private static int SignOn(Expr u, Assumptions assumptions, Dictionary<Symbol, Interval> domain)
    {
        var enclosure = IntervalEvaluator.Evaluate(u, domain, []);
        if (enclosure.IsDefined && enclosure.Lo > 0)
        {
            return 1;
        }

        if (enclosure.IsDefined && enclosure.Hi < 0)
        {
            return -1;
        }

        // x > 0 is the open interval (0, ∞): its closed enclosure touches 0, the symbol does not.
        return u switch
        {
            Symbol s => OpenSign(assumptions.SignOf(s)),
            Product { Factors: [Number c, Symbol s] } => c.Value.Sign * OpenSign(assumptions.SignOf(s)),
            _ => 0,
        };
    }

    private static int OpenSign(SignSet signs) => signs.IsPositive ? 1 : signs.IsNegative ? -1 : 0;
}
