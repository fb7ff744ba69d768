using System.Collections.Immutable;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>A gradient written by its entry: <c>\frac{\partial J}{\partial z} = -y_i + \tilde{y}_i</c>, where z is a
/// declared vector (or a name whose entries z_k the expression uses) and the equation has one free index i, states
/// entry i of the gradient; ∂/∂z is read as ∂/∂z_i (the student works "for class i").</summary>
internal sealed partial class DocumentSession
{
    /// <summary>The index of the entry the current equation states, or null (set per equation).</summary>
    private string? _entryIndex;

    /// <summary>The index letter of the current equation's pattern columns (set per equation).</summary>
    private string? _patternIndex;

    /// <summary>A side that is a bare vector name (δ^L, defined entry by entry as δL_j or declared a vector) against a
    /// column written by its entries (<c>[E_1 \\ \vdots \\ E_n]</c>): the side's entry at the column's index, for
    /// δ = [E_1 … E_n] states δ_i = E_i for every i. Any other side is returned as it is.</summary>
    private Element VectorAsEntry(Element side, Element other)
    {
        if (side.Node is not NameSyntax { Subscripts.IsEmpty: true } name || side.Info!.PatternIndex is not null
            || other.Info!.PatternIndex is not { } index)
        {
            return side;
        }

        var isVector = Active<LetItem>().LastOrDefault(l => l.Let.Name == name.Name) is { Let.IndexParameters.Count: 1 }
            || Active<DeclarationSyntax>().LastOrDefault(d => d.Name == name.Name) is { IsMatrix: false };
        if (!isVector)
        {
            return side;
        }

        var info = new ReadInfo();
        info.Add(side.Info);
        info.AddIndex(index, other.Info.Indices.GetValueOrDefault(index));
        info.PatternIndex = index;
        return new Element
        {
            Node = name with { Subscripts = [new SubscriptSyntax(name.Line, name.Column, index, 0)] },
            Info = info,
            Equation = side.Equation,
            Start = side.Start,
            End = side.End,
        };
    }

    /// <summary>Why a step between a side read from a pattern column and the other side cannot be checked entry by entry
    /// (the other side does not state the same entry), or null when it can.</summary>
    private static string? PatternMismatch(Element left, Element right)
    {
        var (leftIndex, rightIndex) = (left.Info!.PatternIndex, right.Info!.PatternIndex);
        if (leftIndex is null && rightIndex is null)
        {
            return null;
        }

        if (leftIndex is not null && rightIndex is not null && leftIndex != rightIndex)
        {
            return "matrix of unknown pattern (the sides' columns are written with different indices)";
        }

        var index = leftIndex ?? rightIndex!;
        if (left.Info.Indices.GetValueOrDefault(index) is { } leftSize && right.Info.Indices.GetValueOrDefault(index) is { } rightSize && leftSize != rightSize)
        {
            return $"matrix of unknown pattern (columns of sizes {leftSize} and {rightSize})";
        }

        foreach (var side in new[] { left, right })
        {
            var transposed = false;
            Replace(side.Node!, n =>
            {
                transposed |= n is TransposeSyntax;
                return null;
            });
            if (transposed && side.Info!.PatternIndex is not null)
            {
                // a column's entry stands for the column; its transpose (a row, an inner product) is not an entry
                return "matrix of unknown pattern (a transposed column)";
            }

            var free = new HashSet<string>(StringComparer.Ordinal);
            FreeIndices(side.Node!, [], free);
            if (!free.Contains(index))
            {
                // δ = [E_1 \ dots \ E_n] with δ a vector: the column's entry against a whole vector is not one entry's equation
                return "matrix of unknown pattern (a column written by a pattern against a side not written by its entries)";
            }
        }

        return null;
    }

    /// <summary>The one free index of an equation's sides (an index no sum binds), or null when there is none or several.</summary>
    private string? EntryIndex(List<(int Start, int End)> sides)
    {
        var free = new HashSet<string>(StringComparer.Ordinal);
        var context = Context();
        foreach (var (start, end) in sides.Where(s => s.Start < s.End))
        {
            try
            {
                FreeIndices(LatexReader.Read(_document, start, end, context).Node, [], free);
            }
            catch (Exception e) when (e is LatexReadException or InsufficientExecutionStackException)
            {
                // a side that cannot be read says nothing here; reading it again reports why
            }
        }

        return free.Count == 1 ? free.Single() : null;
    }

    private static void FreeIndices(SyntaxNode node, ImmutableHashSet<string> bound, HashSet<string> free)
    {
        switch (node)
        {
            case NameSyntax name:
                free.UnionWith(name.Subscripts.Where(s => s.Variable is not null && !bound.Contains(s.Variable)).Select(s => s.Variable!));
                return;
            case DeltaSyntax delta:
                free.UnionWith(new[] { delta.Left.Variable, delta.Right.Variable }.OfType<string>().Where(v => !bound.Contains(v)));
                return;
            case IndexSumSyntax sum:
                bound = bound.Add(sum.Index);
                break;
            case IndexProductSyntax product:
                bound = bound.Add(product.Index);
                break;
            case DerivativeSyntax derivative:
                foreach (var variable in derivative.Variables)
                {
                    FreeIndices(variable, bound, free);
                }

                break;
        }

        foreach (var child in ReadInfo.ChildrenOf(node))
        {
            FreeIndices(child, bound, free);
        }
    }

    /// <summary>The side with every ∂/∂z (z a declared vector, or a plain name whose entries the differentiated
    /// expression uses) read as ∂/∂z_i for the equation's entry index i.</summary>
    private SyntaxNode EntryDerivatives(SyntaxNode node, string index, ReaderContext context, ReadInfo info) =>
        Replace(node, n =>
        {
            if (n is not DerivativeSyntax d)
            {
                return null;
            }

            var variables = d.Variables.Select(v =>
                v.Subscripts.Length == 0 && Active<DeclarationSyntax>().LastOrDefault(x => x.Name == v.Name) is var declared
                && (declared is { IsMatrix: false } || (declared is null && Uses(d.Body, v.Name, true, context, 0) && !HasMatrixEntries(d.Body, v.Name)))
                    ? v with { Subscripts = [new SubscriptSyntax(v.Line, v.Column, index, 0)] }
                    : v).ToImmutableArray();
            if (variables.SequenceEqual(d.Variables))
            {
                return d with { Body = EntryDerivatives(d.Body, index, context, info) };
            }

            info.AddIndex(index, null);
            return d with { Body = EntryDerivatives(d.Body, index, context, info), Variables = variables };
        });

    /// <summary>True when the expression uses the name with two or more subscripts (x_{i,j}): x is then a matrix, or a
    /// family of vectors x_i, and ∂/∂x is not the gradient of one vector by its entries.</summary>
    private static bool HasMatrixEntries(SyntaxNode node, string name)
    {
        var found = false;
        Replace(node, n =>
        {
            found |= n is NameSyntax s && s.Name == name && s.Subscripts.Length > 1;
            return null;
        });
        return found;
    }
}
