using System.Collections.Immutable;
using System.Numerics;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Corrections;

internal sealed partial class CorrectionSearch
{
    /// <summary>The largest term (in nodes) taken from the claim's text as a possibly dropped term.</summary>
    private const int MaxNeighbourTermSize = 9;

    /// <summary>
    /// A term dropped anywhere in the side, written from what the claim itself writes: <c>node ± t</c> at every
    /// node, with t a name of the claim (an indexed one with the indices visible there: <c>s_i*delta(i, j)</c> gets
    /// <c>s_i*(delta(i, j) - s_j)</c>, <c>z2_k</c> inside <c>sum(k, …)</c> gets <c>z2_k - y_k</c>) or a small
    /// subexpression of the chain or of a definition (<c>1</c> gets <c>1 - sigmoid(z1_m)</c>), or the number 1
    /// (<c>exp(-h)</c> gets <c>exp(-h) + 1</c>).
    /// </summary>
    /// <remarks>
    /// Unlike <see cref="MissingTerms"/>, which solves for the term and so needs a constant coefficient outside any
    /// sum and a side it can print in index notation, these are guesses: they reach inside sum bodies, beside a
    /// delta (where an instance with i = j cannot tell <c>s_i</c> from <c>s_j</c>) and into matrix notation. Each
    /// is still only a candidate that must agree numerically and then be proved at every instance.
    /// </remarks>
    /// <param name="below">Only candidates that change fewer nodes than this are wanted.</param>
    private IEnumerable<Candidate> NeighbourTerms(int below)
    {
        var texts = TermSources();
        var named = NamedTerms(texts);
        var subtrees = Subtrees(texts);
        foreach (var (path, node) in SyntaxTree.Nodes(_right))
        {
            var visible = _free.Concat(SyntaxTree.BoundAbove(_right, path)).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal) { SyntaxTree.Key(node) };
            var terms = named.SelectMany(n => n(visible))
                .Concat(subtrees.Where(t => FreeIndexVariables(t).IsSubsetOf(visible)))
                .Append(One(node)); // the 1 of 1 - a and 1 + exp(-z), the commonest numbers in a derivative
            foreach (var term in terms)
            {
                // A dropped "-t" is restored as "- t": the sign belongs to the operator, as the writer would put it.
                var magnitude = WithoutLeadingSign(term) ?? term;
                // Wrapping a node in "node ± t" changes 1 + |t| nodes (SyntaxDiff's cost): too dear is skipped unbuilt.
                if (1 + SyntaxTree.Size(magnitude) >= below || !seen.Add(SyntaxTree.Key(magnitude)))
                {
                    continue;
                }

                foreach (var op in (char[])['+', '-'])
                {
                    var after = new BinarySyntax(node.Line, node.Column, op, node, magnitude);
                    var result = SyntaxTree.Replace(_right, path, after);
                    yield return new Candidate(EditKind.MissingTerm, path, node, after, result, SyntaxDiff.Cost(_right, result));
                }
            }
        }
    }

    /// <summary>The claim's expressions as written: every expression of the chain and every let body (not the affine
    /// form of a `function`, whose symbols the writer never wrote).</summary>
    private List<SyntaxNode> TermSources()
    {
        var sources = new List<SyntaxNode>();
        foreach (var text in _claim.WrittenTexts)
        {
            try
            {
                sources.Add(ExpressionParser.Parse(text));
            }
            catch (SymbolicSyntaxException)
            {
                // A definition that does not parse on its own is no source of terms.
            }
        }

        return sources;
    }

    /// <summary>
    /// The names a dropped term may be: every unsubscripted name (symbols, lets, declared vectors and matrices; not
    /// sizes or index variables) and every indexed name, the latter as a function of the index variables visible at
    /// the place (each ordered choice of distinct ones, as many as the name takes), and the Kronecker delta of each
    /// pair of visible indices.
    /// </summary>
    private List<Func<IReadOnlySet<string>, IEnumerable<SyntaxNode>>> NamedTerms(List<SyntaxNode> sources)
    {
        var sizes = _instances[0].Scope.Sizes.Keys.ToHashSet(StringComparer.Ordinal);
        var indexVariables = _claim.Indices.SelectMany(i => i.Names).ToHashSet(StringComparer.Ordinal);
        var plain = new SortedSet<string>(StringComparer.Ordinal);
        var arities = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in sources.SelectMany(s => SyntaxTree.Nodes(s)).Select(n => n.Node).OfType<NameSyntax>())
        {
            if (name.Subscripts.IsEmpty)
            {
                plain.Add(name.Name);
            }
            else
            {
                arities.TryAdd(name.Name, name.Subscripts.Length);
            }
        }

        foreach (var let in _claim.Lets)
        {
            if (let.IndexParameters.Count == 0)
            {
                plain.Add(let.Name);
            }
            else
            {
                arities.TryAdd(let.Name, let.IndexParameters.Count);
            }
        }

        plain.UnionWith(_matrix?.Names ?? []);
        plain.ExceptWith(_hiddenNames);
        foreach (var name in _hiddenNames)
        {
            arities.Remove(name);
        }

        plain.ExceptWith(sizes);
        plain.ExceptWith(indexVariables);
        var (line, column) = (_right.Line, _right.Column);
        var named = new List<Func<IReadOnlySet<string>, IEnumerable<SyntaxNode>>>
        {
            _ => plain.Select(n => (SyntaxNode)new NameSyntax(line, column, n, [])),
        };
        foreach (var (name, arity) in arities)
        {
            named.Add(visible => Arrangements([.. visible.Order(StringComparer.Ordinal)], arity)
                .Select(indices => (SyntaxNode)new NameSyntax(line, column, name, [.. indices.Select(v => new SubscriptSyntax(line, column, v, 0))])));
        }

        // The Kronecker delta of two visible indices (s_i - delta(i, a), the one-hot label of a softmax gradient), even
        // when the writer's text has none: a dropped indicator is the commonest dropped term of those derivations.
        named.Add(visible =>
        {
            var ordered = visible.Order(StringComparer.Ordinal).ToList();
            return ordered.SelectMany((u, i) => ordered.Skip(i + 1).Select(v => (SyntaxNode)new DeltaSyntax(line, column,
                new SubscriptSyntax(line, column, u, 0), new SubscriptSyntax(line, column, v, 0))));
        });

        return named;
    }

    /// <summary>The small subexpressions of the claim's text that mention a name (no bare numbers, no derivatives),
    /// below the roots: a whole expression of the chain in place of a term is a rewrite, which <see cref="Rewrites"/> offers.</summary>
    private static List<SyntaxNode> Subtrees(List<SyntaxNode> sources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var subtrees = new List<SyntaxNode>();
        foreach (var node in sources.SelectMany(s => SyntaxTree.Nodes(s)).Where(n => !n.Path.IsEmpty).Select(n => n.Node))
        {
            var size = SyntaxTree.Size(node);
            if (size < 2 || size > MaxNeighbourTermSize
                || SyntaxTree.Nodes(node).Any(n => n.Node is DerivativeSyntax)
                || !SyntaxTree.Nodes(node).Any(n => n.Node is NameSyntax or DeltaSyntax)
                || !seen.Add(SyntaxTree.Key(node)))
            {
                continue;
            }

            subtrees.Add(node);
        }

        return subtrees;
    }

    private static NumberSyntax One(SyntaxNode at) => new(at.Line, at.Column, "1", BigInteger.One, BigInteger.One);

    /// <summary>The index variables a term uses and does not bind itself.</summary>
    private static HashSet<string> FreeIndexVariables(SyntaxNode term)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, node) in SyntaxTree.Nodes(term))
        {
            switch (node)
            {
                case NameSyntax name:
                    used.UnionWith(name.Subscripts.Select(s => s.Variable).OfType<string>());
                    break;
                case DeltaSyntax delta:
                    used.UnionWith(new[] { delta.Left.Variable, delta.Right.Variable }.OfType<string>());
                    break;
                case IndexSumSyntax sum:
                    bound.Add(sum.Index);
                    break;
                case IndexProductSyntax product:
                    bound.Add(product.Index);
                    break;
            }
        }

        used.ExceptWith(bound);
        return used;
    }

    /// <summary>Every ordered choice of <paramref name="count"/> distinct items.</summary>
    private static IEnumerable<ImmutableArray<string>> Arrangements(IReadOnlyList<string> items, int count)
    {
        if (count == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var first in items)
        {
            foreach (var rest in Arrangements([.. items.Where(i => i != first)], count - 1))
            {
                yield return rest.Insert(0, first);
            }
        }
    }

    /// <summary>The cheapest proved candidate, checking the candidates one cost at a time so that a long list of
    /// guesses is only evaluated as far as it must be.</summary>
    private Candidate? FirstProvedByCost(IEnumerable<Candidate> candidates, int below)
    {
        foreach (var group in candidates.Where(c => c.Cost < below).GroupBy(c => c.Cost).OrderBy(g => g.Key))
        {
            if (FirstProved(group) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
