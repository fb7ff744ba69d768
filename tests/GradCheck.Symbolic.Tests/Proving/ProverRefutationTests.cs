using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using static GradCheck.Symbolic.Tests.Proving.ClaimHarness;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>Wrong claims are refuted with a counterexample that is real (checked again in plain doubles).</summary>
public sealed class ProverRefutationTests
{
    private static readonly (string Name, string Body) Softmax = ("s_k", "exp(z_k) / sum(k, exp(z_k))");

    /// <summary>
    /// Each proved identity with its right side broken: one sign flipped, or one factor of 2 added.
    /// (name, left, broken right, K, free indices, lets, simplex labels?)
    /// </summary>
    private static readonly object[] BrokenIdentities =
    [
        Case("sigmoid sign", "d/dz sigmoid(z)", "sigmoid(z) * (1 + sigmoid(z))"),
        Case("sigmoid factor", "d/dz sigmoid(z)", "2 * sigmoid(z) * (1 - sigmoid(z))"),
        Case("tanh sign", "d/dz tanh(z)", "1 + tanh(z)^2"),
        Case("tanh factor", "d/dz tanh(z)", "1 - 2*tanh(z)^2"),
        Case("softmax jacobian sign", "d/dz_j s_i", "s_i * (delta(i, j) + s_j)", 3, ["i", "j"], [Softmax]),
        Case("softmax jacobian factor", "d/dz_j s_i", "2 * s_i * (delta(i, j) - s_j)", 3, ["i", "j"], [Softmax]),
        Case("cross-entropy sign", "d/dz_j J", "s_j + y_j", 3, ["j"], [Softmax, ("J", "-sum(k, y_k * ln(s_k))")], true),
        Case("cross-entropy factor", "d/dz_j J", "2*s_j - y_j", 3, ["j"], [Softmax, ("J", "-sum(k, y_k * ln(s_k))")], true),
        Case("hessian sign", "d2/dz_i dz_j L", "s_i * (delta(i, j) + s_j)", 3, ["i", "j"], [Softmax, ("L", "-ln(s_1)")]),
        Case("hessian factor", "d2/dz_i dz_j L", "s_i * (2*delta(i, j) - s_j)", 3, ["i", "j"], [Softmax, ("L", "-ln(s_1)")]),
        Case("bce sign", "d/dw_i C", "(y - yhat) * x_i", 2, ["i"], [("yhat", "sigmoid(sum(k, w_k * x_k))"), ("C", "-(y*ln(yhat) + (1 - y)*ln(1 - yhat))")]),
        Case("bce factor", "d/dw_i C", "-2*(y - yhat) * x_i", 2, ["i"], [("yhat", "sigmoid(sum(k, w_k * x_k))"), ("C", "-(y*ln(yhat) + (1 - y)*ln(1 - yhat))")]),
        Case("l2 logistic sign", "d/dw_i J", "-(1/2) * sum(k, (y_k - yhat_k) * x_{k,i}) - lambda * w_i", 2, ["i"],
            [("yhat_k", "sigmoid(sum(j, w_j * x_{k,j}))"), ("J", "(1/2) * sum(k, -(y_k*ln(yhat_k) + (1 - y_k)*ln(1 - yhat_k))) + lambda/2 * sum(j, w_j^2)")]),
        Case("l2 logistic factor", "d/dw_i J", "-(1/2) * sum(k, (y_k - yhat_k) * x_{k,i}) + 2 * lambda * w_i", 2, ["i"],
            [("yhat_k", "sigmoid(sum(j, w_j * x_{k,j}))"), ("J", "(1/2) * sum(k, -(y_k*ln(yhat_k) + (1 - y_k)*ln(1 - yhat_k))) + lambda/2 * sum(j, w_j^2)")]),
    ];

    [Test]
    public void Prove_DerivativeOfLnSigmoidClaimedAsSigmoidMinusOne_IsRefutedWithAPoint()
    {
        var (left, right) = Bind("d/dz ln(sigmoid(z))", "sigmoid(z) - 1", Scope());
        var result = Prover.Prove(left, right, Assumptions.None);
        AssertGenuine(result, left, right);
        var z = result.Counterexample!.Values[Expr.Sym("z")];
        Assert.That(result.Counterexample.Left, Is.EqualTo(1 - (1 / (1 + Math.Exp(-z)))).Within(1e-12));
    }

