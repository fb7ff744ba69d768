using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Printing;
using GradCheck.Symbolic.Simplification;

namespace GradCheck.Symbolic.Tests.Printing;

// Every printed output quoted in an XML-doc <example> of the public API, checked.
public sealed class DocExampleTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");
    private static readonly Symbol Z = Expr.Sym("z");

    [TestCase]
    public void Expressions_Examples()
    {
        Assert.That((X + 1 + X).ToString(), Is.EqualTo("1 + 2*x"));
        Assert.That((X * X / X).ToString(), Is.EqualTo("x"));
        Assert.That((2 * (X + 1)).ToString(), Is.EqualTo("2 + 2*x"));
        Assert.That(Expr.Sym("W", 2, 3).ToString(), Is.EqualTo("W_{2,3}"));
        Assert.That(Expr.Num(new Rational(6, 4)).ToString(), Is.EqualTo("3/2"));
        Assert.That(Expr.Num(new Rational(-1, 3)).ToString(), Is.EqualTo("-1/3"));
        Assert.That((Y - 1 + X).ToString(), Is.EqualTo("-1 + x + y"));
        Assert.That((X * 3 / Y).ToString(), Is.EqualTo("3*x/y"));
        Assert.That(Expr.Pow(X, new Rational(3, 2)).ToString(), Is.EqualTo("x^(3/2)"));
        Assert.That(Expr.Pow(X, new Rational(1, 2)).ToString(), Is.EqualTo("sqrt(x)"));
        Assert.That(Expr.Sigmoid(Z).ToString(), Is.EqualTo("sigmoid(z)"));
        Assert.That(Expr.Add([X, 1, X, -1]).ToString(), Is.EqualTo("2*x"));
        Assert.That(Expr.Multiply([X, 2, Expr.Pow(X, -1)]).ToString(), Is.EqualTo("2"));
        Assert.That(Expr.Pow(Expr.Pow(X, 2), 3).ToString(), Is.EqualTo("x^6"));
        Assert.That(Expr.Apply(FunctionKind.Relu, -3).ToString(), Is.EqualTo("0"));
        Assert.That((Y * Expr.Exp(X)).Symbols(), Is.EqualTo(new[] { X, Y }));
        Assert.That(((X * X) + Y).Substitute(new Dictionary<Symbol, Expr> { [X] = 3 }).ToString(), Is.EqualTo("9 + y"));
        Assert.That(Expr.Sigmoid(Z).Derivative(Z).ToString(), Is.EqualTo("sigmoid(z)*(1 - sigmoid(z))"));
    }

    [TestCase]
    public void Rational_Examples()
    {
        var third = new Rational(2, -6);
        Assert.That(third.ToString(), Is.EqualTo("-1/3"));
        Assert.That((third + Rational.One).ToString(), Is.EqualTo("2/3"));
        Assert.That(Rational.Parse("0.125").ToString(), Is.EqualTo("1/8"));
    }

    [TestCase]
    public void Kinks_Example()
    {
        var e = Expr.Relu(X - 1) + Expr.Abs(Y);
        Assert.That(Kinks.Find(e).Select(k => k.ToString()), Is.EqualTo(new[] { "y", "-1 + x" }));
    }

    [TestCase]
    public void Simplifier_Example()
    {
        Assert.That(Simplifier.Simplify(Expr.Ln(Expr.Exp(X)) + (Expr.Exp(X) * Expr.Exp(Y))).ToString(), Is.EqualTo("x + exp(x + y)"));
    }

    [TestCase]
    public void Evaluation_Examples()
    {
        Assert.That(Dual.Sigmoid(new Dual(0, 1)), Is.EqualTo(new Dual(0.5, 0.25)));
        Assert.That(StableMath.Sigmoid(-800), Is.Zero);
        Assert.That(Evaluator.Evaluate(Expr.Ln(Expr.Sigmoid(Z)), new Dictionary<Symbol, double> { [Z] = -800 }), Is.EqualTo(-800.0));
    }

    [TestCase]
    public void TextPrinter_Examples()
    {
        Assert.That(TextPrinter.Print(Expr.Sigmoid(Z) * (1 - Expr.Sigmoid(Z))), Is.EqualTo("sigmoid(z)*(1 - sigmoid(z))"));
        Assert.That(TextPrinter.Print(-X / (2 * Expr.Sym("y", 1))), Is.EqualTo("-x/(2*y_1)"));
        Assert.That(TextPrinter.Print(Expr.Pow(Z, -2) + Expr.Sqrt(Z)), Is.EqualTo("1/z^2 + sqrt(z)"));
    }

    [TestCase]
    public void LatexPrinter_Examples()
    {
        Assert.That(LatexPrinter.Print(Expr.Sigmoid(Z) * (1 - Expr.Sigmoid(Z))), Is.EqualTo("\\sigma\\left(z\\right) \\left(1 - \\sigma\\left(z\\right)\\right)"));
        Assert.That(LatexPrinter.Print(Expr.Exp(-Z) / Expr.Pow(1 + Expr.Exp(-Z), 2)), Is.EqualTo("\\frac{e^{-z}}{\\left(1 + e^{-z}\\right)^{2}}"));
        Assert.That(LatexPrinter.Print(Expr.Sym("W", 2, 3) / Expr.Sym("lambda")), Is.EqualTo("\\frac{W_{2,3}}{\\lambda}"));
        Assert.That(LatexPrinter.Name("yhat", ["k"]), Is.EqualTo("\\hat{y}_{k}"));
    }
}
