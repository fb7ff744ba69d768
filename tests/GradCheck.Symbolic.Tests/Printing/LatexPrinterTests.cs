using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Printing;

namespace GradCheck.Symbolic.Tests.Printing;

public sealed class LatexPrinterTests
{
    private static readonly Symbol X = Expr.Sym("x");

    [TestCase]
    public void Print_Functions()
    {
        Assert.That(LatexPrinter.Print(Expr.Ln(X)), Is.EqualTo("\\ln\\left(x\\right)"));
        Assert.That(LatexPrinter.Print(Expr.Tanh(X)), Is.EqualTo("\\tanh\\left(x\\right)"));
        Assert.That(LatexPrinter.Print(Expr.Abs(X)), Is.EqualTo("\\left|x\\right|"));
        Assert.That(LatexPrinter.Print(Expr.Sqrt(X)), Is.EqualTo("\\sqrt{x}"));
        Assert.That(LatexPrinter.Print(Expr.Relu(X)), Is.EqualTo("\\operatorname{relu}\\left(x\\right)"));
        Assert.That(LatexPrinter.Print(Expr.Exp(2 * X)), Is.EqualTo("e^{2 x}"));
    }

    [TestCase]
    public void Print_Names_SubscriptsGreekHats()
    {
        Assert.That(LatexPrinter.Print(Expr.Sym("z", 12)), Is.EqualTo("z_{12}"));
        Assert.That(LatexPrinter.Print(Expr.Sym("yhat", 1)), Is.EqualTo("\\hat{y}_{1}"));
        Assert.That(LatexPrinter.Print(Expr.Sym("lambda") * X), Is.EqualTo("\\lambda x"));
        Assert.That(LatexPrinter.Print(Expr.Sym("loss")), Is.EqualTo("\\mathrm{loss}"));
        Assert.That(LatexPrinter.KroneckerDelta("i", "j"), Is.EqualTo("\\delta_{ij}"));
    }

    [TestCase]
    public void Print_Fractions_AndSigns()
    {
        Assert.That(LatexPrinter.Print(Expr.Num(new Rational(-1, 3))), Is.EqualTo("-\\frac{1}{3}"));
        Assert.That(LatexPrinter.Print(X / 2), Is.EqualTo("\\frac{x}{2}"));
        Assert.That(LatexPrinter.Print(1 - (X / 2)), Is.EqualTo("1 - \\frac{x}{2}"));
        Assert.That(LatexPrinter.Print(Expr.Pow(X, -2)), Is.EqualTo("\\frac{1}{x^{2}}"));
        Assert.That(LatexPrinter.Print(2 * Expr.Pow(3, X)), Is.EqualTo("2 \\cdot 3^{x}"));
    }
}
