using BenchmarkDotNet.Attributes;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Benchmarks.Symbolic;

/// <summary>
/// The prover on the claims users write: every entry of the K = 5 softmax Jacobian and of the K = 4
/// cross-entropy Hessian, from the definition (bind the let-definitions, differentiate, prove).
/// SymPy needs about 1.5 s for the K = 4 Hessian on this machine.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ProverBenchmarks
{
    private static readonly SyntaxNode SoftmaxBody = ExpressionParser.Parse("exp(z_k) / sum(k, exp(z_k))");
    private static readonly SyntaxNode JacobianLeft = ExpressionParser.Parse("d/dz_j s_i");
    private static readonly SyntaxNode JacobianRight = ExpressionParser.Parse("s_i * (delta(i, j) - s_j)");
    private static readonly SyntaxNode HessianLeft = ExpressionParser.Parse("d2/dz_i dz_j L");

    private (Expr Left, Expr Right)[] _jacobianK5 = [];

    [GlobalSetup]
    public void Setup() => _jacobianK5 = [.. Instances(5).Select(s => (Binder.Bind(JacobianLeft, s), Binder.Bind(JacobianRight, s)))];

    /// <summary>25 entries ∂s_i/∂z_j = s_i(δ_ij − s_j), K = 5: bind, differentiate and prove each.</summary>
    [Benchmark(Baseline = true)]
    public int SoftmaxJacobianK5_FromDefinition() => ProveAll(Instances(5), JacobianLeft, JacobianRight);

    /// <summary>The same 25 proofs on already-bound expressions (the prover alone).</summary>
    [Benchmark]
    public int SoftmaxJacobianK5_ProveOnly()
    {
        var proved = 0;
        foreach (var (left, right) in _jacobianK5)
        {
            proved += Prover.Prove(left, right, Assumptions.None).Verdict == ProofVerdict.Proved ? 1 : 0;
        }

        return proved;
    }

    /// <summary>16 entries ∂²(−ln s_1)/∂z_i∂z_j = s_i(δ_ij − s_j), K = 4, from the definition.</summary>
    [Benchmark]
    public int CrossEntropyHessianK4_FromDefinition()
    {
        var scope = Scope(4).WithDefinition(new Definition("L", [], ExpressionParser.Parse("-ln(s_1)")));
        return ProveAll(Instances(4, scope), HessianLeft, JacobianRight);
    }

    private static int ProveAll(IEnumerable<BindingScope> instances, SyntaxNode left, SyntaxNode right)
    {
        var proved = 0;
        foreach (var scope in instances)
        {
            var result = Prover.Prove(Binder.Bind(left, scope), Binder.Bind(right, scope), Assumptions.None);
            proved += result.Verdict == ProofVerdict.Proved ? 1 : throw new InvalidOperationException(result.Method);
        }

        return proved;
    }

    private static BindingScope Scope(int k) => BindingScope.Empty.WithSize("K", k)
        .WithIndexRange("i", 1, k).WithIndexRange("j", 1, k).WithIndexRange("k", 1, k)
        .WithDefinition(new Definition("s", ["k"], SoftmaxBody));

    private static IEnumerable<BindingScope> Instances(int k, BindingScope? scope = null)
    {
        scope ??= Scope(k);
        for (var i = 1; i <= k; i++)
        {
            for (var j = 1; j <= k; j++)
            {
                yield return scope.WithIndexValue("i", i).WithIndexValue("j", j);
            }
        }
    }
}
