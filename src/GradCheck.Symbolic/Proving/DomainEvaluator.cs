using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>Whether an expression is real at a point, as far as interval arithmetic can decide.</summary>
internal enum Definedness
{
    /// <summary>Every partial operation (ln, sqrt, division, real power) is certainly inside its domain.</summary>
    Defined,

    /// <summary>Some operation is certainly outside its domain, so the expression has no real value.</summary>
    Undefined,

    /// <summary>An argument's enclosure straddles a domain boundary: undecided.</summary>
    Unknown,
}

/// <summary>The rigorous enclosure of an expression at a point together with whether it is certainly real there.</summary>
/// <param name="Value">The enclosure (<see cref="IntervalEvaluator"/>'s).</param>
/// <param name="Status">Certainly defined, certainly undefined, or undecided.</param>
/// <param name="Reason">For <see cref="Definedness.Undefined"/>, why: the innermost operation outside its domain.</param>
internal readonly record struct DomainEnclosure(Interval Value, Definedness Status, string? Reason)
{
    /// <summary>Certainly real, with a finite enclosure.</summary>
    public bool CertainlyDefined => Status == Definedness.Defined && Value.IsDefined && double.IsFinite(Value.Lo) && double.IsFinite(Value.Hi);
}

/// <summary>
/// Decides, with <see cref="IntervalEvaluator"/>'s outward-rounded enclosures, whether an expression
/// is certainly real, certainly not real, or undecided at a point. Undefined propagates: a sum or
/// product with an undefined part is undefined (0·ln(−1) has no real value). The partial operations
/// and their domains are those of the prover: ln u for u &gt; 0; √u (and u^(p/2)) for u ≥ 0; u^n with
/// n &lt; 0 (division) for u ≠ 0; a non-integer constant or non-constant exponent bᵉ = exp(e·ln b) for
/// b &gt; 0 (0^e for e &gt; 0). Every other function is total.
/// </summary>
internal static class DomainEvaluator
{
    public const string LnOfNegative = "ln of a negative number";
    public const string LnOfZero = "ln of 0";
    public const string SqrtOfNegative = "square root of a negative number";
    public const string DivisionByZero = "division by 0";
    public const string PowerOfNegative = "a negative number to a non-integer power";
    public const string ZeroToNonPositive = "0 to a power that is not positive";

    /// <summary>Evaluates <paramref name="e"/> at <paramref name="values"/>; <paramref name="cache"/> is shared
    /// with <see cref="IntervalEvaluator"/> (enclosures of subexpressions).</summary>
    public static DomainEnclosure Evaluate(Expr e, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache) =>
        Evaluate(e, values, cache, []);

    private static DomainEnclosure Evaluate(
        Expr e, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache, Dictionary<Expr, DomainEnclosure> seen)
    {
        if (seen.TryGetValue(e, out var known))
        {
            return known;
        }

        var (status, reason) = e switch
        {
            Sum sum => Combine(sum.Terms.Select(t => Evaluate(t, values, cache, seen))),
            Product product => Combine(product.Factors.Select(f => Evaluate(f, values, cache, seen))),
            Power power => PowerStatus(power, values, cache, seen),
            Function f => FunctionStatus(f, values, cache, seen),
            _ => (Definedness.Defined, null),
        };

        var result = new DomainEnclosure(IntervalEvaluator.Evaluate(e, values, cache), status, reason);
        seen[e] = result;
        return result;
    }

    private static (Definedness, string?) Combine(IEnumerable<DomainEnclosure> parts)
    {
        var status = Definedness.Defined;
        foreach (var part in parts)
        {
            if (part.Status == Definedness.Undefined)
            {
                return (Definedness.Undefined, part.Reason);
            }

            if (part.Status == Definedness.Unknown)
            {
                status = Definedness.Unknown;
            }
        }

        return (status, null);
    }

