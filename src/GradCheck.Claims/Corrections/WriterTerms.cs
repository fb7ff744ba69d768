using System.Collections.Immutable;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;
using GradCheck.Symbolic.Simplification;

namespace GradCheck.Claims.Corrections;

/// <summary>
/// Writes a bound expression (lets expanded, sums unrolled, indices concrete) back in a claim's own terms,
/// at one reference instance: subexpressions equal to a <c>let</c> use (<c>s_j</c>, <c>yhat</c>) or to a sum the
/// writer wrote (<c>sum(k, exp(z_k))</c>) are folded back to that text, concrete indices that are the
/// instance's free-index values become those indices (<c>z_3</c> → <c>z_j</c> at j = 3), and numbers equal to
/// a size may become the size (<c>4</c> → <c>K</c>). The results are only candidates: a number or an index
/// may be read wrongly, so the caller proves each at every instance before using it.
/// </summary>
internal sealed class WriterTerms
{
    // The folded expression is printed and parsed again; these symbols mark the folded places.
    private const string Placeholder = "gcfold";
    private const int PlaceholderBase = 1_000_000;
    private const int MaxSizeVariants = 3;

    private readonly List<(Expr Pattern, SyntaxNode Text)> _vocabulary = [];
    private readonly Dictionary<int, string> _indexByValue = [];
    private readonly Dictionary<int, string> _sizeByValue = [];

    public WriterTerms(ClaimSyntax claim, InstanceContext reference, IReadOnlyCollection<string> freeIndices)
    {
        var scope = reference.Scope;
        foreach (var group in scope.IndexValues.Where(p => freeIndices.Contains(p.Key)).GroupBy(p => p.Value))
        {
            // Two free indices with one value cannot be told apart: such a value stays a literal.
            if (group.Count() == 1)
            {
                _indexByValue[group.Key] = group.Single().Key;
            }
        }

        foreach (var group in scope.Sizes.Where(p => p.Value >= 2).GroupBy(p => p.Value))
        {
            if (group.Count() == 1)
            {
                _sizeByValue[group.Key] = group.Single().Key;
            }
        }

        var candidates = new List<SyntaxNode>();
        foreach (var let in claim.Lets)
        {
            if (let.IndexParameters.Count == 0)
            {
                candidates.Add(new NameSyntax(let.Line, let.Column, let.Name, []));
                continue;
            }

            foreach (var combination in Combinations(freeIndices.ToList(), let.IndexParameters.Count))
            {
                candidates.Add(new NameSyntax(let.Line, let.Column, let.Name, [.. combination.Select(v => new SubscriptSyntax(let.Line, let.Column, v, 0))]));
            }
        }

        foreach (var text in claim.WrittenTexts)
        {
            SyntaxNode parsed;
            try
            {
                parsed = ExpressionParser.Parse(text);
            }
            catch (SymbolicSyntaxException)
            {
                continue;
            }

            candidates.AddRange(SyntaxTree.Nodes(parsed).Select(n => n.Node).Where(n => n is IndexSumSyntax or IndexProductSyntax
                && Binder.FreeIndices(n, scope).All(freeIndices.Contains)));
        }

        var seen = new HashSet<Expr>();
        var found = new List<(Expr Pattern, SyntaxNode Text, int Size)>();
        foreach (var candidate in candidates)
        {
            try
            {
                var pattern = Simplifier.Simplify(Binder.Bind(candidate, scope));
                if (pattern is not (Number or Symbol) && seen.Add(pattern))
                {
                    found.Add((pattern, candidate, Count(pattern)));
                }
            }
            catch (SymbolicSyntaxException)
            {
                // A sum that uses an index the reference instance does not give a value: not part of the vocabulary.
            }
        }

        // Largest first, so s_j is folded before the sum in its denominator; OrderBy is stable (lets before sums).
        _vocabulary.AddRange(found.OrderByDescending(f => f.Size).Select(f => (f.Pattern, f.Text)));
    }

