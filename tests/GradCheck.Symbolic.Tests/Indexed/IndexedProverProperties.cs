using FsCheck;
using FsCheck.Fluent;
using GradCheck.Symbolic.Indexed;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace GradCheck.Symbolic.Tests.Indexed;

/// <summary>
/// The index calculus on random indexed expressions (free i, j; sums over k and m; deltas; derivatives
/// d/dz_v; exp and sigmoid) against rewrites that keep their value for every K (so must be proved), that
/// change it (so must not be), and against unrelated expressions, where a proof for every K is checked
/// against the per-K prover for K = 2 and 3 and every value of i and j: it must never be refuted there.
/// </summary>
public sealed class IndexedProverProperties
{
    private static readonly ProverOptions Fast = ProverOptions.Default with { SamplePoints = 24, EvidencePointsWhenProved = 2, DomainPoints = 24 };

    private static readonly string[] Free = ["i", "j"];

    [Property(MaxTest = 100)]
    public Property Prove_ValuePreservingRewrite_IsProvedForEveryK()
    {
        return Prop.ForAll(Tree().ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (tree, kind) =>
        {
            var text = tree.Print(Same);
            var rewritten = kind switch
            {
                // Alpha-renaming of the bound indices k and m.
                0 => tree.Print(name => name switch { "k" => "m", "m" => "k", _ => name }),
                // delta(i, j) is 1 exactly where z_i and z_j are the same symbol.
                1 => "(" + text + ") + delta(i, j)*(z_i - z_j)",
                // Delta contraction.
                _ => "(" + text + ") + sum(k, delta(k, j)*x_k) - x_j",
            };
            var result = Prove(text, rewritten);
            return result.ProvedForEverySize.Label($"{text}  vs  {rewritten}: {result.Method}");
        });
    }

    [Property(MaxTest = 100)]
    public Property Prove_ValueChangingRewrite_IsNeverProved()
    {
        return Prop.ForAll(Tree().ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (tree, kind) =>
        {
            var text = tree.Print(Same);
            var changed = kind switch
            {
                // Differs by x_i where i = j.
                0 => "(" + text + ") + delta(i, j)*x_i",
                // Differs by the sum of the other entries.
                1 => "(" + text + ") + sum(k, x_k) - x_j",
                // Differs by K - 1 (0 only for K = 1, below the smallest size 2).
                _ => "(" + text + ") + sum(k, 1) - 1",
            };
            var result = Prove(text, changed);
            return (!result.ProvedForEverySize).Label($"{text}  vs  {changed}: {result.Method}");
        });
    }

    /// <summary>
    /// A tree against a copy with one index of one leaf changed to i or j: sometimes the same value
    /// (the index was i already, or the change is inside a factor that is 0), mostly not. A proof for
    /// every K must never be refuted by the per-K prover for a concrete K and concrete i and j.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Prove_ProvedForEveryK_IsNeverRefutedForAConcreteK()
    {
        var pairs =
            from tree in Tree()
            from leaf in Gen.Choose(0, tree.Leaves - 1)
            from index in Gen.Elements(Free)
            select (Left: tree, Right: tree.Replace(leaf, index));
        return Prop.ForAll(pairs.ToArbitrary(), pair =>
        {
            var (left, right) = (pair.Left.Print(Same), pair.Right.Print(Same));
            var result = Prove(left, right);
            var refuted = result.ProvedForEverySize ? PerK(left, right).FirstOrDefault(r => r.Verdict == ProofVerdict.Refuted) : null;
            return (refuted is null).Label($"{left}  vs  {right}: proved for every K but refuted per K: {refuted?.Method}")
                .Classify(result.ProvedForEverySize, "proved for every K")
                .Classify(left != right, "different text");
        });
    }

    /// <summary>
    /// The calculus also proves pairs that are equal but not by a rewrite above, often enough that the
    /// soundness property is not vacuous: a random expression against itself plus a random multiple of
    /// a delta identity with random indices.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Prove_TreePlusAnIndexIdentity_IsProvedAndAgreesPerK()
    {
        return Prop.ForAll(Tree().ToArbitrary(), Tree().ToArbitrary(), Gen.Elements("i", "j").ToArbitrary(), (tree, factor, index) =>
        {
            var text = tree.Print(Same);
            var other = index == "i" ? "j" : "i";
            var rewritten = $"({text}) + ({factor.Print(Same)})*(sum(k, delta(k, {index})*exp(z_k)) - exp(z_{index}))*delta({index}, {other})";
            var result = Prove(text, rewritten);
            var refuted = result.ProvedForEverySize ? PerK(text, rewritten).FirstOrDefault(r => r.Verdict == ProofVerdict.Refuted) : null;
            return (result.ProvedForEverySize && refuted is null).Label($"{text}  vs  {rewritten}: {result.Method} {refuted?.Method}");
        });
    }

    private static string Same(string name) => name;

    private static IndexedProofResult Prove(string left, string right)
    {
        var scope = IndexedProverTests.Scope();
        return IndexedProver.Prove(ExpressionParser.Parse(left), ExpressionParser.Parse(right), scope, Fast);
    }

