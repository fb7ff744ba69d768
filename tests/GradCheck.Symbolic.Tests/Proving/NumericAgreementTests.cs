using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using Interval = GradCheck.Symbolic.Proving.Interval;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// Overlapping enclosures count as agreement only when they are narrow beside the values
/// (<see cref="NumericAgreement"/>), and the prover's evidence counts only such points.
/// </summary>
public sealed class NumericAgreementTests
{
    [Test]
    public void IsConclusive_CatastrophicCancellation_IsNot()
    {
        // (1e20 + x) − 1e20 in interval arithmetic: about ±1.6e4 wide, so it overlaps x, x + 1 and 100·x alike.
        var x = Interval.Point(0.75);
        var big = Interval.Point(1e20);
        var cancelled = (big + x) - big;
        Assert.That(cancelled.Lo <= 0.75 && 0.75 <= cancelled.Hi && cancelled.Width > 1e3, cancelled.ToString());
        Assert.That(NumericAgreement.IsConclusive(cancelled, x), Is.False);
        Assert.That(NumericAgreement.IsConclusive(cancelled, x + Interval.Point(1)), Is.False);
    }

    [Test]
    public void IsConclusive_OrdinaryEvaluation_Is()
    {
        var x = Interval.Point(0.75);
        var left = Interval.Sigmoid(x) * (Interval.Point(1) - Interval.Sigmoid(x));
        var right = Interval.Exp(-x) / Interval.Square(Interval.Point(1) + Interval.Exp(-x));
        Assert.That(NumericAgreement.IsConclusive(left, right), Is.True);
    }

    [Test]
    public void IsConclusive_ExactZeros_Is_RoundedZeroIsNot()
    {
        Assert.That(NumericAgreement.IsConclusive(Interval.Point(0), Interval.Point(0)), Is.True, "no rounding at all");
        // A value that cancels to a few ulps around 0 has no correct digit relative to itself.
        Assert.That(NumericAgreement.IsConclusive(new Interval(-1e-16, 1e-16), Interval.Point(0)), Is.False);
    }

    [TestCase(double.NaN, 1.0, false)]
    [TestCase(double.PositiveInfinity, 1.0, false)]
    [TestCase(0.0, 0.0, true)]
    [TestCase(1e-7, 1.0, true)]
    [TestCase(1e-5, 1.0, false)]
    [TestCase(1e-5, -100.0, true)]
    public void IsConclusive_BoundAgainstScale(double bound, double scale, bool conclusive) =>
        Assert.That(NumericAgreement.IsConclusive(bound, scale), Is.EqualTo(conclusive));

    /// <summary>x ≠ 0 on a fine grid in [−2, 2] and a power of ten from 10¹⁷ to 10³⁰, whose ulp (16 and up)
    /// exceeds 2|x|, so Big + x is never a double and always rounds.</summary>
    public static Arbitrary<(double X, double Big)> Cancellations() =>
        (from k in Gen.Choose(-2 << 20, 2 << 20).Where(k => k != 0)
         from e in Gen.Choose(17, 30)
         select ((double)k / (1 << 20), Math.Pow(10, e))).ToArbitrary();

    [Property(Arbitrary = [typeof(NumericAgreementTests)], MaxTest = 200)]
    public bool IsConclusive_CancellationOfABigTerm_NeverCountsAsAgreement((double X, double Big) c)
    {
        // Whatever x and however large the cancelled term (it swallows x's digits), the overlap
        // of (Big + x) − Big with x, or with a wrong value 2x, is never taken for agreement.
        var x = Interval.Point(c.X);
        var big = Interval.Point(c.Big);
        var cancelled = (big + x) - big;
        return !NumericAgreement.IsConclusive(cancelled, x) && !NumericAgreement.IsConclusive(cancelled, x + x);
    }

    [Test]
    public void Prove_WrongStepHiddenInsideHugeEnclosures_HasNoAgreeingPoints()
    {
        // (1e20 + eˣ)(1e20 − eˣ) − 1e40 = −e²ˣ, so the right side is wrong by eˣ/1000; evaluated in
        // doubles the left side's enclosure is about ±2e24 wide and overlaps both. No point may count as
        // agreement; at 256 bits the enclosures separate, so the step is refuted (issue #14).
        var left = Expr.Parse("(1e20 + exp(x))*(1e20 - exp(x)) - 1e40");
        var right = Expr.Parse("-exp(2*x) + exp(x)/1000");
        var result = Prover.Prove(left, right, Assumptions.None);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Counterexample!.PreciseBits, Is.EqualTo(PreciseEvaluator.DefaultBits));
        Assert.That(result.Evidence.Points, Is.Zero);
        Assert.That(result.Evidence.Inconclusive, Is.GreaterThanOrEqualTo(ProverOptions.Default.SamplePoints));
        Assert.That(result.Evidence.Skipped, Is.EqualTo(result.Evidence.Inconclusive));
    }

    [Test]
    public void Prove_UndecidedWellConditionedIdentity_CountsEveryPoint()
    {
        // sign(x)² = 1 away from the kink: no symbolic proof, exact values, all points conclusive.
        var result = Prover.Prove(Expr.Parse("sign(x)^2"), Expr.One, Assumptions.None);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Unknown), result.Method);
        Assert.That((result.Evidence.Points, result.Evidence.Inconclusive), Is.EqualTo((ProverOptions.Default.SamplePoints, 0)));
    }
}
