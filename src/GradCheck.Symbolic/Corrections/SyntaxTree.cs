using System.Collections.Immutable;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Corrections;

/// <summary>
/// Navigation and rewriting of <see cref="SyntaxNode"/> trees by path: a path is the list of child
/// positions from the root (<see cref="Children"/> gives the order). Nodes are immutable, so a
/// replacement rebuilds only the spine above the replaced node.
/// </summary>
public static class SyntaxTree
{
    /// <summary>The node's children in path order: a call's argument, a sign's operand, a binary
    /// operation's left and right, a sum's, product's or derivative's body; none for a number, name or delta.</summary>
    /// <param name="node">The node.</param>
    public static IReadOnlyList<SyntaxNode> Children(SyntaxNode node) => node switch
    {
        CallSyntax c => [c.Argument],
        UnarySyntax u => [u.Operand],
        BinarySyntax b => [b.Left, b.Right],
        IndexSumSyntax s => [s.Body],
        IndexProductSyntax p => [p.Body],
        DerivativeSyntax d => [d.Body],
        TransposeSyntax t => [t.Operand],
        EntrywiseSyntax e => [e.Left, e.Right],
        MatrixCallSyntax { IsConstant: false } m => m.Arguments,
        _ => [],
    };

    /// <summary>The node with its children replaced (same count as <see cref="Children"/>).</summary>
    /// <param name="node">The node.</param>
    /// <param name="children">The new children.</param>
    public static SyntaxNode WithChildren(SyntaxNode node, IReadOnlyList<SyntaxNode> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return node switch
        {
            CallSyntax c => c with { Argument = children[0] },
            UnarySyntax u => u with { Operand = children[0] },
            BinarySyntax b => b with { Left = children[0], Right = children[1] },
            IndexSumSyntax s => s with { Body = children[0] },
            IndexProductSyntax p => p with { Body = children[0] },
            DerivativeSyntax d => d with { Body = children[0] },
            TransposeSyntax t => t with { Operand = children[0] },
            EntrywiseSyntax e => e with { Left = children[0], Right = children[1] },
            MatrixCallSyntax { IsConstant: false } m => m with { Arguments = [.. children] },
            _ => node,
        };
    }

    /// <summary>Every node with its path, the root first (pre-order).</summary>
    /// <param name="root">The tree.</param>
    public static IEnumerable<(ImmutableArray<int> Path, SyntaxNode Node)> Nodes(SyntaxNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stack = new Stack<(ImmutableArray<int>, SyntaxNode)>();
        stack.Push((ImmutableArray<int>.Empty, root));
        while (stack.Count > 0)
        {
            var (path, node) = stack.Pop();
            yield return (path, node);
            var children = Children(node);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((path.Add(i), children[i]));
            }
        }
    }

    /// <summary>The node at <paramref name="path"/>.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="path">Child positions from the root.</param>
    public static SyntaxNode At(SyntaxNode root, ImmutableArray<int> path)
    {
        var node = root;
        foreach (var i in path)
        {
            node = Children(node)[i];
        }

        return node;
    }

    /// <summary>The tree with the node at <paramref name="path"/> replaced by <paramref name="replacement"/>.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="path">Child positions from the root.</param>
    /// <param name="replacement">The new subtree.</param>
    public static SyntaxNode Replace(SyntaxNode root, ImmutableArray<int> path, SyntaxNode replacement) =>
        Replace(root, path, 0, replacement);

    private static SyntaxNode Replace(SyntaxNode node, ImmutableArray<int> path, int depth, SyntaxNode replacement)
    {
        if (depth == path.Length)
        {
            return replacement;
        }

        var children = Children(node).ToArray();
        children[path[depth]] = Replace(children[path[depth]], path, depth + 1, replacement);
        return WithChildren(node, children);
    }

    /// <summary>The number of nodes of the tree.</summary>
    /// <param name="node">The tree.</param>
    public static int Size(SyntaxNode node) => 1 + Children(node).Sum(Size);

    /// <summary>A text that is equal for two trees exactly when they have the same shape, operators, names
    /// and literals (positions are ignored).</summary>
    /// <param name="node">The tree.</param>
    public static string Key(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToString();
    }

    /// <summary>True when the two trees are equal but for positions.</summary>
    /// <param name="a">One tree.</param>
    /// <param name="b">The other.</param>
    public static bool Same(SyntaxNode a, SyntaxNode b) => Key(a) == Key(b);

    /// <summary>
    /// True when <paramref name="root"/> is an affine function of the node at <paramref name="path"/>: every
    /// node above it is a sum or difference, a sign, a product (either side), a quotient's numerator, a
    /// <c>sum(k, …)</c> body or a derivative's body. Scaling such a node by c, or adding a term to it, changes
    /// the whole expression linearly, which is what lets the correction search solve for c.
    /// </summary>
    /// <param name="root">The tree.</param>
    /// <param name="path">Child positions from the root.</param>
    public static bool IsLinearPosition(SyntaxNode root, ImmutableArray<int> path)
    {
        var node = root;
        foreach (var i in path)
        {
            var linear = node switch
            {
                BinarySyntax { Operator: '+' or '-' or '*' } => true,
                BinarySyntax { Operator: '/' } => i == 0,
                UnarySyntax or IndexSumSyntax or DerivativeSyntax or TransposeSyntax or EntrywiseSyntax { Operator: '*' } => true,
                EntrywiseSyntax { Operator: '/' } => i == 0,
                MatrixCallSyntax { Function: "sum" or "trace" or "diag" } => true,
                _ => false,
            };
            if (!linear)
            {
                return false;
            }

            node = Children(node)[i];
        }

        return true;
    }

    /// <summary>The index variables bound by the <c>sum</c>/<c>prod</c> nodes above <paramref name="path"/>.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="path">Child positions from the root.</param>
    public static IReadOnlyList<string> BoundAbove(SyntaxNode root, ImmutableArray<int> path)
    {
        var bound = new List<string>();
        var node = root;
        foreach (var i in path)
        {
            switch (node)
            {
                case IndexSumSyntax s:
                    bound.Add(s.Index);
                    break;
                case IndexProductSyntax p:
                    bound.Add(p.Index);
                    break;
            }

            node = Children(node)[i];
        }

        return bound;
    }
}
