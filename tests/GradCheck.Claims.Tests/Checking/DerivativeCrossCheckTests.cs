using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Tests.Checking;

public class DerivativeCrossCheckTests
{
    [Test]
    public void Check_DerivativeChain_IsCrossCheckedByFiniteDifferences()
    {
        var result = ClaimChecker.CheckText(ContractExamples.SigmoidChain, "t.claims").Single();
        Assert.That(result.FiniteDifferenceChecks, Is.GreaterThanOrEqualTo(2), "d/dz sigmoid(z) and d/dz (1 + exp(-z))^(-1), at least one point each");
    }

    [Test]
    public void Check_EntriesTheDerivativeDrops_AreSampledInTheirAssumedRange()
    {
        // d/dyt_c keeps only yt_c, but finite differences evaluate the whole sum: every yt_i must come from
        // (3, 4), where ln(yt_i - 3) is real, at each of the 2 points of both instances (c = 1, 2).
        var result = ClaimChecker.CheckText(
            "claim c\n  index i, c in 1..2\n  let D = sum(i, ln(yt_i - 3))\n  assume yt in (3, 4)\n  d/dyt_c D = 1/(yt_c - 3)\nend\n", "t.claims").Single();
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(result.FiniteDifferenceChecks, Is.EqualTo(4));
    }

    [Test]
    public void Run_CorrectDerivative_Agrees()
    {
        var syntax = (DerivativeSyntax)ExpressionParser.Parse("d/dz tanh(3*z)");
        var symbolic = Binder.Bind(syntax, BindingScope.Empty);
        var agreed = DerivativeCrossCheck.Run(syntax, Binder.Bind(syntax.Body, BindingScope.Empty), symbolic, BindingScope.Empty, Assumptions.None, 1, new ExpressionText("d/dz tanh(3*z)", 1, 1));
        Assert.That(agreed, Is.EqualTo(2));
    }

    [Test]
    public void Run_WrongDerivative_IsReportedAsAnEngineFaultWithThePosition()
    {
        var syntax = (DerivativeSyntax)ExpressionParser.Parse("d/dz tanh(3*z)");
        var wrong = Binder.Bind(syntax, BindingScope.Empty) * Expr.Num(new Rational(1001, 1000));
        var error = Assert.Throws<ClaimsSyntaxException>(() =>
            DerivativeCrossCheck.Run(syntax, Binder.Bind(syntax.Body, BindingScope.Empty), wrong, BindingScope.Empty, Assumptions.None, 1, new ExpressionText("d/dz tanh(3*z)", 4, 7)));
        Assert.That((error!.Line, error.Column), Is.EqualTo((4, 7)));
        Assert.That(error.Reason, Does.Contain("disagrees with finite differences"));
    }
}
