using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Indexed;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Tests.Indexed;

/// <summary>
/// The index calculus's lowering against the <see cref="Binder"/> on the same claim context (K symbolic
/// for the calculus, K = 3 for the binder; f has the fixed range 1..3 in both): they share one walker, so
/// bad text gets the binder's error at the binder's position, and the binder's guards apply to the calculus.
/// </summary>
public sealed class IndexedLoweringTests
{
    private static readonly string[] SymbolicIndices = ["i", "j", "k"];

    private static readonly Definition[] Lets =
    [
        new("s", ["k"], ExpressionParser.Parse("exp(z_k)/sum(k, exp(z_k))")),
        new("yhat", [], ExpressionParser.Parse("sigmoid(w*x)")),
        new("bad", [], ExpressionParser.Parse("exp(z_1 + z_i)")),
    ];

    private static IndexedScope CalculusScope()
    {
        var scope = IndexedScope.Empty.WithSize("K", 2).WithIndex("f", IndexRange.Fixed(1, 3));
        scope = SymbolicIndices.Aggregate(scope, (s, index) => s.WithIndex(index, IndexRange.Symbolic("K")));
        return Lets.Aggregate(scope, (s, let) => s.WithDefinition(let));
    }

    private static BindingScope BinderScope()
    {
        var scope = BindingScope.Empty.WithSize("K", 3).WithIndexRange("f", 1, 3);
        scope = SymbolicIndices.Aggregate(scope, (s, index) => s.WithIndexRange(index, 1, 3));
        return Lets.Aggregate(scope, (s, let) => s.WithDefinition(let));
    }

    private static SymbolicSyntaxException CalculusError(string text) =>
        Assert.Throws<SymbolicSyntaxException>(() => IndexedProver.Prove(ExpressionParser.Parse(text), ExpressionParser.Parse("0"), CalculusScope()))!;

    private static SymbolicSyntaxException BinderError(string text) =>
        Assert.Throws<SymbolicSyntaxException>(() => Binder.Bind(ExpressionParser.Parse(text), BinderScope()))!;

    /// <summary>Nested sums over the fixed range 1..3, 13 deep: 3^13 bodies, well past <see cref="Binder.MaxBindSteps"/> nodes.</summary>
    private static string OversizedExpansion() => string.Concat(Enumerable.Repeat("sum(f, ", 13)) + "z_f" + new string(')', 13);

    [TestCase("x / (1 - 1)")]
    [TestCase("2 * x / 0")]
    [TestCase("s_{1,2}")]
    [TestCase("yhat_1")]
    [TestCase("z_q")]
    [TestCase("sum(q, z_q)")]
    [TestCase("d/dyhat_1 yhat")]
    [TestCase("d/ds yhat")]
    [TestCase("d/dK K")]
    [TestCase("d/di z_1")]
    [TestCase("K_1")]
    [TestCase("bad")]
    [TestCase("d/dx d/dx d/dx d/dx d/dx d/dx d/dx d/dx d/dx sigmoid(x)")]
    public void Lower_BadText_SameErrorAndPositionAsTheBinder(string text)
    {
        var binder = BinderError(text);

        var calculus = CalculusError(text);

        Assert.That((calculus.Reason, calculus.Line, calculus.Column), Is.EqualTo((binder.Reason, binder.Line, binder.Column)));
    }

    [Test]
    public void Lower_OversizedFixedExpansion_IsRejectedWithPositionNotExpanded()
    {
        var text = OversizedExpansion();

        var calculus = CalculusError(text);

        Assert.That(calculus.Reason, Is.EqualTo("the expansion of sums and definitions is too large (more than 500000 nodes)"));
        Assert.That((calculus.Line, calculus.Column), Is.EqualTo((BinderError(text).Line, BinderError(text).Column)));
    }

    [Test]
    public void Lower_LiteralDivisionByZero_IsPositionedAtTheDivisor()
    {
        var error = CalculusError("sum(k, z_k) / (K - K)");

        Assert.That(error.Reason, Is.EqualTo("division by zero"));
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 16)));
    }

    [TestCase("sum(f, z_f^2) / prod(f, z_f)")]
    [TestCase("d/dz_2 (z_2^3 - sum(f, delta(f, 2)*z_f))")]
    [TestCase("yhat + 1/2 - x*(3 - w)")]
    public void Lower_TextWithoutSymbolicSizes_SameExpressionAsTheBinder(string text)
    {
        // With no symbolic sum, size or free index in the text, the calculus's reading is the binder's at any K.
        var scope = CalculusScope();
        var lowering = new IndexedLowering(new IndexAlgebra(scope.Sizes, [], CancellationToken.None), scope, new Dictionary<string, int>());

        var lowered = lowering.Lower(ExpressionParser.Parse(text));

        Assert.That(lowered, Is.EqualTo(Binder.Bind(ExpressionParser.Parse(text), BinderScope())));
    }
}
