using System.Globalization;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Compares the two sides of a claim at one point in exact rational arithmetic, for differences below
/// double precision (1/3 against 0.33333333333333333333, x + 10⁻³⁰ against x), where the enclosures of
/// interval arithmetic overlap. The point's values are dyadic (exact doubles, or a discrete assumption's
/// exact value) and are substituted into the ORIGINAL sides, whose smart constructors fold sums, products,
/// integer powers, exact roots and kinks of numbers exactly: when both sides become numbers, their exact
/// values decide, without trusting any rewriting. Both sides must first be certainly defined at the point
/// (interval check), because folding can hide an undefined part (0·ln(−1) folds to 0). When a side keeps a
/// transcendental constant (e^(1/2), √2), the difference's rational normal form at the point decides: a
/// nonzero constant with no atoms left is the exact difference.
/// </summary>
internal static class ExactComparison
{
    private const int MaxExactTextLength = 60;

    /// <summary>True when <paramref name="e"/> can fold to a number once every symbol is a number: only
    /// sums, products, constant powers and the kinks relu, abs, sign and step.</summary>
    public static bool FoldsToNumbers(Expr e) => FoldsToNumbers(e, []);

    /// <summary>
    /// A counterexample when both sides are certainly defined at the point and differ exactly; null when they
    /// are equal, a side is not certainly defined, or the exact difference cannot be decided.
    /// </summary>
    /// <param name="left">The left side as claimed.</param>
    /// <param name="right">The right side as claimed.</param>
    /// <param name="point">The point: its doubles (dyadic, exact, or a discrete value's nearest double) and enclosures.</param>
    /// <param name="assumptions">The assumptions the point satisfies (discrete values are recovered exactly).</param>
    /// <param name="cache">Enclosures of subexpressions at the point, shared with the interval evaluator.</param>
    /// <param name="maxTerms">The normal form's size limit.</param>
    public static Counterexample? Compare(
        Expr left, Expr right, DomainPoint point, Assumptions assumptions, Dictionary<Expr, Interval> cache, int maxTerms)
    {
        var l = DomainEvaluator.Evaluate(left, point.Enclosures, cache);
        var r = DomainEvaluator.Evaluate(right, point.Enclosures, cache);
        if (!l.CertainlyDefined || !r.CertainlyDefined)
        {
            return null;
        }

        var numbers = new Dictionary<Symbol, Expr>();
        foreach (var (symbol, x) in point.Values)
        {
            if (ExactValue(symbol, x, assumptions) is not { } value)
            {
                return null;
            }

            numbers[symbol] = Expr.Num(value);
        }

        try
        {
            var leftAt = left.Substitute(numbers);
            var rightAt = right.Substitute(numbers);
            if (leftAt is Number a && rightAt is Number b)
            {
                return a.Value == b.Value ? null : new Counterexample(point.Values, a.Value.ToDouble(), b.Value.ToDouble())
                {
                    ExactDifference = a.Value - b.Value,
                    ExactLeft = a.Value,
                    ExactRight = b.Value,
                };
            }

            // Constants only: no symbol is left, so no assumption is needed for the normal form to equal the sides.
            var (_, difference) = Prover.NormalizeDifference(leftAt, rightAt, Assumptions.None, maxTerms, constants: true);
            return difference.IsConstant && !difference.IsZero
                ? new Counterexample(point.Values, l.Value.Midpoint, r.Value.Midpoint) { ExactDifference = difference.ConstantValue }
                : null;
        }
        catch (ProverLimitException)
        {
            return null;
        }
        catch (ArithmeticException)
        {
            return null; // a division by an exact 0 that the interval check could not see
        }
    }

    /// <summary>The method text of a refutation by <see cref="Compare"/>: the exact difference, and the exact sides when known.</summary>
    public static string Describe(Counterexample c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var difference = c.ExactDifference ?? throw new ArgumentException("not an exact counterexample", nameof(c));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"exact counterexample: left − right = {Text(difference)} exactly (≈ {difference.ToDouble():G3}) at a point where both sides are defined, in rational arithmetic (as doubles the sides may look equal)");
        return c.ExactLeft is { } exactLeft && c.ExactRight is { } exactRight
            ? text + "; left = " + Text(exactLeft) + ", right = " + Text(exactRight)
            : text;
    }

    private static string Text(Rational r)
    {
        var text = r.ToString();
        return text.Length <= MaxExactTextLength
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{r.ToDouble():G17} (a fraction of {text.Length} characters)");
    }

    /// <summary>
    /// The exact value of a sampled coordinate: the discrete value it came from, or the double itself; null
    /// when that is ambiguous or outside the symbol's exact interval (the double nearest an end of
    /// [1/10, 1/10] is not 1/10, and a difference there says nothing about the claim).
    /// </summary>
    private static Rational? ExactValue(Symbol symbol, double x, Assumptions assumptions)
    {
        if (!assumptions.Discrete.TryGetValue(symbol, out var choices))
        {
            var value = ExactRational.Of(x);
            return assumptions.Intervals.TryGetValue(symbol, out var interval) && !interval.ContainsExactly(value) ? null : value;
        }

        var matches = choices.Where(v => v.ToDouble() == x).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static bool FoldsToNumbers(Expr e, HashSet<Expr> seen)
    {
        if (!seen.Add(e))
        {
            return true; // shared subexpression, already checked
        }

        return e switch
        {
            Number or Symbol => true,
            Sum sum => sum.Terms.All(t => FoldsToNumbers(t, seen)),
            Product product => product.Factors.All(f => FoldsToNumbers(f, seen)),
            Power { Exponent: Number } power => FoldsToNumbers(power.Base, seen),
            Function { Kind: FunctionKind.Relu or FunctionKind.Abs or FunctionKind.Sign or FunctionKind.Step } f => FoldsToNumbers(f.Argument, seen),
            _ => false,
        };
    }
}
