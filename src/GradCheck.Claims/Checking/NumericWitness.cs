using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>The outcome of comparing two sides at sampled points.</summary>
internal sealed record WitnessOutcome(
    Verdict Verdict,
    int Points,
    int Skipped,
    double MaxAbsDifference,
    double MaxErrorBound,
    CounterexampleReport? Counterexample);

/// <summary>
/// Compares two expressions at random points of their assumed domains, away from kinks
/// (relu, abs, sign, step arguments are kept at least <see cref="KinkMargin"/> from 0). At each
/// point both sides are evaluated in outward-rounded interval arithmetic, so each value comes with
/// an enclosure derived from the evaluation itself: the sides agree at a point when their
/// enclosures overlap, and one point where they are disjoint refutes the step rigorously (rounding
/// cannot explain it) and is the counterexample.
/// </summary>
internal static class NumericWitness
{
    /// <summary>Distance from 0 kept by every kink argument.</summary>
    public const double KinkMargin = 0.02;

    public static WitnessOutcome Compare(Expr left, Expr right, DomainMap domains, Random random, int points)
    {
        var symbols = left.Symbols().Union(right.Symbols());
        var kinks = Kinks.Find(left).Concat(Kinks.Find(right)).ToList();

        int compared = 0, skipped = 0, attempts = 0;
        double maxDifference = 0, maxBound = 0;
        var maxAttempts = points * 40;
        while (compared < points && attempts < maxAttempts)
        {
            attempts++;
            var values = domains.Sample(symbols, random);
            var at = values.ToDictionary(p => p.Key, p => Interval.Point(p.Value));
            if (kinks.Any(k => NearKink(IntervalEvaluator.Evaluate(k, at))))
            {
                continue;
            }

            var leftEnclosure = IntervalEvaluator.Evaluate(left, at);
            var rightEnclosure = IntervalEvaluator.Evaluate(right, at);
            if (!Finite(leftEnclosure) || !Finite(rightEnclosure))
            {
                skipped++;
                continue;
            }

            compared++;
            var (l, el) = MidRadius(leftEnclosure);
            var (r, er) = MidRadius(rightEnclosure);
            var difference = Math.Abs(l - r);
            var bound = el + er;
            maxDifference = Math.Max(maxDifference, difference);
            maxBound = Math.Max(maxBound, bound);
            if (Interval.Disjoint(leftEnclosure, rightEnclosure))
            {
                var report = new CounterexampleReport(
                    values.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
                    l,
                    r,
                    bound);
                return new WitnessOutcome(Verdict.Refuted, compared, skipped, maxDifference, maxBound, report);
            }
        }

        var verdict = compared >= Math.Max(1, points / 2) ? Verdict.HoldsNumerically : Verdict.Error;
        return new WitnessOutcome(verdict, compared, skipped, maxDifference, maxBound, null);
    }

    /// <summary>True when the argument's enclosure comes within <see cref="KinkMargin"/> of 0.</summary>
    private static bool NearKink(Interval argument) =>
        !Finite(argument) || (argument.Lo <= KinkMargin && argument.Hi >= -KinkMargin);

    internal static bool Finite(Interval x) => x.IsDefined && double.IsFinite(x.Lo) && double.IsFinite(x.Hi);

    /// <summary>The midpoint and radius of a finite enclosure.</summary>
    internal static (double Mid, double Radius) MidRadius(Interval x)
    {
        var mid = x.Lo + (x.Hi - x.Lo) / 2;
        return (mid, Math.Max(x.Hi - mid, mid - x.Lo));
    }
}