    [Test]
    public void Prove_SoftmaxJacobianWithoutItsCrossTerm_IsRefutedForEveryEntry()
    {
        var scope = Scope(3, ["i", "j", "k"], Softmax);
        foreach (var instance in Instances(scope, 3, "i", "j"))
        {
            var (left, right) = Bind("d/dz_j s_i", "s_i * delta(i, j)", instance);
            AssertGenuine(Prover.Prove(left, right, Assumptions.None), left, right);
        }
    }

    [TestCaseSource(nameof(BrokenIdentities))]
    public void Prove_IdentityWithOneSignFlippedOrAFactorOfTwo_IsRefuted(
        string name, string left, string right, int k, string[] free, (string, string)[] lets, bool simplex)
    {
        // A claim with free indices is refuted when some instance is (2·δ_ij differs only on the diagonal).
        var scope = Scope(k, ["a", "i", "j", "k"], lets);
        var refuted = 0;
        foreach (var instance in Instances(scope, k, free))
        {
            var (l, r) = Bind(left, right, instance);
            var result = Prover.Prove(l, r, simplex ? Simplex("y", k) : Assumptions.None);
            Assert.That(result.Verdict, Is.Not.EqualTo(ProofVerdict.Unknown), name + ": " + result.Method);
            if (result.Verdict == ProofVerdict.Proved)
            {
                continue;
            }

            refuted++;
            AssertGenuine(result, l, r);
            if (simplex)
            {
                var ys = Enumerable.Range(1, k).Select(n => result.Counterexample!.Values[Expr.Sym("y", n)]).ToList();
                Assert.That(ys.Sum(), Is.EqualTo(1.0), name);
                Assert.That(ys, Is.All.GreaterThanOrEqualTo(0), name);
            }
        }

        Assert.That(refuted, Is.GreaterThan(0), name);
    }

    [Test]
    public void Prove_ClaimTrueOnlyForTheDiscreteValues_IsProvedUnderThemAndRefutedWithout()
    {
        // y² = y holds exactly for y in {0, 1}.
        var y = Expr.Sym("y");
        var discrete = Assumptions.None.WithDiscrete(y, 0, 1);
        Assert.That(Prover.Prove(Expr.Pow(y, 2), y, discrete).Verdict, Is.EqualTo(ProofVerdict.Proved));
        AssertGenuine(Prover.Prove(Expr.Pow(y, 2), y, Assumptions.None), Expr.Pow(y, 2), y);
    }

    [Test]
    public void Prove_OneHotLabels_ProvedCaseByCaseAndCounterexampleIsOneHot()
    {
        // With one-hot y, Σ y_k² = 1, which fails for a general probability vector.
        var ys = Enumerable.Range(1, 3).Select(k => Expr.Sym("y", k)).ToList();
        var left = Expr.Add(ys.Select(v => Expr.Pow(v, 2)));
        Assert.That(Prover.Prove(left, 1, Assumptions.None.WithOneHot(ys)).Verdict, Is.EqualTo(ProofVerdict.Proved));
        var refuted = Prover.Prove(left, 1, Assumptions.None.WithSimplex(ys));
        AssertGenuine(refuted, left, 1);
    }

    [Test]
    public void Prove_ClaimFailingOnlyBeyondTheUsualRange_IsStillRefuted()
    {
        var (left, right) = (Expr.Parse("relu(x - 3)"), Expr.Zero);
        var result = Prover.Prove(left, right, Assumptions.None);
        AssertGenuine(result, left, right);
        Assert.That(result.Counterexample!.Values[Expr.Sym("x")], Is.GreaterThan(3));
    }

    [Test]
    public void Prove_IntervalAssumption_CounterexampleLiesInTheInterval()
    {
        var x = Expr.Sym("x");
        var assumptions = Assumptions.None.WithInterval(x, 0.5, 0.75, loOpen: true, hiOpen: false);
        var result = Prover.Prove(Expr.Ln(x), x - 1, assumptions);
        AssertGenuine(result, Expr.Ln(x), x - 1);
        Assert.That(result.Counterexample!.Values[x], Is.GreaterThan(0.5).And.LessThanOrEqualTo(0.75));
    }

    [Test]
    public void Prove_KinkedIdentity_SamplesStayAwayFromTheKinkAndProveIt()
    {
        // relu(x) − relu(−x) = x everywhere; relu'(x) = step(x) away from 0.
        var x = Expr.Sym("x");
        Assert.That(Prover.Prove(Expr.Relu(x) - Expr.Relu(-x), x, Assumptions.None).Verdict, Is.Not.EqualTo(ProofVerdict.Refuted));
        var derivative = Prover.Prove(Expr.Parse("d/dx relu(x^3 - x)"), Expr.Parse("step(x^3 - x) * (3*x^2 - 1)"), Assumptions.None);
        Assert.That(derivative.Verdict, Is.EqualTo(ProofVerdict.Proved), derivative.Method);
    }

