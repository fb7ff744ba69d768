using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>Claims that differentiate with respect to an intermediate <c>let</c> (δ = ∂C/∂z, backpropagation).</summary>
public class LetDerivativeClaimTests
{
    private const string Network = """
          index d in 1..D
          index h in 1..H
          index k in 1..K
          for D in 2..3
          for H in 2..3
          for K in 2..3
          let z1_h = sum(d, W1_{h,d}*x_d) + b1_h
          let a1_h = sigmoid(z1_h)
          let z2_k = sum(h, W2_{k,h}*a1_h) + b2_k
          let a2_k = sigmoid(z2_k)
          let C = sum(k, (a2_k - y_k)^2)/2
        """;

    private static ClaimResult CheckOne(string name, string body, string chain) =>
        ClaimChecker.CheckText($"claim {name}\n{body}\n  {chain}\nend\n", "t.claims").Single();

    [TestCase("d/dz2_k C = (a2_k - y_k)*a2_k*(1 - a2_k)", TestName = "BP1")]
    [TestCase("d/dz1_h C = sum(k, W2_{k,h}*(d/dz2_k C))*a1_h*(1 - a1_h)", TestName = "BP2")]
    [TestCase("d/db1_h C = d/dz1_h C", TestName = "BP3")]
    [TestCase("d/dW1_{h,d} C = (d/dz1_h C)*x_d", TestName = "BP4")]
    public void Check_BackpropagationInIndexNotation_ProvedAtEverySizeCheckedAndForEverySize(string chain)
    {
        var result = CheckOne("bp", Network, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
        Assert.That(result.ProvedForEveryK, Is.True, result.Steps[0].EverySizeMethod);
        TestContext.Out.WriteLine($"{chain}: {result.Elapsed.TotalMilliseconds:0} ms for {result.Steps[0].Instances} instances and every size");
    }

    [TestCase("d/dz1_h C = sum(k, W2_{k,h}*(d/dz2_k C))", TestName = "BP2 without a1_h*(1 - a1_h)")]
    [TestCase("d/dz2_k C = (a2_k - y_k)*a2_k", TestName = "BP1 without (1 - a2_k)")]
    [TestCase("d/dW1_{h,d} C = (d/dz1_h C)*x_h", TestName = "BP4 with the wrong input index")]
    public void Check_WrongBackpropagationEquation_IsRefuted(string chain)
    {
        var result = CheckOne("bp-wrong", Network, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
        Assert.That(result.Steps[0].Counterexample, Is.Not.Null);
        Assert.That(result.ProvedForEveryK, Is.False);
    }

    [Test]
    public void Check_ScalarNeuronDelta_Proved()
    {
        var result = CheckOne("delta", "  let z = w*x + b\n  let C = (sigmoid(z) - y)^2",
            "d/dz C = 2*(sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
    }

    [Test]
    public void Check_LetDerivativeOfALetThatBindsToASymbol_IsNotAFalseFiniteDifferenceFailure()
    {
        // Binding u gives the symbol x: finite differences in x of v = x² give 2x, while d/du v = x. The
        // cross-check must not compare the two (it once would have reported an engine fault).
        var result = CheckOne("u", "  let u = x\n  let v = u*x", "d/du v = x");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
    }

    [Test]
    public void Check_WrongLetDerivativeOfALetThatBindsToASymbol_IsRefuted()
    {
        var result = CheckOne("u", "  let u = x\n  let v = u*x", "d/du v = 2*x");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
    }
}
