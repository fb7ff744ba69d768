using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// Symbols range over the reals, so an identity whose sides have different domains is wrong: the
/// prover refutes it at a point where one side is real and the other is not, and an assumption that
/// restricts the domain makes it hold again.
/// </summary>
public sealed class ProverDomainTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");
    private static readonly Symbol Z = Expr.Sym("z");

    [Test]
    public void Prove_LnOfProductSplitWithoutAssumptions_IsRefutedWhereOnlyTheLeftSideIsReal()
    {
        var result = Prover.Prove(Expr.Parse("ln(x*y)"), Expr.Parse("ln(x) + ln(y)"), Assumptions.None);

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.Undefined, Is.EqualTo(new DomainViolation(EquationSide.Right, "ln of a negative number")));
        // Left real: x·y > 0; right undefined: x or y negative. So both are negative.
        Assert.That(c.Values[X], Is.LessThan(0));
        Assert.That(c.Values[Y], Is.LessThan(0));
        Assert.That(c.Left, Is.EqualTo(Math.Log(c.Values[X] * c.Values[Y])).Within(1e-12));
        Assert.That(c.Right, Is.NaN);
        Assert.That(result.Method, Does.Contain("right side is undefined"));
    }

    [Test]
    public void Prove_LnOfSquareAsTwiceLn_IsRefutedAtANegativePoint()
    {
        var result = Prover.Prove(Expr.Parse("ln(x^2)"), Expr.Parse("2*ln(x)"), Assumptions.None);

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.Undefined?.Side, Is.EqualTo(EquationSide.Right));
        Assert.That(c.Values[X], Is.LessThan(0));
        Assert.That(c.Left, Is.EqualTo(Math.Log(c.Values[X] * c.Values[X])).Within(1e-12));
    }

    [Test]
    public void Prove_ExpOfLn_IsRefutedWithTheLeftSideUndefined()
    {
        var result = Prover.Prove(Expr.Parse("exp(ln(x))"), X, Assumptions.None);

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.Undefined, Is.EqualTo(new DomainViolation(EquationSide.Left, "ln of a negative number")));
        Assert.That(c.Values[X], Is.LessThan(0));
        Assert.That(c.Right, Is.EqualTo(c.Values[X]));
        Assert.That(c.Left, Is.NaN);
    }

    [Test]
    public void Prove_LogarithmRulesUnderPositivity_AreProvedAgain()
    {
        var positive = Assumptions.None.WithPositive(X).WithPositive(Y);
        Assert.That(Prover.Prove(Expr.Parse("ln(x*y)"), Expr.Parse("ln(x) + ln(y)"), positive).Verdict, Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("ln(x^2)"), Expr.Parse("2*ln(x)"), Assumptions.None.WithPositive(X)).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        var intervals = Assumptions.None.WithInterval(X, 0.5, 3, false, true).WithPositive(Y).WithInterval(Z, 0, 1, true, false);
        Assert.That(Prover.Prove(Expr.Parse("ln(x*y^2/z)"), Expr.Parse("ln(x) + 2*ln(y) - ln(z)"), intervals).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        // exp(ln x) = x where the left is defined; with x > 0 that is everywhere.
        Assert.That(Prover.Prove(Expr.Parse("exp(ln(x))"), X, Assumptions.None.WithPositive(X)).Verdict, Is.EqualTo(ProofVerdict.Proved));
    }

    [Test]
    public void Prove_OneFactorOfTheSplitStillUnrestricted_IsStillRefuted()
    {
        var result = Prover.Prove(Expr.Parse("ln(x*y)"), Expr.Parse("ln(x) + ln(y)"), Assumptions.None.WithPositive(X));

        // With x > 0 the left is real only where y > 0 too: the sides have the same domain, proved.
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
        var negative = Prover.Prove(Expr.Parse("ln(x^2*y^2)"), Expr.Parse("2*ln(x) + 2*ln(y)"), Assumptions.None.WithPositive(X));
        Assert.That(negative.Verdict, Is.EqualTo(ProofVerdict.Refuted), negative.Method);
        Assert.That(negative.Counterexample!.Values[Y], Is.LessThan(0));
    }

    [Test]
    public void Prove_BothSidesUndefinedTogether_IsNotACounterexample()
    {
        // Both sides are undefined exactly where x ≤ 0 (or x < 0): those points refute nothing.
        Assert.That(Prover.Prove(Expr.Parse("ln(x) + ln(x)"), Expr.Parse("2*ln(x)"), Assumptions.None).Verdict, Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("sqrt(x)^2"), Expr.Parse("sqrt(x)*sqrt(x)"), Assumptions.None).Verdict,
            Is.Not.EqualTo(ProofVerdict.Refuted));
        Assert.That(Prover.Prove(Expr.Parse("x/x"), Expr.Parse("y/y"), Assumptions.None).Verdict, Is.Not.EqualTo(ProofVerdict.Refuted));
    }

    [Test]
    public void Prove_SqrtAndDivisionDomains_NameTheReason()
    {
        var sqrt = Prover.Prove(Expr.Parse("sqrt(x*y)"), Expr.Parse("sqrt(x)*sqrt(y)"), Assumptions.None);
        Assert.That(sqrt.Verdict, Is.EqualTo(ProofVerdict.Refuted), sqrt.Method);
        Assert.That(sqrt.Counterexample!.Undefined, Is.EqualTo(new DomainViolation(EquationSide.Right, "square root of a negative number")));

        // (x² − x)/x = x − 1 fails only at x = 0, a point the sampler reaches through a discrete domain.
        // (A denominator is certainly 0 only when its enclosure is exactly [0, 0], as a symbol's is.)
        var division = Prover.Prove(Expr.Parse("(x^2 - x)/x"), Expr.Parse("x - 1"), Assumptions.None.WithDiscrete(X, 0, 1, 2));
        Assert.That(division.Verdict, Is.EqualTo(ProofVerdict.Refuted), division.Method);
        Assert.That(division.Counterexample!.Undefined, Is.EqualTo(new DomainViolation(EquationSide.Left, "division by 0")));
        Assert.That(division.Counterexample.Values[X], Is.Zero);
        Assert.That(division.Counterexample.Right, Is.EqualTo(-1));
    }

    [Test]
    public void Prove_DomainCounterexample_IsGenuineInPlainDoubles()
    {
        var left = Expr.Parse("ln(x*y)");
        var right = Expr.Parse("ln(x) + ln(y)");
        var c = Prover.Prove(left, right, Assumptions.None).Counterexample!;
        var values = new Dictionary<Symbol, double> { [X] = c.Values[X], [Y] = c.Values[Y] };

        Assert.That(double.IsFinite(Evaluator.Evaluate(left, values)), Is.True);
        Assert.That(Evaluator.Evaluate(right, values), Is.NaN);
    }

    [Test]
    public void Prove_DomainCheckOff_KeepsTheOldSymbolicVerdict()
    {
        // With the domain search and the evidence points off, the normal form alone still proves the
        // split: it is the domain check that refutes it.
        var options = ProverOptions.Default with { DomainPoints = 0, EvidencePointsWhenProved = 0 };
        Assert.That(Prover.Prove(Expr.Parse("ln(x*y)"), Expr.Parse("ln(x) + ln(y)"), Assumptions.None, options).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
    }
}
