using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Differentiation;

public sealed class DifferentiatorTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");
    private static readonly Symbol Z = Expr.Sym("z");

    [TestCase]
    public void Differentiate_DocExamples()
    {
        Assert.That(Differentiator.Differentiate(Expr.Sigmoid(Z), Z).ToString(), Is.EqualTo("sigmoid(z)*(1 - sigmoid(z))"));
        Assert.That(Differentiator.Differentiate(Expr.Ln(Expr.Sigmoid(Z)), Z).ToString(), Is.EqualTo("1 - sigmoid(z)"));
        Assert.That(Differentiator.Differentiate(Expr.Pow(Z, 3), Z).ToString(), Is.EqualTo("3*z^2"));
    }

    [TestCase]
    public void Differentiate_EachFunction_ByItsRule()
    {
        Assert.That(Expr.Exp(2 * X).Derivative(X).ToString(), Is.EqualTo("2*exp(2*x)"));
        Assert.That(Expr.Ln(X).Derivative(X).ToString(), Is.EqualTo("1/x"));
        Assert.That(Expr.Sqrt(X).Derivative(X).ToString(), Is.EqualTo("1/(2*sqrt(x))"));
        Assert.That(Expr.Tanh(X).Derivative(X).ToString(), Is.EqualTo("1 - tanh(x)^2"));
        Assert.That(Expr.Relu(X).Derivative(X).ToString(), Is.EqualTo("step(x)"));
        Assert.That(Expr.Abs(X).Derivative(X).ToString(), Is.EqualTo("sign(x)"));
        Assert.That(Expr.Sign(X).Derivative(X), Is.EqualTo(Expr.Zero));
        Assert.That(Expr.Step(X).Derivative(X), Is.EqualTo(Expr.Zero));
        Assert.That(Expr.Softplus(X).Derivative(X).ToString(), Is.EqualTo("sigmoid(x)"));
    }

    [TestCase]
    public void Differentiate_PowerRules()
    {
        // (c^v)' = c^v ln c v'
        Assert.That(Expr.Pow(2, X).Derivative(X).ToString(), Is.EqualTo("2^x*ln(2)"));
        // (u^v)' = u^v (v' ln u + v u'/u)
        Assert.That(Expr.Pow(X, X).Derivative(X).ToString(), Is.EqualTo("x^x*(1 + ln(x))"));
    }

    [TestCase]
    public void Differentiate_IndexedSymbols_AreIndependent()
    {
        var (z1, z2) = (Expr.Sym("z", 1), Expr.Sym("z", 2));
        Assert.That((z1 * z2).Derivative(z1), Is.EqualTo((Expr)z2));
        Assert.That(Expr.Exp(z1).Derivative(z2), Is.EqualTo(Expr.Zero));
    }

    [TestCase]
    public void Derivative_SecondOrder_MixedPartials()
    {
        var e = Expr.Pow(X, 2) * Expr.Exp(X * Y);
        Assert.That(e.Derivative(X, Y), Is.EqualTo(e.Derivative(Y, X)));
        Assert.That(Expr.Pow(X, 3).Derivative(X, X).ToString(), Is.EqualTo("6*x"));
    }

    [TestCase]
    public void Derivative_SigmoidBinaryCrossEntropy_IsResidualTimesInput()
    {
        // ∂/∂w_1 of −(y ln σ(s) + (1 − y) ln(1 − σ(s))), s = w_1 x_1 + w_2 x_2, is −(y − σ(s)) x_1.
        var (w1, w2, x1, x2) = (Expr.Sym("w", 1), Expr.Sym("w", 2), Expr.Sym("x", 1), Expr.Sym("x", 2));
        var s = (w1 * x1) + (w2 * x2);
        var loss = -((Y * Expr.Ln(Expr.Sigmoid(s))) + ((1 - Y) * Expr.Ln(1 - Expr.Sigmoid(s))));
        var gradient = loss.Derivative(w1);
        var expected = -(Y - Expr.Sigmoid(s)) * x1;
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var point = new[] { w1, w2, x1, x2, Y }.ToDictionary(v => v, _ => (random.NextDouble() * 4) - 2);
            Assert.That(Evaluator.Evaluate(gradient, point), Is.EqualTo(Evaluator.Evaluate(expected, point)).Within(1e-12));
        }
    }

    [TestCase]
    public void Kinks_Find_ListsArgumentsOfNonSmoothFunctions()
    {
        var e = Expr.Relu(X - 1) + Expr.Abs(Y) + (Expr.Step(Y) * Expr.Sigmoid(Z));
        Assert.That(Kinks.Find(e).Select(k => k.ToString()), Is.EqualTo(new[] { "y", "-1 + x" }));
        Assert.That(Kinks.IsSmooth(Expr.Sigmoid(X)), Is.True);
        // The derivative keeps the kinks: relu' = step.
        Assert.That(Kinks.Find(Expr.Relu(X).Derivative(X)), Is.EqualTo(new[] { (Expr)X }));
    }
}
