using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Checking;

/// <summary>The conditions under which a claim about an unspecified function (<c>function C of a_k</c>) is checked
/// exactly by C's affine form (see <see cref="UnspecifiedFunction"/>): its arguments' indices are declared, the names
/// the form adds are not the claim's own, and C is differentiated at most once.</summary>
internal static class UnspecifiedFunctionCheck
{
    /// <summary>Throws a positioned <see cref="ClaimsSyntaxException"/> when a condition fails.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="indices">The claim's declared index variables.</param>
    /// <param name="chain">The chain's parsed expressions.</param>
    /// <param name="definitions">The parsed definitions, in the order of <see cref="ClaimSyntax.Lets"/>.</param>
    public static void Validate(ClaimSyntax claim, IReadOnlySet<string> indices, IReadOnlyList<SyntaxNode> chain, IReadOnlyList<Definition> definitions)
    {
        var functions = claim.Lets.Where(l => l.Unspecified is not null).ToList();
        if (functions.Count == 0)
        {
            return;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < claim.Lets.Count; i++)
        {
            if (claim.Lets[i].Unspecified is null)
            {
                ClaimRun.CollectNames(definitions[i].Body, used);
            }
        }

        foreach (var node in chain)
        {
            ClaimRun.CollectNames(node, used);
        }

        foreach (var let in functions)
        {
            var function = let.Unspecified!;
            if (function.IntroducedNames.FirstOrDefault(used.Contains) is { } taken)
            {
                throw new ClaimsSyntaxException(let.Line, let.Column,
                    $"'{taken}' is the name GradCheck gives {(taken == function.ValueSymbol ? $"the value of {function.Name}" : $"a derivative of {function.Name}")}; the claim uses it for something else: rename it");
            }

            foreach (var argument in function.Arguments)
            {
                if (argument.Subscripts.FirstOrDefault(s => !indices.Contains(s.Variable!)) is { } undeclared)
                {
                    throw new ClaimsSyntaxException(let.Line, let.Column,
                        $"index '{undeclared.Variable}' of the argument {argument.Name}_{undeclared.Variable} of '{function.Name}' is used without `index`: declare its range (index {undeclared.Variable} in 1..K)");
                }
            }
        }

        // The order of C's derivatives each definition carries: d/dz_j C is 1, C itself 0; a name without C is absent.
        var orders = new Dictionary<string, Dependence>(StringComparer.Ordinal);
        for (var i = 0; i < claim.Lets.Count; i++)
        {
            var let = claim.Lets[i];
            var dependence = let.Unspecified is not null ? new Dependence(0, let.Name) : Order(definitions[i].Body, orders, let);
            if (dependence is not null)
            {
                orders[let.Name] = dependence;
            }
        }

        foreach (var node in chain)
        {
            Order(node, orders, null);
        }
    }

    /// <summary>The highest order of derivative of an unspecified function in <paramref name="node"/> and that
    /// function, or null when it depends on none; throws at the first derivative of order 2.</summary>
    private static Dependence? Order(SyntaxNode node, Dictionary<string, Dependence> orders, LetSyntax? within)
    {
        switch (node)
        {
            case NameSyntax name:
                return orders.GetValueOrDefault(name.Name);
            case DerivativeSyntax derivative:
                if (Order(derivative.Body, orders, within) is not { } inner)
                {
                    return null;
                }

                var order = inner.Order + derivative.Variables.Length;
                if (order >= 2)
                {
                    var where = within is null ? "" : $" (in the definition of '{within.Name}')";
                    throw new ClaimsSyntaxException(derivative.Line, derivative.Column,
                        $"this is a second derivative of the unspecified function {inner.Function}{where}: a function declared by `function` is checked to first order only (its value and gradient at one point)");
                }

                return inner with { Order = order };
            default:
                return SyntaxTree.Children(node).Select(c => Order(c, orders, within)).Where(d => d is not null).MaxBy(d => d!.Order);
        }
    }

    private sealed record Dependence(int Order, string Function);
}