    private static (Definedness, string?) FunctionStatus(
        Function f, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache, Dictionary<Expr, DomainEnclosure> seen)
    {
        var argument = Evaluate(f.Argument, values, cache, seen);
        if (argument.Status == Definedness.Undefined)
        {
            return (Definedness.Undefined, argument.Reason);
        }

        var u = argument.Value;
        var (local, reason) = f.Kind switch
        {
            FunctionKind.Ln when u.IsDefined && u.Lo == 0 && u.Hi == 0 => (Definedness.Undefined, LnOfZero),
            FunctionKind.Ln when u.IsDefined && u.Hi < 0 => (Definedness.Undefined, LnOfNegative),
            FunctionKind.Ln when u.IsDefined && u.Hi <= 0 => (Definedness.Undefined, "ln of a number ≤ 0"),
            FunctionKind.Ln => (u.IsDefined && u.Lo > 0 ? Definedness.Defined : Definedness.Unknown, null),
            FunctionKind.Sqrt => SqrtStatus(u),
            _ => (Definedness.Defined, (string?)null),
        };
        return (Worse(argument.Status, local), reason);
    }

    private static (Definedness, string?) SqrtStatus(Interval u) =>
        !u.IsDefined ? (Definedness.Unknown, null)
        : u.Hi < 0 ? (Definedness.Undefined, (string?)SqrtOfNegative)
        : u.Lo >= 0 ? (Definedness.Defined, null)
        : (Definedness.Unknown, null);

    private static (Definedness, string?) PowerStatus(
        Power power, IReadOnlyDictionary<Symbol, Interval> values, Dictionary<Expr, Interval> cache, Dictionary<Expr, DomainEnclosure> seen)
    {
        var b = Evaluate(power.Base, values, cache, seen);
        if (b.Status == Definedness.Undefined)
        {
            return (Definedness.Undefined, b.Reason);
        }

        var u = b.Value;
        if (!u.IsDefined)
        {
            return (Definedness.Unknown, null);
        }

        var exactlyZero = u.Lo == 0 && u.Hi == 0;
        if (power.Exponent is Number { Value: var n } && (n.IsInteger || n.Denominator == 2))
        {
            if (!n.IsInteger)
            {
                var (root, why) = SqrtStatus(u);
                if (root == Definedness.Undefined)
                {
                    return (root, why);
                }

                if (n.Sign < 0 && exactlyZero)
                {
                    return (Definedness.Undefined, DivisionByZero);
                }

                return (Worse(b.Status, n.Sign < 0 && u.ContainsZero ? Definedness.Unknown : root), null);
            }

            if (n.Sign >= 0)
            {
                return (b.Status, null);
            }

            return exactlyZero ? (Definedness.Undefined, DivisionByZero)
                : (Worse(b.Status, u.ContainsZero ? Definedness.Unknown : Definedness.Defined), null);
        }

        // bᵉ = exp(e·ln b): b > 0, or b = 0 with e > 0.
        var x = Evaluate(power.Exponent, values, cache, seen);
        if (x.Status == Definedness.Undefined)
        {
            return (Definedness.Undefined, x.Reason);
        }

        var both = Worse(b.Status, x.Status);
        if (u.Hi < 0)
        {
            return (Definedness.Undefined, PowerOfNegative);
        }

        if (exactlyZero && x.Value.IsDefined && x.Value.Hi <= 0)
        {
            return (Definedness.Undefined, ZeroToNonPositive);
        }

        var local = u.Lo > 0 || (u.Lo >= 0 && x.Value.IsDefined && x.Value.Lo > 0) ? Definedness.Defined : Definedness.Unknown;
        return (Worse(both, local), null);
    }

    private static Definedness Worse(Definedness a, Definedness b) =>
        a == Definedness.Undefined || b == Definedness.Undefined ? Definedness.Undefined
        : a == Definedness.Unknown || b == Definedness.Unknown ? Definedness.Unknown
        : Definedness.Defined;
}
