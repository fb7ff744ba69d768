using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Simplification;
using GradCheck.Symbolic.Tests.Generators;
using GradCheck.Symbolic.Tests.Printing;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Simplification;

public sealed class SimplifierTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");

    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 300)]
    public bool Simplify_PreservesValue_WhereDefined(ExprAtPoint c)
    {
        // "Where defined": every subexpression finite (sign(σ(ln 0)) is not defined, though it evaluates to 0).
        if (!ExprNumerics.DefinedAt(c.Expression, c.Point))
        {
            return true;
        }

        var before = Evaluator.Evaluate(c.Expression, c.Point);
        var simplified = Simplifier.Simplify(c.Expression);
        var after = Evaluator.Evaluate(simplified, c.Point);
        return ExprNumerics.Close(before, after, ExprNumerics.Scale(c.Point, c.Expression, simplified), 1e-8);
    }

    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 300)]
    public bool Simplify_IsIdempotent(ExprAtPoint c)
    {
        var once = Simplifier.Simplify(c.Expression);
        return Simplifier.Simplify(once).Equals(once);
    }

    [TestCase]
    public void Simplify_LogOfExp_AndMergedExponentials()
    {
        var e = Expr.Ln(Expr.Exp(X)) + (Expr.Exp(X) * Expr.Exp(Y));
        Assert.That(Simplifier.Simplify(e).ToString(), Is.EqualTo("x + exp(x + y)"));
    }

    [TestCase]
    public void Simplify_ExpOfLog_IsArgument()
    {
        Assert.That(Simplifier.Simplify(Expr.Exp(Expr.Ln(X * Y))), Is.EqualTo(X * Y));
    }

    [TestCase]
    public void Simplify_PositiveArguments_DropAbsAndSign()
    {
        var e = Expr.Abs(Expr.Sigmoid(X)) + Expr.Sign(Expr.Exp(Y)) + Expr.Relu(Expr.Relu(X));
        Assert.That(Simplifier.Simplify(e).ToString(), Is.EqualTo("1 + sigmoid(x) + relu(x)"));
    }

    [TestCase]
    public void Simplify_ExponentialsCancel()
    {
        // exp(x)·exp(−x) = exp(0) = 1
        Assert.That(Simplifier.Simplify(Expr.Exp(X) * Expr.Exp(-X)), Is.EqualTo(Expr.One));
    }
}
