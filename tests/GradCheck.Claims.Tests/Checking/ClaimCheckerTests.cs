using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Checking;

public class ClaimCheckerTests
{
    private static IReadOnlyList<ClaimResult> Check(string text) => ClaimChecker.CheckText(text, "t.claims");

    private static ClaimResult CheckOne(string text)
    {
        var results = Check(text);
        Assert.That(results, Has.Count.EqualTo(1));
        return results[0];
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Test]
    public void Check_ContractExamples_BehaveAsTheContractStates()
    {
        var results = Check(ContractExamples.MustWork).ToDictionary(r => r.Name);
        Assert.That(results["bce-logistic-weight-gradient"].Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(results["softmax-jacobian"].Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(results["softmax-jacobian"].Steps[0].Instances, Is.EqualTo(4 + 9 + 16 + 25), "every K in 2..5 and every i, j");
        Assert.That(results["softmax-cross-entropy-gradient"].Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(results["cross-entropy-hessian"].Verdict, Is.EqualTo(Verdict.Proved));
        var wrong = results["wrong-sign-example"];
        Assert.That(wrong.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(wrong.FirstRefutedStep, Is.EqualTo(1));
        Assert.That(wrong.ExpectationMet, Is.True);
        var counterexample = wrong.Steps[0].Counterexample!;
        var z = counterexample.Values["z"];
        Assert.That(counterexample.Left, Is.EqualTo(1 - Sigmoid(z)).Within(1e-12), "the left side is d/dz ln σ(z) = 1 − σ(z)");
        Assert.That(counterexample.Right, Is.EqualTo(Sigmoid(z) - 1).Within(1e-12));
    }

    [Test]
    public void Check_PowerBeyondExactRange_IsRefutedNotAcceptedOnAWideEnclosure()
    {
        // x^(10^20) is 0 or ±∞ at every sampled x other than ±1; a loose [0, 1] enclosure once let it "hold" against 1.
        var result = CheckOne("claim huge\n  x^(10^20) = 1\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void Check_SigmoidChain_ProvesEveryStep()
    {
        var result = CheckOne(ContractExamples.SigmoidChain);
        Assert.That(result.Steps.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Proved, Verdict.Proved, Verdict.Proved }));
        Assert.That(result.Source, Is.EqualTo("seed 003, Question 1 Exercise 1"));
    }

    [Test]
    public void Check_WrongMiddleStep_NamesTheFirstWrongStepAndTheInstance()
    {
        var result = CheckOne("""
            claim c
              index i, j, k in 1..K
              for K in 2..3
              let s_i = exp(z_i)/sum(k, exp(z_k))
              d/dz_j s_i
                = s_i*(delta(i, j) - s_j)
                = s_i*delta(i, j) - s_i
                = s_i*delta(i, j) - s_i*s_j
            end
            """);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.FirstRefutedStep, Is.EqualTo(2));
        Assert.That(result.Steps[1].Instance, Is.EqualTo(new Dictionary<string, int> { ["K"] = 2, ["i"] = 1, ["j"] = 1 }));
        Assert.That(result.Steps[1].RefutedInstances, Is.EqualTo(4 + 9));
        Assert.That(result.Steps[1].RefutedAt, Has.Count.EqualTo(4 + 9), "each refuted instance is reported");
        Assert.That(result.Steps[1].RefutedAt![^1], Is.EqualTo(new Dictionary<string, int> { ["K"] = 3, ["i"] = 3, ["j"] = 3 }));
        Assert.That(result.ExpectationMet, Is.Null);
        Assert.That(result.IsAcceptable, Is.False);
    }

    [Test]
    public void Check_ExpectRefutedAtWrongStep_IsNotMet()
    {
        var result = CheckOne("claim c\n  expect refuted at step 2\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1 = 1 - sigmoid(z)\nend");
        Assert.That(result.FirstRefutedStep, Is.EqualTo(1));
        Assert.That(result.ExpectationMet, Is.False);
    }

    [Test]
    public void Check_ExpectProvedOnATrueClaim_IsMet()
    {
        var result = CheckOne("claim c\n  expect proved\n  d/dz tanh(z) = 1 - tanh(z)^2\nend");
        Assert.That(result.ExpectationMet, Is.True);
    }

    [Test]
    public void Check_DiscreteAssumption_ChecksEachValue()
    {
        // True for y = 1 only: the discrete set makes it false.
        var result = CheckOne("claim c\n  assume y in {0, 1}\n  y*sigmoid(z) = sigmoid(z)\nend");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.Values["y"], Is.Zero);
    }

    [Test]
    public void Check_ReluClaim_IsCheckedAwayFromTheKink()
    {
        var result = CheckOne("claim c\n  d/dx (3*relu(w*x)) = 3*step(w*x)*w\nend");
        Assert.That(result.Verdict, Is.AnyOf(Verdict.Proved, Verdict.HoldsNumerically));
    }

    [Test]
    public void Check_PsdOfANonPsdMatrix_IsRefutedWithTheSmallestEigenvalue()
    {
        var result = CheckOne("claim c\n  index i, j in 1..K\n  for K in 2..3\n  psd over i, j\n  delta(i, j) - 1 = delta(i, j) - 1\nend");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.FirstRefutedStep, Is.EqualTo(2), "the psd check is the step after the chain's");
        Assert.That(result.Steps[1].Counterexample!.Left, Is.EqualTo(-1).Within(1e-12), "I − 11ᵀ has eigenvalue 1 − K = −1 for K = 2");
    }

    [Test]
    public void Check_HessianOfCrossEntropy_IsPositiveSemidefinite()
    {
        var result = CheckOne("""
            claim c
              index i, j, k in 1..K
              for K in 2..4
              let s_k = exp(z_k)/sum(k, exp(z_k))
              psd over i, j
              d2/dz_i dz_j (-ln(s_1)) = s_i*(delta(i, j) - s_j)
            end
            """);
        Assert.That(result.Steps.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Proved, Verdict.HoldsNumerically }));
        Assert.That(result.Steps[1].Evidence!.Points, Is.GreaterThan(0));
    }

    [Test]
    public void Check_SidesWithDifferentFreeIndices_AreRefutedAtAnInstanceThatDiffers()
    {
        // Once an input error ("the sides have different free indices"): the instances range over the union.
        var result = CheckOne("claim c\n  index i, j in 1..3\n  z_i = z_j\nend");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
        var instance = result.Steps[0].Instance!;
        Assert.That(instance["i"], Is.Not.EqualTo(instance["j"]));
        Assert.That(result.Steps[0].Instances, Is.EqualTo(9));
    }

    [Test]
    public void Check_SideMissingAnIndex_IsConstantInItAndRefutedWhereItDiffers()
    {
        // d/dW_{p,q} of sum(p, sum(q, W_{p,q} x_p y_q)) is x_p y_q; "x_p" drops q and y, and is wrong.
        const string Claim = "claim c\n  index p, q in 1..K\n  for K in 2..3\n  let C = sum(p, sum(q, W_{p,q}*x_p*y_q))\n  d/dW_{p,q} C = {0}\nend";
        var right = CheckOne(Claim.Replace("{0}", "x_p*y_q", StringComparison.Ordinal));
        var wrong = CheckOne(Claim.Replace("{0}", "x_p", StringComparison.Ordinal));

        Assert.That(right.Verdict, Is.EqualTo(Verdict.Proved), right.Error?.ToString());
        Assert.That(wrong.Verdict, Is.EqualTo(Verdict.Refuted), wrong.Error?.ToString());
        Assert.That(wrong.Steps[0].Instance!.Keys, Is.SupersetOf(new[] { "K", "p", "q" }));
        Assert.That(wrong.Steps[0].Counterexample!.Values.Keys, Has.Some.StartsWith("y_"));
    }

    [Test]
    public void Check_SumOfTheSoftmaxJacobianOverAColumn_IsZeroForEveryIAndEverySize()
    {
        var result = CheckOne("""
            claim c
              index i, j, k in 1..K
              for K in 2..4
              let s_i = exp(z_i)/sum(k, exp(z_k))
              sum(j, d/dz_j s_i) = 0
            end
            """);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
        Assert.That(result.Steps[0].Instances, Is.EqualTo(2 + 3 + 4), "every K and every i");
        Assert.That(result.ProvedForEveryK, Is.True, result.Steps[0].EverySizeMethod);
    }

    [Test]
    public void Check_SecondDerivativeOfANegatedBody_ReadsTheMinusAsTheBody()
    {
        // Once rejected ("a second derivative needs two variables"): anything after the variables is the body.
        Assert.That(CheckOne("claim c\n  d2/dx dy -(x*y) = -1\nend").Verdict, Is.EqualTo(Verdict.Proved));
        var hessian = CheckOne("""
            claim c
              index i, j, k in 1..K
              for K in 2..3
              let s_k = exp(z_k)/sum(k, exp(z_k))
              d2/dz_i dz_j -ln(s_2) = s_i*(delta(i, j) - s_j)
            end
            """);
        Assert.That(hessian.Verdict, Is.EqualTo(Verdict.Proved), hessian.Error?.ToString());
        Assert.That(hessian.ProvedForEveryK, Is.True, hessian.Steps[0].EverySizeMethod);
    }

    [TestCase("claim c\n  d/dz foo(z) = z\nend", 2, 8, "foo")]
    [TestCase("claim c\n  d/d(x+1) x = 1\nend", 2, 5, "non-symbol")]
    [TestCase("claim c\n  sigmoid((z) = z\nend", 2, 14, "'(' at 2:10 is never closed")]
    [TestCase("claim c\n  sigmoid(z)) = z\nend", 2, 13, "")]
    [TestCase("claim c\n  z_i = z_i\nend", 2, 5, "without `index`")]
    [TestCase("claim c\n  index i, j, k in 1..K\n  for K in 2..3\n  psd over i, k\n  delta(i, j) = delta(i, j)\nend", 4, 3, "needs both indices free in the chain, whose free indices are {i, j}")]
    [TestCase("claim c\n  assume yhta in (0, 1)\n  ln(yhat) = ln(yhat)\nend", 2, 3, "undefined symbol 'yhta'")]
    [TestCase("claim c\n  index i in 1..N\n  z_i = z_i\nend", 2, 3, "no `for N in a..b` line")]
    [TestCase("claim c\n  index k in 1..2\n  let s_k = sigmoid(z_k)\n  d/ds s_1 = 1\nend", 4, 6, "'s' is defined with 1 index (s_k) but used with 0")]
    [TestCase("claim c\n  let exp = 2\n  x = x\nend", 2, 3, "built-in name")]
    [TestCase("claim c\n  2x = x\nend", 2, 4, "implicit multiplication")]
    [TestCase("claim c\n  sqrt(-1 - x^2) = 2*sqrt(-1 - x^2)\nend", 2, 20, "an `assume` may be missing")]
    public void Check_BadInput_IsAnErrorWithPositionAndReason(string text, int line, int column, string reason)
    {
        var result = CheckOne(text);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error, Is.Not.Null);
        Assert.That(result.Error!.Line, Is.EqualTo(line), result.Error.ToString());
        Assert.That(result.Error.Column, Is.GreaterThanOrEqualTo(1));
        if (column > 0)
        {
            Assert.That(result.Error.Column, Is.EqualTo(column), result.Error.ToString());
        }

        Assert.That(result.Error.Message, Does.Contain(reason));
        Assert.That(result.Error.Message, Is.Not.Empty);
    }

    [Test]
    public void Check_TooManyInstances_IsAnErrorNotAHang()
    {
        var result = CheckOne("claim c\n  index a, b, c, d in 1..K\n  for K in 1..12\n  x_a*x_b*x_c*x_d = x_d*x_c*x_b*x_a\nend");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain("instances"));
    }

    [Test]
    public void Check_TenMegabyteFileOfClaims_AnswersWithinTheTimeLimit()
    {
        var claim = "claim c\n  d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))\nend\n";
        var text = "claim big\n  x = " + new string('x', 1) + string.Concat(Enumerable.Repeat(" + x", 10 * 1024 * 1024 / 4)) + "\nend\n" + claim;
        var results = ClaimChecker.CheckText(text, "big.claims", CheckOptions.Default with { ClaimTimeLimit = TimeSpan.FromSeconds(5) });
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(results[0].Verdict, Is.EqualTo(Verdict.Error), "a 10 MB expression is refused with a reason");
        Assert.That(results[0].Error!.Line, Is.EqualTo(2));
        Assert.That(results[1].Verdict, Is.EqualTo(Verdict.Proved));
    }

    [Test]
    public void ExitCodes_For_FollowsTheContract()
    {
        var proved = CheckOne("claim a\n  x = x\nend");
        var expectedRefuted = CheckOne("claim b\n  expect refuted\n  x = 2*x\nend");
        var refuted = CheckOne("claim c\n  x = 2*x\nend");
        var error = CheckOne("claim d\n  x = foo(x)\nend");
        Assert.That(ExitCodes.For([proved, expectedRefuted]), Is.EqualTo(0));
        Assert.That(ExitCodes.For([proved, refuted]), Is.EqualTo(1));
        Assert.That(ExitCodes.For([proved, refuted, error]), Is.EqualTo(2));
    }

    [Test]
    public void Check_SameClaimTwice_GivesTheSameCounterexample()
    {
        const string text = "claim c\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1\nend";
        var first = CheckOne(text).Steps[0].Counterexample!.Values;
        var second = CheckOne(text).Steps[0].Counterexample!.Values;
        Assert.That(second, Is.EqualTo(first));
    }
}
