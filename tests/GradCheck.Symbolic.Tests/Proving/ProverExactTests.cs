using System.Numerics;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>
/// Claims wrong by less than double precision are refuted in exact rational arithmetic at a point of the
/// assumed domain; identities that need root, exp-of-ln or sign reasoning are proved where they hold and
/// refuted (or left unproved) where they do not.
/// </summary>
public sealed class ProverExactTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");

    private static ProofResult Prove(string left, string right, Assumptions? assumptions = null) =>
        Prover.Prove(Expr.Parse(left), Expr.Parse(right), assumptions ?? Assumptions.None);

    /// <summary>Substitutes the counterexample's point into both sides and folds them to exact numbers.</summary>
    private static (Rational Left, Rational Right) ExactSidesAt(Counterexample c, string left, string right)
    {
        var point = c.Values.ToDictionary(p => p.Key, p => Expr.Num(ExactRational.Of(p.Value)));
        var l = Expr.Parse(left).Substitute(point);
        var r = Expr.Parse(right).Substitute(point);
        Assert.That(l, Is.InstanceOf<Number>(), "left side at the point");
        Assert.That(r, Is.InstanceOf<Number>(), "right side at the point");
        return (((Number)l).Value, ((Number)r).Value);
    }

    [Test]
    public void Prove_OneThirdAgainstTwentyDigits_IsRefutedExactlyThoughTheDoublesAreEqual()
    {
        var result = Prove("1/3", "0.33333333333333333333");

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.Left, Is.EqualTo(c.Right), "as doubles the sides are the same number");
        Assert.That(c.ExactLeft, Is.EqualTo(new Rational(1, 3)));
        Assert.That(c.ExactRight, Is.EqualTo(Rational.Parse("0.33333333333333333333")));
        Assert.That(c.ExactDifference, Is.EqualTo(new Rational(BigInteger.One, 3 * BigInteger.Pow(10, 20))));
        Assert.That(result.Method, Does.Contain("left − right = 1/300000000000000000000 exactly"));
        Assert.That(result.Method, Does.Contain("left = 1/3"));
    }

    [Test]
    public void Prove_TenToTheMinusThirtyAdded_IsRefutedAtAPointWithTheExactDifference()
    {
        var result = Prove("x + 1e-30", "x");

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.ExactDifference, Is.EqualTo(new Rational(BigInteger.One, BigInteger.Pow(10, 30))));
        var (left, right) = ExactSidesAt(c, "x + 1e-30", "x");
        Assert.That(left - right, Is.EqualTo(c.ExactDifference));
        Assert.That(c.ExactLeft, Is.EqualTo(left));
        Assert.That(c.ExactRight, Is.EqualTo(right));
    }

    [Test]
    public void Prove_TinyDifferenceBetweenTranscendentalSides_IsRefutedByTheNormalFormAtAPoint()
    {
        // σ(z)·(1 + e^−z) is 1; neither side folds to a number at a point, the normal form of the difference does.
        var result = Prove("sigmoid(z)*(1 + exp(-z))", "1 + 1e-30");

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Counterexample!.ExactDifference, Is.EqualTo(-new Rational(BigInteger.One, BigInteger.Pow(10, 30))));
        Assert.That(result.Counterexample.ExactLeft, Is.Null);
    }

    [Test]
    public void Prove_TinyDifferenceUnderAnInterval_IsRefutedInsideTheInterval()
    {
        // Under x > 0, |x| is x: the claim is wrong by 10^-25 there, and the point must be positive.
        var result = Prove("abs(x)", "x + 1e-25", Assumptions.None.WithPositive(X));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(c.Values[X], Is.GreaterThan(0));
        Assert.That(c.ExactDifference, Is.EqualTo(-new Rational(BigInteger.One, BigInteger.Pow(10, 25))));
    }

    [Test]
    public void Prove_TinyDifferenceOnASimplex_IsRefutedAtAPointOfTheSimplex()
    {
        var y1 = Expr.Sym("y", 1);
        var y2 = Expr.Sym("y", 2);
        var y3 = Expr.Sym("y", 3);
        var result = Prove("(y_1 + y_2 + y_3)^2", "1 + 1e-25", Assumptions.None.WithSimplex([y1, y2, y3]));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var c = result.Counterexample!;
        Assert.That(ExactRational.Of(c.Values[y1]) + ExactRational.Of(c.Values[y2]) + ExactRational.Of(c.Values[y3]), Is.EqualTo(Rational.One));
        Assert.That(c.ExactLeft, Is.EqualTo(Rational.One));
    }

    [Test]
    public void Prove_TinyDifferenceWithDiscreteThirds_UsesTheExactDiscreteValue()
    {
        // 3y is exactly 1 or 2 for y in {1/3, 2/3}; the doubles of 1/3 and 2/3 are not exact, the point's values must be.
        var result = Prove("3*y", "3*y + 1e-25", Assumptions.None.WithDiscrete(Y, new Rational(1, 3), new Rational(2, 3)));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Counterexample!.ExactLeft, Is.EqualTo(Rational.One).Or.EqualTo(new Rational(2)));
        Assert.That(result.Counterexample.ExactDifference, Is.EqualTo(-new Rational(BigInteger.One, BigInteger.Pow(10, 25))));
    }

    [Test]
    public void Prove_RationalDifferenceThatVanishesOnTheAssumedDomain_IsNotRefuted()
    {
        // x = 1 on the one-point interval [1, 1]: the normal form x − 1 is not 0, but the claim holds where it is asserted.
        var result = Prove("x", "1", Assumptions.None.WithInterval(X, 1, 1, false, false));

        Assert.That(result.Verdict, Is.Not.EqualTo(ProofVerdict.Refuted), result.Method);
    }

    [Test]
    public void Prove_FalseOnlyAtTheKink_IsNotRefutedExactly()
    {
        // sign(x)² = 1 everywhere but at 0, which x ∈ {0, 1} does reach; claims are asserted away from kinks, and the
        // exact comparison keeps to that like every sampled point.
        var result = Prove("sign(x)^2 + x^2", "1 + x^2", Assumptions.None.WithDiscrete(X, Rational.Zero, Rational.One));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Unknown), result.Method);
    }

    [Test]
    public void Prove_SidesThatFoldToDifferentNumbersWhereBothAreUndefined_AreNotRefuted()
    {
        // With y = 0 both sides are 0 wherever √x is real (step(−x) = 0 for x ≥ 0); at x < 0 both are undefined, yet
        // substituting folds 0·√x to 0 and the right side to 10^-30. Only points where both sides are defined count.
        var result = Prove("y*sqrt(x)", "y*sqrt(x) + 1e-30*step(-x)", Assumptions.None.WithDiscrete(Y, Rational.Zero));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Unknown), result.Method);
    }

    [Test]
    public void Prove_SidesUndefinedEverywhere_AreNotRefutedByClippedEnclosures()
    {
        // ln(1 − σ(xy)) < 0, so the square root is real nowhere; where 1 − σ rounds to an enclosure touching 1 the
        // interval square root clips [−ε, δ] to [0, √δ], and ln of that reaches −∞ on one side, +∞ after abs on the other.
        var result = Prove("abs(ln(sqrt(ln(1 - sigmoid(x*y)))))", "ln(sqrt(ln(1 - sigmoid(x*y))))");

        Assert.That(result.Verdict, Is.Not.EqualTo(ProofVerdict.Refuted), result.Method);
    }

    [Test]
    public void Prove_LnOfAPowerWithSymbolicExponent_SharesTheFactorOfLnOfItsBase()
    {
        // (1 − y)^(1 − z) = |1 − y|^(1 − z) through exp; its ln must split into the same ln|1 − y| atom as the right side's.
        var result = Prove("ln((1 - y)^(1 - z))", "(1 - z)*ln(1 - y)", Assumptions.None.WithInterval(Y, 0, 1, true, true));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
    }

    [TestCase("exp(ln(x))", "x")]
    [TestCase("exp(2*ln(x) + 1)", "x^2*exp(1)")]
    [TestCase("exp(z - ln(exp(z) + exp(x)))", "exp(z)/(exp(z) + exp(x))")]
    [TestCase("sigmoid(ln(x))", "x/(1 + x)")]
    [TestCase("sqrt(x^2)", "x")]
    [TestCase("abs(x)", "x")]
    [TestCase("relu(x)", "x")]
    [TestCase("x^(1/3)*x^(2/3)", "x")]
    public void Prove_IdentityThatNeedsXPositive_IsProvedUnderXPositive(string left, string right) =>
        Assert.That(Prove(left, right, Assumptions.None.WithPositive(X)).Verdict, Is.EqualTo(ProofVerdict.Proved));

    [TestCase("exp(ln(x))", "x")]
    [TestCase("exp(2*ln(x) + 1)", "x^2*exp(1)")]
    [TestCase("sigmoid(ln(x))", "x/(1 + x)")]
    [TestCase("sqrt(x^2)", "x")]
    [TestCase("abs(x)", "x")]
    [TestCase("relu(x)", "x")]
    public void Prove_SameIdentityWithoutTheAssumption_IsRefuted(string left, string right)
    {
        var result = Prove(left, right);

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Counterexample!.Values[X], Is.LessThan(0));
    }

    [TestCase("sqrt(x^2)", "abs(x)")]
    [TestCase("sqrt(x^2*y^2)", "abs(x*y)")]
    [TestCase("(x^6)^(1/3)", "x^2")]
    [TestCase("sqrt(4*x)", "2*sqrt(x)")]
    [TestCase("sqrt(8*x)", "2*sqrt(2)*sqrt(x)")]
    [TestCase("sqrt(x/9)", "sqrt(x)/3")]
    [TestCase("sqrt(6)", "sqrt(2)*sqrt(3)")]
    [TestCase("1/sqrt(2)", "sqrt(2)/2")]
    [TestCase("sqrt(2)^3", "2*sqrt(2)")]
    [TestCase("ln(exp(x))", "x")]
    [TestCase("abs(exp(x))", "exp(x)")]
    [TestCase("sign(1 + exp(x))", "1")]
    public void Prove_IdentityOfRootsLogsAndKinks_IsProvedWithoutAssumptions(string left, string right) =>
        Assert.That(Prove(left, right).Verdict, Is.EqualTo(ProofVerdict.Proved), Prove(left, right).Method);

    [TestCase("sqrt(x^2)", "-x")]
    [TestCase("sqrt(4*x)", "-2*sqrt(x)")]
    [TestCase("sqrt(x^2)", "abs(x) + 1e-20")]
    [TestCase("exp(ln(x))", "abs(x) + 1e-20")]
    public void Prove_FalseNeighbourUnderXPositive_IsRefuted(string left, string right)
    {
        var result = Prove(left, right, Assumptions.None.WithPositive(X));

        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Counterexample!.Values[X], Is.GreaterThan(0));
    }

    [Test]
    public void Prove_AbsOfNonNegativeSymbol_IsProvedButSignIsNot()
    {
        var nonNegative = Assumptions.None.WithInterval(X, 0, double.PositiveInfinity, false, true);

        Assert.That(Prove("abs(x)", "x", nonNegative).Verdict, Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prove("sqrt(x^2)", "x", nonNegative).Verdict, Is.EqualTo(ProofVerdict.Proved));
        // sign(0) = 0, so sign(x) = 1 is not an identity on [0, ∞); it fails only at 0, which no sample reaches.
        Assert.That(Prove("sign(x)", "1", nonNegative).Verdict, Is.EqualTo(ProofVerdict.Unknown));
    }
}
