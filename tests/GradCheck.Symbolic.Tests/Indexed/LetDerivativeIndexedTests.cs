using System.Diagnostics;
using GradCheck.Symbolic.Indexed;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Tests.Indexed;

/// <summary>Derivatives with respect to an intermediate <c>let</c> in the index calculus: backpropagation's
/// BP1–BP4 for a two-layer sigmoid network written in index notation, proved for every size.</summary>
public sealed class LetDerivativeIndexedTests
{
    private const string Bp2Right = "sum(k, W2_{k,h}*(d/dz2_k C))*a1_h*(1 - a1_h)";

    /// <summary>Sizes D, H, K ≥ 2; d over D, h over H, k over K; the network z1, a1, z2, a2 and the quadratic cost C.</summary>
    private static IndexedScope Network()
    {
        var scope = IndexedScope.Empty.WithSize("D", 2).WithSize("H", 2).WithSize("K", 2)
            .WithIndex("d", IndexRange.Symbolic("D")).WithIndex("h", IndexRange.Symbolic("H")).WithIndex("k", IndexRange.Symbolic("K"));
        foreach (var (name, parameters, body) in new (string, string[], string)[]
                 {
                     ("z1", ["h"], "sum(d, W1_{h,d}*x_d) + b1_h"),
                     ("a1", ["h"], "sigmoid(z1_h)"),
                     ("z2", ["k"], "sum(h, W2_{k,h}*a1_h) + b2_k"),
                     ("a2", ["k"], "sigmoid(z2_k)"),
                     ("C", [], "sum(k, (a2_k - y_k)^2)/2"),
                 })
        {
            scope = scope.WithDefinition(new Definition(name, parameters, ExpressionParser.Parse(body)));
        }

        return scope;
    }

    private static IndexedProofResult Prove(string left, string right, IndexedScope scope) =>
        IndexedProver.Prove(ExpressionParser.Parse(left), ExpressionParser.Parse(right), scope);

    [TestCase("d/dz2_k C", "(a2_k - y_k)*a2_k*(1 - a2_k)", TestName = "BP1")]
    [TestCase("d/dz1_h C", Bp2Right, TestName = "BP2")]
    [TestCase("d/db1_h C", "d/dz1_h C", TestName = "BP3")]
    [TestCase("d/dW1_{h,d} C", "(d/dz1_h C)*x_d", TestName = "BP4")]
    [TestCase("d/dW2_{k,h} C", "(d/dz2_k C)*a1_h", TestName = "BP4, second layer")]
    [TestCase("d/da1_h C", "sum(k, W2_{k,h}*(d/dz2_k C))", TestName = "delta through the activation")]
    public void Prove_BackpropagationEquation_ProvedForEverySize(string left, string right)
    {
        var result = Prove(left, right, Network());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
        Assert.That(result.Method, Does.Contain("D ≥ 2, H ≥ 2, K ≥ 2"));
    }

    [TestCase("d/dz2_k C", "(a2_k - y_k)*a2_k", TestName = "BP1 without sigma prime's second factor")]
    [TestCase("d/dz1_h C", "sum(k, W2_{k,h}*(d/dz2_k C))", TestName = "BP2 without a1_h*(1 - a1_h)")]
    [TestCase("d/dz1_h C", "sum(k, W2_{h,k}*(d/dz2_k C))*a1_h*(1 - a1_h)", TestName = "BP2 with W2 not transposed")]
    [TestCase("d/dW1_{h,d} C", "(d/dz1_h C)*x_h", TestName = "BP4 with the wrong input index")]
    [TestCase("d/dz1_h C", "(d/dz2_h C)*a1_h*(1 - a1_h)", TestName = "BP2 without the sum over the next layer")]
    public void Prove_WrongBackpropagationEquation_NotProved(string left, string right)
    {
        var result = Prove(left, right, Network());

        Assert.That(result.ProvedForEverySize, Is.False, result.Method);
    }

    [Test]
    public void Prove_LetTheCostDoesNotDependOn_GivesZero()
    {
        // z2 is upstream of C: with C's definition cut, z2_k does not contain it.
        var result = Prove("d/dC z2_k", "0", Network());

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [Test]
    public void Prove_SecondDerivativeInAnIndexedLet_ProvedForEverySize()
    {
        // ∂²C/∂z2_k∂z2_m with z2 free: the Hessian is diagonal, its entry (σ'² + (σ − y)σ'') at k.
        var scope = Network().WithIndex("m", IndexRange.Symbolic("K"));
        var result = Prove("d2/dz2_k dz2_m C",
            "delta(k, m)*(a2_k^2*(1 - a2_k)^2 + (a2_k - y_k)*a2_k*(1 - a2_k)*(1 - 2*a2_k))", scope);

        Assert.That(result.ProvedForEverySize, Is.True, result.Method);
    }

    [Test]
    public void Prove_BackpropagationEquations_EachWellUnderATenthOfASecond()
    {
        string[][] equations =
        [
            ["d/dz2_k C", "(a2_k - y_k)*a2_k*(1 - a2_k)"],
            ["d/dz1_h C", Bp2Right],
            ["d/db1_h C", "d/dz1_h C"],
            ["d/dW1_{h,d} C", "(d/dz1_h C)*x_d"],
        ];
        var scope = Network();
        foreach (var e in equations)
        {
            Prove(e[0], e[1], scope); // warm-up (JIT)
        }

        foreach (var e in equations)
        {
            var clock = Stopwatch.StartNew();
            var result = Prove(e[0], e[1], scope);
            clock.Stop();
            TestContext.Out.WriteLine($"{e[0]} = {e[1]}: {clock.Elapsed.TotalMilliseconds:0.0} ms");
            Assert.That(result.ProvedForEverySize, Is.True, result.Method);
            // Generous against a loaded machine; measured: 10 to 40 ms each on a shared 2-core machine.
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)));
        }
    }
}
