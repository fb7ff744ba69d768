using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Tests.Parsing;

public sealed class BinderTests
{
    private static readonly BindingScope Softmax3 = BindingScope.Empty
        .WithSize("K", 3)
        .WithIndexRange("i", 1, 3).WithIndexRange("j", 1, 3).WithIndexRange("k", 1, 3)
        .WithDefinition(new Definition("s", ["k"], ExpressionParser.Parse("exp(z_k) / sum(k, exp(z_k))")));

    private static Expr Bind(string text, BindingScope scope) => Binder.Bind(ExpressionParser.Parse(text), scope);

    private static Symbol Z(int k) => Expr.Sym("z", k);

    [Test]
    public void Bind_SumOverRange_Expands() =>
        Assert.That(Bind("sum(k, z_k^2)", Softmax3), Is.EqualTo(Expr.Pow(Z(1), 2) + Expr.Pow(Z(2), 2) + Expr.Pow(Z(3), 2)));

    [Test]
    public void Bind_ProductOverRange_Expands() =>
        Assert.That(Bind("prod(k, z_k)", Softmax3), Is.EqualTo(Z(1) * Z(2) * Z(3)));

    [Test]
    public void Bind_Delta_FoldsToOneOrZero()
    {
        var scope = Softmax3.WithIndexValue("i", 2).WithIndexValue("j", 2);
        Assert.That(Bind("delta(i, j)", scope), Is.EqualTo(Expr.One));
        Assert.That(Bind("delta(i, 3)", scope), Is.EqualTo(Expr.Zero));
        Assert.That(Bind("sum(k, delta(i, k) * z_k)", scope), Is.EqualTo(Z(2)));
    }

    [Test]
    public void Bind_IndexedDefinition_BindsTheBodyWithTheUseSiteIndex()
    {
        var s2 = Bind("s_j", Softmax3.WithIndexValue("j", 2));
        Assert.That(s2, Is.EqualTo(Expr.Exp(Z(2)) / (Expr.Exp(Z(1)) + Expr.Exp(Z(2)) + Expr.Exp(Z(3)))));
        Assert.That(Bind("s_3", Softmax3), Is.EqualTo(Expr.Exp(Z(3)) / (Expr.Exp(Z(1)) + Expr.Exp(Z(2)) + Expr.Exp(Z(3)))));
    }

    [Test]
    public void Bind_DefinitionsUseEarlierDefinitions()
    {
        var scope = Softmax3.WithDefinition(new Definition("L", [], ExpressionParser.Parse("-ln(s_1)")));
        Assert.That(Bind("L", scope), Is.EqualTo(-Expr.Ln(Bind("s_1", Softmax3))));
    }

    [Test]
    public void Bind_SizeName_IsItsValue() =>
        Assert.That(Bind("1 - K*s_i", Softmax3.WithIndexValue("i", 1)), Is.EqualTo(1 - (3 * Bind("s_1", Softmax3))));

    [Test]
    public void Bind_Derivative_DifferentiatesTheBoundBody()
    {
        Assert.That(Bind("d/dx x^3", BindingScope.Empty), Is.EqualTo(3 * Expr.Pow(Expr.Sym("x"), 2)));
        Assert.That(Bind("d2/dx2 x^3", BindingScope.Empty), Is.EqualTo(6 * Expr.Sym("x")));
        Assert.That(Bind("d2/dx dy x^2*y^2", BindingScope.Empty), Is.EqualTo(4 * Expr.Sym("x") * Expr.Sym("y")));
        Assert.That(Bind("d/dz_j z_1 * z_2", Softmax3.WithIndexValue("j", 2)), Is.EqualTo(Z(1)));
    }

    [Test]
    public void Bind_DivisionByLiteralZero_IsPositioned()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => Expr.Parse("x / (1 - 1)"))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 6)));
        Assert.That(error.Reason, Does.Contain("division by zero"));
    }

    [TestCase("d/ds x", 1, 4, "'s' is defined with 1 index (s_k) but used with 0")]
    [TestCase("d/dyhat_1 yhat", 1, 4, "'yhat' is defined with 0 indices (yhat) but used with 1")]
    [TestCase("d/dK K", 1, 4, "'K' is a size")]
    [TestCase("d/di z_i", 1, 4, "'i' is an index")]
    [TestCase("z_q", 1, 3, "index 'q' used without `index`")]
    [TestCase("sum(q, z_q)", 1, 1, "index 'q' used without `index`")]
    [TestCase("z_i", 1, 3, "index 'i' has no value here")]
    [TestCase("s_{1,2}", 1, 1, "'s' is defined with 1 index (s_k) but used with 2")]
    [TestCase("yhat_1", 1, 1, "'yhat' is defined with 0 indices (yhat) but used with 1")]
    [TestCase("K_1", 1, 1, "'K' is a size and takes no subscript")]
    [TestCase("bad", 1, 13, "index 'i' has no value in the definition of 'bad'")]
    public void Bind_BadUse_ThrowsWithPositionAndReason(string text, int line, int column, string reason)
    {
        var scope = Softmax3
            .WithDefinition(new Definition("yhat", [], ExpressionParser.Parse("sigmoid(w*x)")))
            .WithDefinition(new Definition("bad", [], ExpressionParser.Parse("exp(z_1 + z_i)")));
        var error = Assert.Throws<SymbolicSyntaxException>(() => Bind(text, scope))!;
        Assert.That(error.Reason, Does.Contain(reason));
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.Message);
    }

    [Test]
    public void Bind_ExponentialExpansion_IsRejectedNotHung()
    {
        var text = string.Concat(Enumerable.Repeat("sum(k, ", 20)) + "z_k" + new string(')', 20);
        Assert.That(() => Bind(text, Softmax3), Throws.TypeOf<SymbolicSyntaxException>().With.Message.Contains("too large"));
    }

    [Test]
    public void Bind_DerivativesNestedTooDeep_AreRejected()
    {
        var text = string.Concat(Enumerable.Repeat("d/dx ", Binder.MaxDerivativeOrder + 1)) + "sigmoid(x)";
        Assert.That(() => Expr.Parse(text), Throws.TypeOf<SymbolicSyntaxException>().With.Message.Contains("nested more than"));
    }

    [Test]
    public void FreeIndices_SeeSubscriptsDeltaAndDerivativeVariablesButNotSumIndices()
    {
        Assert.That(Binder.FreeIndices(ExpressionParser.Parse("d/dz_j s_i"), Softmax3), Is.EquivalentTo(new[] { "i", "j" }));
        Assert.That(Binder.FreeIndices(ExpressionParser.Parse("s_i * (delta(i, j) - s_j)"), Softmax3), Is.EquivalentTo(new[] { "i", "j" }));
        Assert.That(Binder.FreeIndices(ExpressionParser.Parse("sum(k, z_k * W_{k,a})"), Softmax3), Is.EquivalentTo(new[] { "a" }));
        Assert.That(Binder.FreeIndices(ExpressionParser.Parse("z_K + z_1 + x"), Softmax3), Is.Empty);
        Assert.That(Binder.FreeIndices(ExpressionParser.Parse("sum(k, s_k) + i"), Softmax3), Is.EquivalentTo(new[] { "i" }));
    }

    [Test]
    public void ExprParse_PlainExpression_MatchesTheConstructors() =>
        Assert.That(Expr.Parse("sigmoid(2*x) + 0.5"), Is.EqualTo(Expr.Sigmoid(2 * Expr.Sym("x")) + Expr.Num(new Rational(1, 2))));
}
