using FsCheck;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Tests.Generators;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Printing;

public sealed class GeneralArbitraries
{
    public static Arbitrary<ExprAtPoint> OneExpression() => ExprGenerators.GeneralAtPoint();
}

public sealed class PrintParseRoundTripTests
{
    // Cheap per case, and a quotient d/dt (which must not print as the derivative operator) needs a few hundred.
    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 1500)]
    public bool Print_ThenParse_GivesEqualExpression(ExprAtPoint c)
    {
        var text = c.Expression.ToString();
        return Expr.Parse(text).Equals(c.Expression);
    }

    [TestCase]
    public void Print_SymbolNamedD_OverAnotherSymbol_IsDivisionNotDerivative()
    {
        var (d, dx, d2) = (Expr.Sym("d"), Expr.Sym("dx"), Expr.Sym("d2"));
        // (−1)^d/dt^2 was found by a 20× longer run of the round-trip property: a power ending in d read as d/dt.
        var powerEndingInD = Expr.Pow(-1, d) / Expr.Pow(Expr.Sym("dt"), 2);
        var sumTimesPower = (1 + Expr.Sym("x")) * Expr.Pow(Expr.Sym("y"), d) * 3 / dx;
        foreach (var e in new[] { d / dx, d2 / Expr.Pow(dx, 2), Expr.Sym("a") * d / dx, d / 2, powerEndingInD, sumTimesPower })
        {
            Assert.That(Expr.Parse(e.ToString()), Is.EqualTo(e), e.ToString());
        }

        Assert.That((d / dx).ToString(), Is.EqualTo("(d)/dx"));
    }

    [TestCase("sigmoid(z)*(1 - sigmoid(z))")]
    [TestCase("-x/(2*y_1)")]
    [TestCase("1/z^2 + sqrt(z)")]
    [TestCase("W_{2,3}*z_{12}")]
    [TestCase("(-2)^x + (2/3)^y")]
    [TestCase("x^(-1/3) + x^(3/2)")]
    [TestCase("exp(-z)/(1 + exp(-z))^2")]
    public void Print_OfParsedText_IsStable(string text)
    {
        var once = Expr.Parse(text);
        Assert.That(Expr.Parse(once.ToString()), Is.EqualTo(once), once.ToString());
    }
}