    [TestCase("d/dx relu(x)^2", "2*relu(x)")]
    [TestCase("step(x)^3 * relu(x)", "relu(x)")]
    [TestCase("sign(x)^3", "sign(x)")]
    [TestCase("abs(x)^3", "abs(x)*x^2")]
    public void Prove_PowersOfStepAndSign_AreReduced(string left, string right) =>
        Assert.That(Prover.Prove(Expr.Parse(left), Expr.Parse(right), Assumptions.None).Verdict, Is.EqualTo(ProofVerdict.Proved));

    [Test]
    public void Prove_SignSquaredIsNotOne_AtZero()
    {
        // sign(x)² = 1 fails at x = 0 only; no symbolic proof, and no counterexample away from the kink.
        var result = Prover.Prove(Expr.Parse("sign(x)^2"), Expr.One, Assumptions.None);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Unknown), result.Method);
    }

    [Test]
    public void Prove_IdentityOutsideThePolynomialMethod_IsUnknownWithAgreeingEvidence()
    {
        // sqrt(x^2 + 2x + 1) = |x + 1| is true but needs a square root of a polynomial, which the normal form does not take.
        var x = Expr.Sym("x");
        var result = Prover.Prove(Expr.Sqrt(Expr.Pow(x, 2) + (2 * x) + 1), Expr.Abs(x + 1), Assumptions.None);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Unknown), result.Method);
        Assert.That(result.Evidence.Points, Is.EqualTo(ProverOptions.Default.SamplePoints));
        Assert.That(result.Evidence.MaxAbsDifference, Is.LessThanOrEqualTo(result.Evidence.MaxErrorBound));
    }

    [Test]
    public void Prove_ExpWithRationalCoefficients_RescalesAndProves()
    {
        // e^(x/2)·e^(x/3) = e^(5x/6) needs atoms exp(x/6).
        Assert.That(Prover.Prove(Expr.Parse("exp(x/2) * exp(x/3)"), Expr.Parse("exp(5*x/6)"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("sqrt(exp(x))"), Expr.Parse("exp(x/2)"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        // Coefficients 1/2 then 1/4 then 1/8: each restart must reach a scale that makes the new one whole.
        Assert.That(Prover.Prove(Expr.Parse("exp((w/2 + z)^3)"), Expr.Parse("exp(w^3/8) * exp(3*w^2*z/4) * exp(3*w*z^2/2) * exp(z^3)"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
    }

    [Test]
    public void Prove_LogarithmRulesWhoseArgumentsArePositive_AreProvedWithoutSignAssumptions()
    {
        // Every ln argument here is positive for all reals, so the sides have the same domain. (Where they
        // do not, as in ln(x*y^2/z) = ln(x) + 2*ln(y) - ln(z), the claim is refuted: see ProverDomainTests.)
        Assert.That(Prover.Prove(Expr.Parse("softplus(x) - softplus(-x)"), Expr.Parse("x"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("ln(12)"), Expr.Parse("2*ln(2) + ln(3)"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
        Assert.That(Prover.Prove(Expr.Parse("ln((1 + x^2)*(2 + y^2)^3)"), Expr.Parse("ln(1 + x^2) + 3*ln(2 + y^2)"), Assumptions.None).Verdict,
            Is.EqualTo(ProofVerdict.Proved));
    }

    [Test]
    public void Prove_ExplodingProduct_GivesUpWithinTheTermBudget()
    {
        var big = Expr.Parse("(a + b + c + d + e + f + g + h)^12");
        var result = Prover.Prove(big, big + 1, Assumptions.None, ProverOptions.Default with { MaxTerms = 1000 });
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        Assert.That(result.Method, Does.Contain("counterexample"));
    }

    [Test]
    public void Prove_HugeExpansionWithDefaultOptions_GivesUpAndStillRefutes()
    {
        // (a+…+h)^30 has about 10 million terms; the method must stop early, not grind.
        var big = Expr.Parse("(a + b + c + d + e + f + g + h)^30");
        var result = Prover.Prove(big, big + Expr.Parse("a^2"), Assumptions.None);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
    }

    private static object[] Case(string name, string left, string right, int k = 2, string[]? free = null,
        (string, string)[]? lets = null, bool simplex = false) =>
        [name, left, right, k, free ?? [], lets ?? [], simplex];
}
