using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Proving;
using static GradCheck.Symbolic.Tests.Proving.ClaimHarness;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>The calculus of deep learning proved from the definitions, written as users write claims.</summary>
public sealed class ProverIdentityTests
{
    private static readonly (string Name, string Body) Softmax = ("s_k", "exp(z_k) / sum(k, exp(z_k))");

    [Test]
    public void Prove_SigmoidDerivative_IsProved()
    {
        var result = Prove("d/dz sigmoid(z)", "sigmoid(z) * (1 - sigmoid(z))", Scope());
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
        Assert.That(result.Evidence.Points, Is.GreaterThan(0));
        Assert.That(result.Evidence.MaxAbsDifference, Is.LessThanOrEqualTo(result.Evidence.MaxErrorBound));
    }

    [Test]
    public void Prove_SigmoidDerivativeChainOfTheSeed_EveryStepIsProved()
    {
        string[] chain = ["d/dz sigmoid(z)", "d/dz (1 + exp(-z))^(-1)", "exp(-z) / (1 + exp(-z))^2", "sigmoid(z) * (1 - sigmoid(z))"];
        for (var step = 1; step < chain.Length; step++)
        {
            Assert.That(Prove(chain[step - 1], chain[step], Scope()).Verdict, Is.EqualTo(ProofVerdict.Proved), $"step {step}");
        }
    }

    [Test]
    public void Prove_TanhDerivative_IsProved() =>
        Assert.That(Prove("d/dz tanh(z)", "1 - tanh(z)^2", Scope()).Verdict, Is.EqualTo(ProofVerdict.Proved));

    [Test]
    public void Prove_SoftmaxJacobian_EveryEntryIsProvedForEveryK([Range(2, 5)] int k)
    {
        var scope = Scope(k, ["i", "j", "k"], Softmax);
        foreach (var instance in Instances(scope, k, "i", "j"))
        {
            var result = Prove("d/dz_j s_i", "s_i * (delta(i, j) - s_j)", instance);
            Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved),
                $"i={instance.IndexValues["i"]}, j={instance.IndexValues["j"]}: {result.Method}");
        }
    }

    [Test]
    public void Prove_CrossEntropyGradientUnderSimplexLabels_IsProvedForEveryK([Range(2, 5)] int k)
    {
        var scope = Scope(k, ["j", "k"], Softmax, ("J", "-sum(k, y_k * ln(s_k))"));
        foreach (var instance in Instances(scope, k, "j"))
        {
            var result = Prove("d/dz_j J", "s_j - y_j", instance, Simplex("y", k));
            Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
        }
    }

    [Test]
    public void Prove_CrossEntropyGradientWithoutTheSimplex_IsRefuted()
    {
        // Without Σ y = 1 the gradient is s_j·Σy − y_j: the assumption is what makes the claim true.
        var scope = Scope(3, ["j", "k"], Softmax, ("J", "-sum(k, y_k * ln(s_k))")).WithIndexValue("j", 2);
        var (left, right) = Bind("d/dz_j J", "s_j - y_j", scope);
        AssertGenuine(Prover.Prove(left, right, Assumptions.None), left, right);
    }

    [Test]
    public void Prove_HessianOfMinusLogSoftmax_IsDiagSMinusSSTransposeForEveryK([Range(2, 4)] int k)
    {
        var scope = Scope(k, ["a", "i", "j", "k"], Softmax, ("L_a", "-ln(s_a)"));
        foreach (var instance in Instances(scope, k, "a", "i", "j"))
        {
            var result = Prove("d2/dz_i dz_j L_a", "s_i * (delta(i, j) - s_j)", instance);
            Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
        }
    }

    [Test]
    public void Prove_HessianOfCrossEntropyUnderSimplexLabels_IsDiagSMinusSSTranspose([Range(2, 4)] int k)
    {
        var scope = Scope(k, ["i", "j", "k"], Softmax, ("J", "-sum(k, y_k * ln(s_k))"));
        foreach (var instance in Instances(scope, k, "i", "j"))
        {
            var result = Prove("d2/dz_i dz_j J", "s_i * (delta(i, j) - s_j)", instance, Simplex("y", k));
            Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
        }
    }

    [Test]
    public void Prove_SigmoidBinaryCrossEntropyWeightGradient_IsProved([Values(1, 2, 3)] int i)
    {
        var scope = Scope(3, ["d", "i"], ("yhat", "sigmoid(sum(d, w_d * x_d))"), ("C", "-(y*ln(yhat) + (1 - y)*ln(1 - yhat))"))
            .WithIndexValue("i", i);
        var assumptions = Assumptions.None.WithInterval(Expr.Sym("y"), 0, 1, false, false);
        var result = Prove("d/dw_i C", "-(y - yhat) * x_i", scope, assumptions);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
    }

    [Test]
    public void Prove_L2RegularisedLogisticRegressionGradientForTwoSamples_IsProved([Values(1, 2)] int i)
    {
        var scope = Scope(null, null,
                ("yhat_n", "sigmoid(sum(d, w_d * x_{n,d}))"),
                ("J", "(1/N) * sum(n, -(y_n*ln(yhat_n) + (1 - y_n)*ln(1 - yhat_n))) + lambda/2 * sum(d, w_d^2)"))
            .WithSize("N", 2).WithIndexRange("n", 1, 2).WithIndexRange("d", 1, 2).WithIndexRange("i", 1, 2).WithIndexValue("i", i);
        var result = Prove("d/dw_i J", "-(1/N) * sum(n, (y_n - sigmoid(sum(d, w_d * x_{n,d}))) * x_{n,i}) + lambda * w_i", scope);
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Proved), result.Method);
    }
}
