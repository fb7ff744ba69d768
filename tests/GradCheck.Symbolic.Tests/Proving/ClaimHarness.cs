using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Tests.Proving;

/// <summary>Writes claims the way users do: let-definitions and sides in the claims syntax, bound per instance.</summary>
internal static class ClaimHarness
{
    public static BindingScope Scope(int? k = null, IEnumerable<string>? indices = null, params (string Name, string Body)[] lets)
    {
        var scope = BindingScope.Empty;
        if (k is { } size)
        {
            scope = scope.WithSize("K", size);
            foreach (var index in indices ?? [])
            {
                scope = scope.WithIndexRange(index, 1, size);
            }
        }

        foreach (var (name, body) in lets)
        {
            var parts = name.Split('_', 2);
            var parameters = parts.Length == 1 ? [] : parts[1].Trim('{', '}').Split(',');
            scope = scope.WithDefinition(new Definition(parts[0], parameters, ExpressionParser.Parse(body)));
        }

        return scope;
    }

    public static (Expr Left, Expr Right) Bind(string left, string right, BindingScope scope) =>
        (Binder.Bind(ExpressionParser.Parse(left), scope), Binder.Bind(ExpressionParser.Parse(right), scope));

    public static ProofResult Prove(string left, string right, BindingScope scope, Assumptions? assumptions = null)
    {
        var (l, r) = Bind(left, right, scope);
        return Prover.Prove(l, r, assumptions ?? Assumptions.None);
    }

    /// <summary>Every assignment of 1..K to the named free indices.</summary>
    public static IEnumerable<BindingScope> Instances(BindingScope scope, int k, params string[] free)
    {
        IEnumerable<BindingScope> scopes = [scope];
        foreach (var index in free)
        {
            scopes = scopes.SelectMany(s => Enumerable.Range(1, k).Select(v => s.WithIndexValue(index, v)));
        }

        return scopes;
    }

    public static Assumptions Simplex(string name, int k) =>
        Assumptions.None.WithSimplex([.. Enumerable.Range(1, k).Select(i => Expr.Sym(name, i))]);

    /// <summary>A counterexample must be real: the plain double evaluation differs too, and it satisfies the assumptions.</summary>
    public static void AssertGenuine(ProofResult result, Expr left, Expr right)
    {
        Assert.That(result.Verdict, Is.EqualTo(ProofVerdict.Refuted), result.Method);
        var point = result.Counterexample!;
        Assert.That(point.Values.Keys, Is.SupersetOf(left.Symbols().Union(right.Symbols())));
        var l = Evaluator.Evaluate(left, point.Values);
        var r = Evaluator.Evaluate(right, point.Values);
        Assert.That(Math.Abs(l - r), Is.GreaterThan(1e-9 * (1 + Math.Abs(l) + Math.Abs(r))), $"left {l}, right {r}");
        Assert.That(point.Left, Is.EqualTo(l).Within(1e-7).Percent);
        Assert.That(point.Right, Is.EqualTo(r).Within(1e-7).Percent);
    }
}
