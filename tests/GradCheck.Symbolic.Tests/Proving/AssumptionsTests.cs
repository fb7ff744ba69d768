using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Proving;

public sealed class AssumptionsTests
{
    private static readonly Symbol X = Expr.Sym("x");

    [Test]
    public void WithInterval_Twice_Intersects()
    {
        var a = Assumptions.None.WithInterval(X, 0, 2, loOpen: false, hiOpen: false).WithInterval(X, 1, 3, loOpen: true, hiOpen: false);
        Assert.That(a.Intervals[X], Is.EqualTo(new SymbolInterval(1, 2, true, false)));
        Assert.That(Assumptions.None.Intervals, Is.Empty);
    }

    [Test]
    public void WithInterval_EmptyOrNaN_Throws()
    {
        Assert.That(() => Assumptions.None.WithInterval(X, 1, 1, true, false), Throws.ArgumentException);
        Assert.That(() => Assumptions.None.WithInterval(X, 2, 1, false, false), Throws.ArgumentException);
        Assert.That(() => Assumptions.None.WithPositive(X).WithNegative(X), Throws.ArgumentException);
        Assert.That(() => Assumptions.None.WithInterval(X, double.NaN, 1, false, false), Throws.ArgumentException);
    }

    [Test]
    public void VectorAssumptions_NeedDistinctSymbols()
    {
        Assert.That(() => Assumptions.None.WithSimplex([]), Throws.ArgumentException);
        Assert.That(() => Assumptions.None.WithOneHot([X, X]), Throws.ArgumentException);
        Assert.That(() => Assumptions.None.WithDiscrete(X), Throws.ArgumentException);
    }

    [TestCase(0.0, false)]
    [TestCase(0.5, true)]
    [TestCase(1.0, true)]
    [TestCase(1.5, false)]
    public void SymbolInterval_Contains_RespectsOpenEnds(double x, bool inside) =>
        Assert.That(new SymbolInterval(0, 1, true, false).Contains(x), Is.EqualTo(inside));

    [Test]
    public void Prove_KinkWithOneSignOnTheDomain_IsResolvedByTheAssumption()
    {
        // |x| = x and d/dx relu(x) = 1 hold on x > 0 and fail elsewhere.
        var positive = Assumptions.None.WithPositive(X);
        Assert.That(Prover.Prove(Expr.Abs(X), X, positive).Verdict, Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("d/dx relu(x)"), Expr.One, positive).Verdict, Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Abs(X), X, Assumptions.None).Verdict, Is.EqualTo(ProofVerdict.Refuted));
        var shifted = Assumptions.None.WithInterval(X, 1, 2, false, false);
        Assert.That(Prover.Prove(Expr.Parse("relu(x - 1/2) + step(-x)"), Expr.Parse("x - 1/2"), shifted).Verdict, Is.EqualTo(ProofVerdict.Proved));
    }

    [Test]
    public void Prove_KinkThatChangesSignOnTheDomain_IsNotResolved()
    {
        // On [0, 2], relu(x - 1) is not x - 1: refuted at a point below 1.
        var domain = Assumptions.None.WithInterval(X, 0, 2, false, false);
        var result = Prover.Prove(Expr.Parse("relu(x - 1)"), Expr.Parse("x - 1"), domain);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted));
        Assert.That(result.Counterexample!.Values[X], Is.LessThan(1));
    }
}
