using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Tests.Generators;
using GradCheck.Symbolic.Tests.Printing;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Evaluation;

public sealed class CompilerTests
{
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol Y = Expr.Sym("y");

    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 200)]
    public bool Compile_EqualsInterpreter_BitForBit(ExprAtPoint c)
    {
        var parameters = ExprGenerators.Symbols;
        var compiled = Compiler.Compile(c.Expression, parameters);
        var input = parameters.Select(s => c.Point[s]).ToArray();
        return compiled(input).Equals(Evaluator.Evaluate(c.Expression, c.Point));
    }

    [Property(Arbitrary = new[] { typeof(GeneralArbitraries) }, MaxTest = 100)]
    public bool CompileMany_Gradient_EqualsInterpreter_BitForBit(ExprAtPoint c)
    {
        var parameters = ExprGenerators.Symbols;
        var gradient = parameters.Select(s => c.Expression.Derivative(s)).ToList();
        var compiled = Compiler.CompileMany(gradient, parameters);
        var output = new double[gradient.Count];
        compiled(parameters.Select(s => c.Point[s]).ToArray(), output);
        return gradient.Select((g, i) => output[i].Equals(Evaluator.Evaluate(g, c.Point))).All(ok => ok);
    }

    [TestCase]
    public void Compile_Example_FromDocs()
    {
        var f = Compiler.Compile(X * Expr.Exp(Y), [X, Y]);
        Assert.That(f([2.0, 0.0]), Is.EqualTo(2.0));
        var grad = Compiler.CompileMany([Expr.Exp(Y), X * Expr.Exp(Y)], [X, Y]);
        var output = new double[2];
        grad([2.0, 0.0], output);
        Assert.That(output, Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [TestCase]
    public void Compile_SymbolWithoutParameter_ThrowsNamingIt()
    {
        Assert.That(
            () => Compiler.Compile(X + Y, [X]),
            Throws.TypeOf<SymbolicEvaluationException>().With.Message.Contains("'y'").And.Property(nameof(SymbolicEvaluationException.Symbol)).EqualTo(Y));
    }

    [TestCase]
    public void Compile_DuplicateParameter_Throws()
    {
        Assert.That(() => Compiler.Compile(X, [X, X]), Throws.ArgumentException.With.Message.Contains("twice"));
    }

    [TestCase]
    public void Compile_InputTooShort_ThrowsArgumentException()
    {
        var f = Compiler.Compile(X + Y, [X, Y]);
        Assert.That(() => f([1.0]), Throws.ArgumentException.With.Message.Contains("at least 2"));
    }

    [TestCase]
    public void CompileMany_OutputTooShort_ThrowsArgumentException()
    {
        var f = Compiler.CompileMany([X, Y], [X, Y]);
        Assert.That(() => f([1.0, 2.0], new double[1]), Throws.ArgumentException.With.Message.Contains("output"));
    }

    [TestCase(-800.0)]
    [TestCase(800.0)]
    [TestCase(0.25)]
    public void Compile_LogSigmoid_IsStableInBothTails(double z)
    {
        var f = Compiler.Compile(Expr.Ln(Expr.Sigmoid(X)) + Expr.Ln(1 - Expr.Sigmoid(X)), [X]);
        // ln σ(z) + ln(1 − σ(z)) = −softplus(−z) − softplus(z)
        var expected = -StableMath.Softplus(-z) - StableMath.Softplus(z);
        Assert.That(f([z]), Is.EqualTo(expected).Within(1e-12).Percent);
        Assert.That(double.IsFinite(f([z])), Is.True);
    }
}
