using System.Numerics;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Z = Expr.Sym("z");

    private static Dictionary<Symbol, double> At(Symbol s, double v) => new() { [s] = v };

    [TestCase]
    public void Evaluate_MissingSymbol_ThrowsNamingIt()
    {
        var e = X + Expr.Sym("z", 1);
        Assert.That(
            () => Evaluator.Evaluate(e, At(X, 1)),
            Throws.TypeOf<SymbolicEvaluationException>().With.Message.EqualTo("symbol 'z_1' has no value"));
    }

    [TestCase]
    public void Evaluate_LogSigmoid_FarTail_IsFinite()
    {
        Assert.That(Evaluator.Evaluate(Expr.Ln(Expr.Sigmoid(Z)), At(Z, -800)), Is.EqualTo(-800.0));
        Assert.That(Evaluator.Evaluate(Expr.Ln(1 - Expr.Sigmoid(Z)), At(Z, 800)), Is.EqualTo(-800.0));
    }

    [TestCase]
    public void Evaluate_OneMinusSigmoid_KeepsRelativeAccuracy()
    {
        // 1 − σ(40) = σ(−40) ≈ 4.248e−18; computed naively it would be 0.
        var value = Evaluator.Evaluate(1 - Expr.Sigmoid(Z), At(Z, 40));
        Assert.That(value, Is.EqualTo(4.248354255291589e-18).Within(1e-12).Percent);
    }

    [TestCase]
    public void Evaluate_DomainErrors_AreNaNOrInfinity_NotExceptions()
    {
        Assert.That(Evaluator.Evaluate(Expr.Ln(X), At(X, -1)), Is.NaN);
        Assert.That(Evaluator.Evaluate(1 / X, At(X, 0)), Is.EqualTo(double.PositiveInfinity));
        Assert.That(Evaluator.Evaluate(Expr.Sqrt(X), At(X, -4)), Is.NaN);
        Assert.That(Evaluator.Evaluate(Expr.Pow(X, 3), At(X, -2)), Is.EqualTo(-8.0));
    }

    [TestCase]
    public void Evaluate_KinkConventions()
    {
        Assert.That(Evaluator.Evaluate(Expr.Relu(X), At(X, 0)), Is.EqualTo(0.0));
        Assert.That(Evaluator.Evaluate(Expr.Step(X), At(X, 0)), Is.EqualTo(0.0));
        Assert.That(Evaluator.Evaluate(Expr.Sign(X), At(X, 0)), Is.EqualTo(0.0));
        Assert.That(Evaluator.Evaluate(Expr.Relu(X), At(X, double.NaN)), Is.NaN);
    }

    [TestCase]
    public void EvaluateComplex_ComplexStep_GivesDerivativeToRounding()
    {
        var e = Expr.Pow(X, 3) * Expr.Tanh(X);
        var values = new Dictionary<Symbol, Complex> { [X] = new Complex(-1.5, 1e-20) };
        var derivative = Evaluator.EvaluateComplex(e, values).Imaginary / 1e-20;
        var expected = Evaluator.Evaluate(e.Derivative(X), At(X, -1.5));
        Assert.That(derivative, Is.EqualTo(expected).Within(1e-13).Percent);
    }

    [TestCase]
    public void EvaluateDual_SeededVariable_GivesValueAndDerivative()
    {
        var d = Evaluator.EvaluateDual(Expr.Sigmoid(Z), new Dictionary<Symbol, Dual> { [Z] = Dual.Variable(0) });
        Assert.That(d, Is.EqualTo(new Dual(0.5, 0.25)));
    }

    [TestCase]
    public void ComplexStepDerivative_NonPositiveStep_Throws()
    {
        Assert.That(() => Evaluator.ComplexStepDerivative(X, At(X, 1), X, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(1e-20)]
    [TestCase(-30.0)]
    [TestCase(30.0)]
    [TestCase(0.0)]
    public void StableMath_Softplus_MatchesDefinitionWhereThatIsAccurate(double x)
    {
        // Two terms of the series ln(1 + t) = t − t²/2 in the tails, where ln(1 + e^x) itself would round.
        var expected = x > 20 ? x + Math.Exp(-x) : x < -20 ? Math.Exp(x) - (Math.Exp(2 * x) / 2) : Math.Log(1 + Math.Exp(x));
        Assert.That(StableMath.Softplus(x), Is.EqualTo(expected).Within(1e-12).Percent);
    }

    [TestCase]
    public void StableMath_Log1p_TinyArgument_IsExact()
    {
        Assert.That(StableMath.Log1p(1e-18), Is.EqualTo(1e-18));
        Assert.That(StableMath.Log1p(1e-10), Is.EqualTo(9.9999999995e-11).Within(1e-12).Percent);
    }

    [TestCase(2.0, 10, 1024.0)]
    [TestCase(-2.0, 3, -8.0)]
    [TestCase(2.0, -2, 0.25)]
    [TestCase(5.0, 0, 1.0)]
    public void StableMath_IntPow_Exact(double x, int n, double expected)
    {
        Assert.That(StableMath.IntPow(x, n), Is.EqualTo(expected));
    }
}
