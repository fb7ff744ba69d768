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
    public void Run_CorrectDerivative_Agrees()
    {
        var syntax = (DerivativeSyntax)ExpressionParser.Parse("d/dz tanh(3*z)");
        var symbolic = Binder.Bind(syntax, BindingScope.Empty);
        var agreed = DerivativeCrossCheck.Run(syntax, symbolic, BindingScope.Empty, Assumptions.None, 1, new ExpressionText("d/dz tanh(3*z)", 1, 1));
        Assert.That(agreed, Is.EqualTo(2));
    }

    [Test]
    public void Run_WrongDerivative_IsReportedAsAnEngineFaultWithThePosition()
    {
        var syntax = (DerivativeSyntax)ExpressionParser.Parse("d/dz tanh(3*z)");
        var wrong = Binder.Bind(syntax, BindingScope.Empty) * Expr.Num(new Rational(1001, 1000));
        var error = Assert.Throws<ClaimsSyntaxException>(() =>
            DerivativeCrossCheck.Run(syntax, wrong, BindingScope.Empty, Assumptions.None, 1, new ExpressionText("d/dz tanh(3*z)", 4, 7)));
        Assert.That((error!.Line, error.Column), Is.EqualTo((4, 7)));
        Assert.That(error.Reason, Does.Contain("disagrees with finite differences"));
    }
}
