using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Parsing;

/// <summary>Derivatives with respect to a <c>let</c> name at fixed sizes (the binder): the definition is cut,
/// the derivative taken in its symbol, and the definition put back.</summary>
public sealed class LetDerivativeTests
{
    private static readonly Symbol W = Expr.Sym("w");
    private static readonly Symbol X = Expr.Sym("x");
    private static readonly Symbol B = Expr.Sym("b");
    private static readonly Symbol Y = Expr.Sym("y");

    /// <summary>z = w*x + b, a = σ(z), C = (a − y)².</summary>
    private static readonly BindingScope Neuron = BindingScope.Empty
        .WithDefinition(new Definition("z", [], ExpressionParser.Parse("w*x + b")))
        .WithDefinition(new Definition("a", [], ExpressionParser.Parse("sigmoid(z)")))
        .WithDefinition(new Definition("C", [], ExpressionParser.Parse("(a - y)^2")));

    private static Expr Bind(string text, BindingScope scope) => Binder.Bind(ExpressionParser.Parse(text), scope);

    private static void AssertIdentical(Expr actual, Expr expected) =>
        Assert.That(Prover.Prove(actual, expected, Assumptions.None).Verdict, Is.EqualTo(ProofVerdict.Proved), $"{actual} against {expected}");

    [Test]
    public void Bind_DerivativeWithRespectToAScalarLet_IsTheChainRulesDelta()
    {
        var z = W * X + B;
        AssertIdentical(Bind("d/dz C", Neuron), 2 * (Expr.Sigmoid(z) - Y) * Expr.Sigmoid(z) * (1 - Expr.Sigmoid(z)));
    }

    [Test]
    public void Bind_DerivativeWithRespectToALet_KeepsTheDefinitionsDownstreamAndCutsOnlyItsOwn()
    {
        // d/da C = 2(a − y): a is free, C (downstream) is kept, and a's own definition is put back afterwards.
        AssertIdentical(Bind("d/da C", Neuron), 2 * (Expr.Sigmoid(W * X + B) - Y));
    }

    [Test]
    public void Bind_LetTheBodyDoesNotDependOn_GivesZero() =>
        Assert.That(Bind("d/dC z", Neuron), Is.EqualTo(Expr.Zero));

    [Test]
    public void Bind_LetDefinedAsASymbol_IsNotThatSymbol()
    {
        // let u = x; let v = u*x: d/du v = x (u free), while d/dx v = 2x. Binding u would give the symbol x,
        // so the cut must be by definition, not by what the definition binds to.
        var scope = BindingScope.Empty
            .WithDefinition(new Definition("u", [], ExpressionParser.Parse("x")))
            .WithDefinition(new Definition("v", [], ExpressionParser.Parse("u*x")));
        Assert.That(Bind("d/du v", scope), Is.EqualTo((Expr)X));
        Assert.That(Bind("d/dx v", scope), Is.EqualTo(2 * X));
    }

    [Test]
    public void Bind_SymbolWithTheLetsNameWhereTheLetIsNotVisible_IsAnotherVariable()
    {
        // In `let p = 2*q` the q is a free symbol (the let q comes later); cutting the let q must not catch it.
        var scope = BindingScope.Empty
            .WithDefinition(new Definition("p", [], ExpressionParser.Parse("2*q")))
            .WithDefinition(new Definition("q", [], ExpressionParser.Parse("x^2")));
        Assert.That(Bind("d/dq (p + 3*q)", scope), Is.EqualTo(Expr.Num(3)));
    }

    [Test]
    public void Bind_SecondDerivativeInTheSameLetTwice_DifferentiatesTwiceBeforeSubstituting()
    {
        var s = Expr.Sigmoid(W * X + B);
        var sPrime = s * (1 - s);
        // d²C/dz² = 2σ'² + 2(σ − y)σ'' with σ'' = σ'(1 − 2σ).
        var expected = (2 * sPrime * sPrime) + (2 * (s - Y) * sPrime * (1 - (2 * s)));
        AssertIdentical(Bind("d2/dz dz C", Neuron), expected);
        AssertIdentical(Bind("d2/dz2 C", Neuron), expected);
        AssertIdentical(Bind("d/dz d/dz C", Neuron), expected);
    }

    [Test]
    public void Bind_MixedLetAndSymbol_HoldsTheLetAndTheSymbolIndependent()
    {
        // C as a function of (z, y): ∂²C/∂z∂y = −2σ'(z), evaluated at z = w*x + b.
        var s = Expr.Sigmoid(W * X + B);
        AssertIdentical(Bind("d2/dz dy C", Neuron), -2 * s * (1 - s));
        // With x in place of y: x enters C only through the cut z, so the partial derivative is 0 …
        Assert.That(Bind("d2/dz dx C", Neuron), Is.EqualTo(Expr.Zero));
        // … while the nested form differentiates the put-back δ = ∂C/∂z in x: a different, total derivative.
        Assert.That(Bind("d/dx (d/dz C)", Neuron), Is.Not.EqualTo(Expr.Zero));
    }

    [Test]
    public void Bind_NestedDerivativeInTheSameLet_StaysFreeForTheOuterOne()
    {
        // Inside d/dz, z is free; the inner d/dz must not put z's definition back before the outer one differentiates.
        var scope = BindingScope.Empty
            .WithDefinition(new Definition("z", [], ExpressionParser.Parse("x^3")))
            .WithDefinition(new Definition("C", [], ExpressionParser.Parse("z^2")));
        Assert.That(Bind("d/dz (d/dz C)", scope), Is.EqualTo(Expr.Num(2)));
    }

    [Test]
    public void Bind_IndexedLet_SubstitutesEveryEntryByItsIndices()
    {
        // z_k = W_{k,1}*x, C = sum(k, z_k^2): d/dz_2 C = 2 z_2 = 2 W_{2,1} x, and d/dz_i C at i = 3 likewise.
        var scope = BindingScope.Empty.WithSize("K", 3).WithIndexRange("k", 1, 3).WithIndexRange("i", 1, 3).WithIndexValue("i", 3)
            .WithDefinition(new Definition("z", ["k"], ExpressionParser.Parse("W_{k,1}*x")))
            .WithDefinition(new Definition("C", [], ExpressionParser.Parse("sum(k, z_k^2)")));
        Assert.That(Bind("d/dz_2 C", scope), Is.EqualTo(2 * Expr.Sym("W", 2, 1) * X));
        Assert.That(Bind("d/dz_i C", scope), Is.EqualTo(2 * Expr.Sym("W", 3, 1) * X));
        // The derivative keeps the other entries where they occur: d/dz_1 (z_1*z_2) = z_2.
        Assert.That(Bind("d/dz_1 (z_1*z_2)", scope), Is.EqualTo(Expr.Sym("W", 2, 1) * X));
    }
}