    /// <summary>Candidate texts for <paramref name="e"/> in the claim's terms (the likeliest first).</summary>
    public IReadOnlyList<SyntaxNode> Express(Expr e)
    {
        var folded = Fold(Simplifier.Simplify(e), depth: 0);
        SyntaxNode node;
        try
        {
            node = ExpressionParser.Parse(TextPrinter.Print(folded));
        }
        catch (SymbolicSyntaxException)
        {
            return [];
        }

        node = Rename(node);
        var sizePaths = SyntaxTree.Nodes(node)
            .Where(n => n.Node is NumberSyntax { Denominator.IsOne: true } number && number.Numerator <= int.MaxValue
                && _sizeByValue.ContainsKey((int)number.Numerator))
            .Select(n => n.Path).Take(MaxSizeVariants).ToList();
        var variants = new List<SyntaxNode>();
        for (var mask = (1 << sizePaths.Count) - 1; mask >= 0; mask--)
        {
            var variant = node;
            for (var i = 0; i < sizePaths.Count; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    var number = (NumberSyntax)SyntaxTree.At(variant, sizePaths[i]);
                    variant = SyntaxTree.Replace(variant, sizePaths[i], new NameSyntax(number.Line, number.Column, _sizeByValue[(int)number.Numerator], []));
                }
            }

            variants.Add(variant);
        }

        return variants;
    }

    private Expr Fold(Expr x, int depth)
    {
        if (x is Number or Symbol || depth > 64)
        {
            return x;
        }

        for (var i = 0; i < _vocabulary.Count; i++)
        {
            if (x.Equals(_vocabulary[i].Pattern))
            {
                return Mark(i);
            }
        }

        for (var i = 0; i < _vocabulary.Count; i++)
        {
            var pattern = _vocabulary[i].Pattern;
            if (x is Product && pattern is Product or Power or Function)
            {
                // x = q·patternⁿ with q simpler than x: the pattern is a factor of x (s_j in y_j·exp(z_j)/Σ).
                foreach (var n in (int[])[1, 2, -1, -2])
                {
                    var rest = Simplifier.Simplify(x * Expr.Pow(pattern, Expr.Num(-n)));
                    if (Count(rest) + 1 < Count(x))
                    {
                        return Expr.Multiply(Fold(rest, depth + 1), Expr.Pow(Mark(i), Expr.Num(n)));
                    }
                }
            }

            if (x is Sum sum && pattern is Sum part)
            {
                foreach (var sign in (int[])[1, -1])
                {
                    var terms = sum.Terms.ToList();
                    if (part.Terms.All(t => terms.Remove(sign == 1 ? t : Expr.Negate(t))))
                    {
                        return Expr.Add(Fold(Expr.Add(terms), depth + 1), Expr.Multiply(Expr.Num(sign), Mark(i)));
                    }
                }
            }
        }

        var children = x.Children.Select(c => Fold(c, depth + 1)).ToList();
        return x switch
        {
            Sum => Expr.Add(children),
            Product => Expr.Multiply(children),
            Power => Expr.Pow(children[0], children[1]),
            Function f => Expr.Apply(f.Kind, children[0]),
            _ => x,
        };
    }

    private static Symbol Mark(int i) => Expr.Sym(Placeholder, PlaceholderBase + i);

    /// <summary>Folded places back to their text, and free-index values back to the index names.</summary>
    private SyntaxNode Rename(SyntaxNode node)
    {
        switch (node)
        {
            case NameSyntax { Name: Placeholder, Subscripts: [{ Variable: null, Literal: var mark }] }
                when mark - PlaceholderBase is var i && i >= 0 && i < _vocabulary.Count:
                return _vocabulary[i].Text;
            case NameSyntax name when name.Subscripts.Any(s => s.Variable is null && _indexByValue.ContainsKey(s.Literal)):
                return name with
                {
                    Subscripts = [.. name.Subscripts.Select(s => s.Variable is null && _indexByValue.TryGetValue(s.Literal, out var v) ? s with { Variable = v } : s)],
                };
            default:
                var children = SyntaxTree.Children(node);
                return children.Count == 0 ? node : SyntaxTree.WithChildren(node, [.. children.Select(Rename)]);
        }
    }

    private static int Count(Expr e) => 1 + e.Children.Sum(Count);

    private static IEnumerable<ImmutableArray<string>> Combinations(List<string> names, int length)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var rest in Combinations(names, length - 1))
        {
            foreach (var name in names)
            {
                yield return rest.Add(name);
            }
        }
    }
}