    private static IEnumerable<ProofResult> PerK(string left, string right)
    {
        foreach (var k in new[] { 2, 3 })
        {
            var scope = new[] { "i", "j", "k", "m" }.Aggregate(BindingScope.Empty.WithSize("K", k), (s, index) => s.WithIndexRange(index, 1, k));
            for (var i = 1; i <= k; i++)
            {
                for (var j = 1; j <= k; j++)
                {
                    var instance = scope.WithIndexValue("i", i).WithIndexValue("j", j);
                    yield return Prover.Prove(
                        Binder.Bind(ExpressionParser.Parse(left), instance), Binder.Bind(ExpressionParser.Parse(right), instance), Assumptions.None, Fast);
                }
            }
        }
    }

    private static Gen<IndexedTree> Tree() => Gen.Sized(size => Node(Math.Min(size, 12), []));

    private static Gen<IndexedTree> Node(int size, string[] bound)
    {
        string[] indices = [.. Free, .. bound];
        var leaf = Gen.Frequency(
            (3, Gen.Elements("z_{0}", "x_{0}", "exp(z_{0})", "sigmoid(x_{0})")
                .SelectMany(_ => Gen.Elements(indices), (format, index) => (IndexedTree)new IndexedLeaf(format, [index]))),
            (2, Gen.Elements(indices).Two().Select(p => (IndexedTree)new IndexedLeaf("delta({0}, {1})", [p.Item1, p.Item2]))),
            (1, Gen.Elements("c", "2", "K").Select(c => (IndexedTree)new IndexedLeaf(c, []))));
        if (size <= 1)
        {
            return leaf;
        }

        var child = Node(size / 2, bound);
        var options = new List<(int, Gen<IndexedTree>)>
        {
            (2, leaf),
            (2, child.Two().Select(t => (IndexedTree)new IndexedBinary('+', t.Item1, t.Item2))),
            (1, child.Two().Select(t => (IndexedTree)new IndexedBinary('-', t.Item1, t.Item2))),
            (2, child.Two().Select(t => (IndexedTree)new IndexedBinary('*', t.Item1, t.Item2))),
            (1, Gen.Elements(indices).SelectMany(_ => child, (index, body) => (IndexedTree)new IndexedDerivative(index, body))),
        };
        var unbound = new[] { "k", "m" }.Except(bound).ToArray();
        if (unbound.Length > 0)
        {
            var index = unbound[0];
            options.Add((2, Node(size / 2, [.. bound, index]).Select(body => (IndexedTree)new IndexedSum(index, body))));
        }

        return Gen.Frequency(options);
    }

    /// <summary>A random indexed expression, printed with a renaming of its index names.</summary>
    public abstract record IndexedTree
    {
        /// <summary>The expression in the claims syntax, with every index name passed through <paramref name="name"/>.</summary>
        public abstract string Print(Func<string, string> name);

        /// <summary>How many leaves the tree has.</summary>
        public abstract int Leaves { get; }

        /// <summary>The tree with every index of leaf number <paramref name="leaf"/> (in print order) replaced by <paramref name="index"/>.</summary>
        public abstract IndexedTree Replace(int leaf, string index);

        /// <inheritdoc/>
        public sealed override string ToString() => Print(Same);
    }

    private sealed record IndexedLeaf(string Format, string[] Indices) : IndexedTree
    {
        public override string Print(Func<string, string> name) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, [.. Indices.Select(name)]);

        public override int Leaves => 1;

        public override IndexedTree Replace(int leaf, string index) => leaf == 0 ? this with { Indices = [.. Indices.Select(_ => index)] } : this;
    }

    private sealed record IndexedBinary(char Operator, IndexedTree Left, IndexedTree Right) : IndexedTree
    {
        public override string Print(Func<string, string> name) => "(" + Left.Print(name) + " " + Operator + " " + Right.Print(name) + ")";

        public override int Leaves => Left.Leaves + Right.Leaves;

        public override IndexedTree Replace(int leaf, string index) =>
            leaf < Left.Leaves ? this with { Left = Left.Replace(leaf, index) } : this with { Right = Right.Replace(leaf - Left.Leaves, index) };
    }

    private sealed record IndexedSum(string Index, IndexedTree Body) : IndexedTree
    {
        public override string Print(Func<string, string> name) => "sum(" + name(Index) + ", " + Body.Print(name) + ")";

        public override int Leaves => Body.Leaves;

        public override IndexedTree Replace(int leaf, string index) => this with { Body = Body.Replace(leaf, index) };
    }

    private sealed record IndexedDerivative(string Index, IndexedTree Body) : IndexedTree
    {
        public override string Print(Func<string, string> name) => "(d/dz_" + name(Index) + " " + Body.Print(name) + ")";

        public override int Leaves => Body.Leaves;

        public override IndexedTree Replace(int leaf, string index) => this with { Body = Body.Replace(leaf, index) };
    }
}
