using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Corrections;

/// <summary>The kinds of single change a correction search makes to an expression as written.</summary>
public enum EditKind
{
    /// <summary>A sign: <c>x</c> ↔ <c>-x</c>, or <c>a + b</c> ↔ <c>a - b</c>.</summary>
    Sign,

    /// <summary>A constant factor (a number or a size such as <c>1/K</c>) missing or extra.</summary>
    Factor,

    /// <summary>A term missing from a sum.</summary>
    MissingTerm,

    /// <summary>A term that should not be there.</summary>
    ExtraTerm,

    /// <summary>A factor (or divisor) that should not be there.</summary>
    ExtraFactor,

    /// <summary>One index variable where another belongs (<c>s_m</c> for <c>s_j</c>).</summary>
    IndexSwap,

    /// <summary>The two subscripts of an entry swapped (<c>W_{i,j}</c> for <c>W_{j,i}</c>).</summary>
    Transpose,

    /// <summary>A number literal (a coefficient or an exponent) that should be another.</summary>
    Number,

    /// <summary>No single simple change: the whole side rewritten.</summary>
    Rewrite,
}

/// <summary>One change of an expression as written.</summary>
/// <param name="Kind">What kind of change.</param>
/// <param name="Path">Where, in the original tree (child positions from the root).</param>
/// <param name="Before">The original subtree there.</param>
/// <param name="After">Its replacement.</param>
/// <param name="Result">The whole tree after the change.</param>
public sealed record SyntaxEdit(EditKind Kind, ImmutableArray<int> Path, SyntaxNode Before, SyntaxNode After, SyntaxNode Result);

/// <summary>
/// Enumerates the single changes of an expression that the correction search tries: at every node a sign
/// flip; in every sum or product a term or factor dropped; in every subscript an index variable replaced by
/// another one in scope, and two-subscript entries transposed; every number literal replaced by a
/// neighbouring integer. (Constant factors and missing terms are solved for by the caller, which can
/// evaluate; see <see cref="SyntaxTree.IsLinearPosition"/>.) Results are distinct trees, none equal to the input.
/// </summary>
public static class SyntaxEdits
{
    /// <summary>The single changes of <paramref name="root"/>.</summary>
    /// <param name="root">The expression as written.</param>
    /// <param name="freeIndices">The index variables free in the claim (with the ones bound by enclosing sums, the
    /// candidates for an index swap).</param>
    public static IReadOnlyList<SyntaxEdit> Enumerate(SyntaxNode root, IReadOnlyCollection<string> freeIndices)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(freeIndices);
        var seen = new HashSet<string>(StringComparer.Ordinal) { SyntaxTree.Key(root) };
        var edits = new List<SyntaxEdit>();
        foreach (var (path, node) in SyntaxTree.Nodes(root))
        {
            foreach (var (kind, after) in Local(root, path, node, freeIndices))
            {
                var result = SyntaxTree.Replace(root, path, after);
                if (seen.Add(SyntaxTree.Key(result)))
                {
                    edits.Add(new SyntaxEdit(kind, path, node, after, result));
                }
            }
        }

        return edits;
    }

    private static IEnumerable<(EditKind, SyntaxNode)> Local(SyntaxNode root, ImmutableArray<int> path, SyntaxNode node, IReadOnlyCollection<string> free)
    {
        // A sign, unless the node is a literal 0 (whose sign changes nothing).
        if (node is UnarySyntax { Operator: '-' } negated)
        {
            yield return (EditKind.Sign, negated.Operand);
        }
        else if (node is not NumberSyntax { Numerator.IsZero: true })
        {
            yield return (EditKind.Sign, new UnarySyntax(node.Line, node.Column, '-', node));
        }

        switch (node)
        {
            case BinarySyntax { Operator: '+' or '-' } sum:
                yield return (EditKind.Sign, sum with { Operator = sum.Operator == '+' ? '-' : '+' });
                yield return (EditKind.ExtraTerm, sum.Left);
                yield return (EditKind.ExtraTerm, sum.Operator == '+' ? sum.Right : new UnarySyntax(sum.Right.Line, sum.Right.Column, '-', sum.Right));
                break;
            case BinarySyntax { Operator: '*' } product:
                yield return (EditKind.ExtraFactor, product.Left);
                yield return (EditKind.ExtraFactor, product.Right);
                break;
            case BinarySyntax { Operator: '/' } quotient:
                yield return (EditKind.ExtraFactor, quotient.Left);
                break;
            case BinarySyntax { Operator: '^' } power:
                yield return (EditKind.Number, power.Left);
                break;
            case NameSyntax { Subscripts.Length: > 0 } name:
                var visible = free.Concat(SyntaxTree.BoundAbove(root, path)).Distinct(StringComparer.Ordinal).ToList();
                for (var i = 0; i < name.Subscripts.Length; i++)
                {
                    if (name.Subscripts[i].Variable is not { } variable)
                    {
                        continue;
                    }

                    foreach (var other in visible.Where(v => v != variable))
                    {
                        yield return (EditKind.IndexSwap, name with { Subscripts = name.Subscripts.SetItem(i, name.Subscripts[i] with { Variable = other }) });
                    }
                }

                if (name.Subscripts.Length == 2 && name.Subscripts[0].ToString() != name.Subscripts[1].ToString())
                {
                    yield return (EditKind.Transpose, name with { Subscripts = [name.Subscripts[1], name.Subscripts[0]] });
                }

                break;
            case DeltaSyntax delta:
                var inScope = free.Concat(SyntaxTree.BoundAbove(root, path)).Distinct(StringComparer.Ordinal).ToList();
                foreach (var other in inScope.Where(v => v != delta.Left.Variable && v != delta.Right.Variable))
                {
                    if (delta.Left.Variable is not null)
                    {
                        yield return (EditKind.IndexSwap, delta with { Left = delta.Left with { Variable = other } });
                    }

                    if (delta.Right.Variable is not null)
                    {
                        yield return (EditKind.IndexSwap, delta with { Right = delta.Right with { Variable = other } });
                    }
                }

                break;
            case NumberSyntax { Denominator.IsOne: true } number:
                foreach (var value in Neighbours(number.Numerator))
                {
                    yield return (EditKind.Number, Number(number, value));
                }

                break;
        }
    }

    /// <summary>Integers a mistyped or miscounted literal n might have been: n ± 1, 2n and n/2 (positive, not n).</summary>
    private static IEnumerable<BigInteger> Neighbours(BigInteger n)
    {
        var values = new SortedSet<BigInteger> { n - 1, n + 1, 2 * n };
        if (n.IsEven)
        {
            values.Add(n / 2);
        }

        return values.Where(v => v.Sign > 0 && v != n);
    }

    private static NumberSyntax Number(SyntaxNode at, BigInteger value) =>
        new(at.Line, at.Column, value.ToString(CultureInfo.InvariantCulture), value, BigInteger.One);
}
