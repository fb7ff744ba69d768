using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using GradCheck.Symbolic.Tests.Generators;
using Interval = GradCheck.Symbolic.Proving.Interval;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// The domain decisions behind domain counterexamples, on random partial expressions (raw ln, sqrt,
/// division, symbolic powers) at random points: "certainly undefined" agrees with the interval
/// evaluator and with plain doubles, and "certainly defined" is never contradicted by plain doubles.
/// </summary>
public sealed class DomainEvaluatorProperties
{
    [Property(MaxTest = 300)]
    public Property Evaluate_AtAPoint_IsConsistentWithIntervalsAndDoubles()
    {
        return Prop.ForAll(ExprGenerators.GeneralAtPoint(), sample =>
        {
            var point = sample.Point.ToDictionary(p => p.Key, p => Interval.Point(p.Value));
            var cache = new Dictionary<Expr, Interval>();
            var domain = DomainEvaluator.Evaluate(sample.Expression, point, cache);
            var doubles = Subexpressions(sample.Expression).Select(s => Evaluator.Evaluate(s, sample.Point)).ToList();

            // Undefined whenever the interval evaluator gives up (it also is where the interval evaluator only
            // widens: 1/relu(x) at x < 0 divides by exactly 0, an enclosure [−∞, ∞] to it), and then with a reason.
            var ok = IntervalEvaluator.Evaluate(sample.Expression, point).IsDefined || domain.Status == Definedness.Undefined;
            ok &= (domain.Status == Definedness.Undefined) == (domain.Reason is not null);

            // Certainly undefined: plain doubles meet the same wall somewhere (NaN, or ±∞ from 1/0 and ln 0).
            // Not for real powers: the prover reads bᵉ as exp(e·ln b), while Math.Pow gives (−2)^1 = −2 when a
            // symbolic exponent happens to be an integer, and 0^0 = 1.
            if (domain.Status == Definedness.Undefined
                && domain.Reason is not (DomainEvaluator.PowerOfNegative or DomainEvaluator.ZeroToNonPositive))
            {
                ok &= doubles.Any(v => !double.IsFinite(v));
            }

            // Certainly defined, every part with a finite enclosure: plain doubles give a number.
            if (domain.CertainlyDefined && Subexpressions(sample.Expression).All(s => DomainEvaluator.Evaluate(s, point, cache).CertainlyDefined))
            {
                ok &= !double.IsNaN(doubles[0]);
            }

            return ok.Label($"{sample}: {domain}");
        });
    }

    /// <summary>The expression first, then every subexpression.</summary>
    private static IEnumerable<Expr> Subexpressions(Expr e) => e.Children.SelectMany(Subexpressions).Prepend(e);
}
