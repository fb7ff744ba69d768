using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>Claims about a function left unspecified (<c>function C of a_k</c>): the backpropagation equations for any
/// cost, refuted where they hold only for some costs, and refused where the affine form would not be exact.</summary>
public class UnspecifiedFunctionTests
{
    private const string Network = """
          index d, m in 1..D
          index h in 1..H
          index k, c in 1..K
          for D in 1..2
          for H in 1..3
          for K in 1..3
          let z1_h = sum(d, W1_{h,d}*x_d) + b1_h
          let a1_h = sigmoid(z1_h)
          let z2_k = sum(h, W2_{k,h}*a1_h) + b2_k
          let a2_k = sigmoid(z2_k)
          function C of a2_k
        """;

    private static ClaimResult CheckOne(string body, string chain) =>
        ClaimChecker.CheckText($"claim f\n{body}\n  {chain}\nend\n", "t.claims").Single();

    [TestCase("d/dz2_k C = (d/da2_k C)*a2_k*(1 - a2_k)", true, TestName = "BP1 for any cost")]
    [TestCase("d/dz1_h C = sum(k, W2_{k,h}*(d/dz2_k C))*a1_h*(1 - a1_h)", true, TestName = "BP2 for any cost")]
    [TestCase("d/db2_k C = d/dz2_k C", true, TestName = "BP3 for any cost")]
    [TestCase("d/dW1_{h,d} C = (d/dz1_h C)*x_d", true, TestName = "BP4 for any cost")]
    [TestCase("d/dx_d C = sum(h, W1_{h,d}*(d/dz1_h C))", false, TestName = "gradient by the input for any cost")]
    public void Check_BackpropagationForAnyCost_Proved(string chain, bool forEverySize)
    {
        var result = CheckOne(Network, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
        Assert.That(result.ProvedForEveryK, Is.EqualTo(forEverySize), result.Steps[0].EverySizeMethod);
    }

    [TestCase("d/dz2_k C = d/da2_k C", TestName = "BP1 without sigma'")]
    [TestCase("d/dz1_h C = sum(k, W2_{k,h}*(d/da2_k C))*a1_h*(1 - a1_h)", TestName = "BP2 with dC/da for delta")]
    [TestCase("d/dW1_{h,d} C = (d/dz1_h C)*x_h", TestName = "BP4 with the wrong input index")]
    public void Check_WrongBackpropagationForAnyCost_Refuted(string chain)
    {
        var result = CheckOne(Network, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
        Assert.That(result.Steps[0].Counterexample, Is.Not.Null);
    }

    [Test]
    public void Check_ChainRuleThatHoldsOnlyForCostsOfOneEntry_IsRefutedForAnyCost()
    {
        // δ_j = ∂C/∂a_j · ∂a_j/∂z_j holds for element-wise activations, not for softmax, whose a_k depend on every z.
        var result = CheckOne("""
              index j, k, m in 1..K
              for K in 1..3
              let a_k = exp(z_k)/sum(m, exp(z_m))
              function C of a_k
            """, "d/dz_j C = (d/da_j C)*a_j*(1 - a_j)");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
        Assert.That(result.Steps[0].Instance!["K"], Is.GreaterThanOrEqualTo(2), "at K = 1 both sides are 0");
    }

    [Test]
    public void Check_ValueOfTheFunction_IsIndependentOfItsGradient()
    {
        // True for a linear C only (Euler's theorem for degree 1): the value symbol C0 keeps the form generic.
        var result = CheckOne("  index k in 1..K\n  for K in 1..3\n  function C of a_k", "C = sum(k, a_k*(d/da_k C))");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
        Assert.That(result.Steps[0].Correction?.Text ?? "", Does.Not.Contain("C0"), "a correction never shows the form's symbols");
    }

    [Test]
    public void Check_ScalarArguments_ChainRuleProved()
    {
        var result = CheckOne("  let u = x^2\n  let v = exp(x)\n  function f of u, v",
            "d/dx f = (d/du f)*2*x + (d/dv f)*exp(x)");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
    }

    [Test]
    public void Check_MatrixArgument_ChainRuleProved()
    {
        var result = CheckOne("""
              index i, j in 1..K
              index m in 1..D
              for K in 1..2
              for D in 1..2
              let W_{i,m} = V_{i,m}*t
              function C of W_{i,m}
            """, "d/dt C = sum(i, sum(m, (d/dW_{i,m} C)*V_{i,m}))");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
    }

    [TestCase("d/da_j d/da_k C = 0", "second derivative of the unspecified function C")]
    [TestCase("d2/da_j da_k C = 0", "second derivative of the unspecified function C")]
    public void Check_SecondDerivative_IsAnErrorAtTheDerivative(string chain, string message)
    {
        var result = CheckOne("  index j, k in 1..K\n  for K in 1..2\n  function C of a_k", chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain(message));
        Assert.That(result.Error.Column, Is.EqualTo(3), "at the outer derivative");
    }

    [Test]
    public void Check_SecondDerivativeThroughADefinition_IsAnError()
    {
        var result = CheckOne("  index j, k in 1..K\n  for K in 1..2\n  function C of a_k\n  let g_j = d/da_j C", "d/da_k g_j = 0");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain("second derivative"));
    }

    [TestCase("  index k in 1..K\n  for K in 1..2\n  function C of a_m", "C = C", "index 'm' of the argument a_m of 'C' is used without `index`")]
    [TestCase("  index k in 1..K\n  for K in 1..2\n  function C of a_k", "C = C0", "'C0' is the name GradCheck gives the value of C")]
    [TestCase("  index k in 1..K\n  for K in 1..2\n  function C of a_k", "d/da_k C = dCda_k", "'dCda' is the name GradCheck gives a derivative of C")]
    public void Check_BadUse_IsAPositionedError(string body, string chain, string message)
    {
        var result = CheckOne(body, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain(message));
    }

    [TestCase("function C", "expected 'of'")]
    [TestCase("function C of", "expected the arguments of 'C'")]
    [TestCase("function C of a_k, a_j", "'a' is an argument of 'C' twice")]
    [TestCase("function C of a_1", "not 'a_1'")]
    [TestCase("function C of a + b", "not 'a + b'")]
    [TestCase("function C of C", "cannot be an argument of itself")]
    [TestCase("function C of a_k,", "an argument of 'C' is empty")]
    public void Parse_MalformedFunctionLine_IsAPositionedError(string line, string message)
    {
        var entry = ClaimsParser.Parse($"claim f\n  index k, j in 1..K\n  for K in 1..2\n  {line}\n  C = C\nend\n", "t.claims").Single();

        Assert.That(entry.Error, Is.Not.Null);
        Assert.That(entry.Error!.Message, Does.Contain(message));
        Assert.That(entry.Error.Line, Is.EqualTo(4));
    }

    [TestCase("  vector z in R^K\n  for K in 1..3\n  let a = sigmoid(z)\n  function C of a", "d/dz C = (d/da C) .* a .* (1 - a)", TestName = "BP1 in matrix notation")]
    [TestCase("  vector x in R^D\n  matrix W in R^(K x D)\n  for K in 1..2\n  for D in 1..2\n  let z = W*x\n  function C of z", "d/dx C = W'*(d/dz C)", TestName = "gradient by the input in matrix notation")]
    [TestCase("  vector x in R^D\n  matrix W in R^(K x D)\n  for K in 1..2\n  for D in 1..2\n  let z = W*x\n  function C of z", "d/dW C = (d/dz C)*x'", TestName = "BP4 in matrix notation")]
    [TestCase("  matrix V in R^(K x D)\n  for K in 1..2\n  for D in 1..2\n  let W = t*V\n  function C of W", "d/dt C = sum((d/dW C) .* V)", TestName = "a function of a matrix, by a scalar it depends on")]
    public void Check_MatrixNotation_FunctionOfAVectorOrMatrix_Proved(string body, string chain)
    {
        var result = CheckOne(body, chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.ToString());
    }

    [TestCase("d/dz C = d/da C")]
    [TestCase("d/dz C = (d/da C) .* a")]
    public void Check_MatrixNotation_WrongChainRule_Refuted(string chain)
    {
        var result = CheckOne("  vector z in R^K\n  for K in 1..3\n  let a = sigmoid(z)\n  function C of a", chain);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted), result.Error?.ToString());
    }

    [Test]
    public void Check_MatrixNotation_GradientNameTaken_IsAnError()
    {
        var result = CheckOne("  vector a in R^K\n  vector dCda in R^K\n  for K in 1..2\n  function C of a", "d/da C = dCda");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain("'dCda' is the name GradCheck gives the gradient of C by a"));
    }
}
