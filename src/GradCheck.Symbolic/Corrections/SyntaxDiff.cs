using System.Collections.Immutable;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Corrections;

/// <summary>One place where two syntax trees differ.</summary>
/// <param name="Path">The place in the first tree (child positions from its root).</param>
/// <param name="Before">The first tree's subtree there.</param>
/// <param name="After">The second tree's subtree there.</param>
/// <param name="Cost">Nodes added, removed or changed.</param>
public sealed record SyntaxChange(ImmutableArray<int> Path, SyntaxNode Before, SyntaxNode After, int Cost);

/// <summary>
/// The smallest set of places where one expression as written differs from another: shared structure is
/// matched node by node, a sign or a factor or term wrapped around an unchanged subtree costs only what was
/// added, and anything else is a replaced subtree. It measures "how close to what the writer wrote" a
/// correction is, and names the changed fragments in the report.
/// </summary>
/// <example>
/// <code>
/// SyntaxDiff.Cost(ExpressionParser.Parse("a + lambda*w"), ExpressionParser.Parse("a + 2*lambda*w")); // 2 (a factor 2 added)
/// </code>
/// </example>
public static class SyntaxDiff
{
    /// <summary>The places where <paramref name="before"/> and <paramref name="after"/> differ, outermost first.</summary>
    /// <param name="before">The first tree (paths refer to it).</param>
    /// <param name="after">The second tree.</param>
    public static IReadOnlyList<SyntaxChange> Changes(SyntaxNode before, SyntaxNode after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Diff(before, after, []).Changes;
    }

    /// <summary>The total cost of <see cref="Changes"/>: 0 exactly when the trees are the same but for positions.</summary>
    /// <param name="before">The first tree.</param>
    /// <param name="after">The second tree.</param>
    public static int Cost(SyntaxNode before, SyntaxNode after) => Changes(before, after).Sum(c => c.Cost);

    private static (int Cost, List<SyntaxChange> Changes) Diff(SyntaxNode a, SyntaxNode b, ImmutableArray<int> path)
    {
        if (SyntaxTree.Same(a, b))
        {
            return (0, []);
        }

        var (sizeA, sizeB) = (SyntaxTree.Size(a), SyntaxTree.Size(b));
        var best = (Cost: sizeA + sizeB, Changes: new List<SyntaxChange> { new(path, a, b, sizeA + sizeB) });

        // Something wrapped around (or removed from around) an unchanged subtree: a sign, a factor, a term.
        if (SyntaxTree.Children(b).Any(c => SyntaxTree.Same(c, a)) || SyntaxTree.Children(a).Any(c => SyntaxTree.Same(c, b)))
        {
            var cost = Math.Abs(sizeA - sizeB);
            if (cost < best.Cost)
            {
                best = (cost, [new(path, a, b, cost)]);
            }
        }

        var (childrenA, childrenB) = (SyntaxTree.Children(a), SyntaxTree.Children(b));
        if (a.GetType() == b.GetType() && childrenA.Count == childrenB.Count)
        {
            var head = Head(a) == Head(b) ? 0 : 1;
            var changes = new List<SyntaxChange>();
            if (head > 0)
            {
                // The node itself changed (an operator, a name, an index, a literal); its children are compared below.
                changes.Add(new(path, a, b, head));
            }

            var cost = head;
            for (var i = 0; i < childrenA.Count && cost < best.Cost; i++)
            {
                var child = Diff(childrenA[i], childrenB[i], path.Add(i));
                cost += child.Cost;
                changes.AddRange(child.Changes);
            }

            if (cost < best.Cost)
            {
                best = (cost, changes);
            }
        }

        return best;
    }

    /// <summary>The node without its children: what must match for the children to be compared in place.</summary>
    private static string Head(SyntaxNode node) => node switch
    {
        NumberSyntax n => n.Text,
        NameSyntax or DeltaSyntax => node.ToString(),
        CallSyntax c => c.Function,
        UnarySyntax u => u.Operator.ToString(),
        BinarySyntax b => b.Operator.ToString(),
        IndexSumSyntax s => s.Index,
        IndexProductSyntax p => p.Index,
        DerivativeSyntax d => string.Join(",", d.Variables),
        _ => node.GetType().Name,
    };
}
