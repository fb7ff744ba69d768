// LatexReader: a condition written in a subscript, as in seed 001's expanded sum: z_{k'=k} (the entry k' at k' = k,
// that is z_k) and z_{k' \neq k} under \sum_{k' \neq k} (the sum's own condition restated: z_{k'}).
using System.Collections.Immutable;

namespace GradCheck.Claims.Documents;

internal sealed partial class LatexReader
{
    /// <summary>The sums around the tokens being read, innermost last: each index with the index it excludes
    /// (<c>\sum_{k' \neq k}</c>) or null.</summary>
    private ImmutableList<(string Index, string? Excluded)> _sums = [];

    /// <summary>An index written with a condition after it, read where the condition says exactly which index it is:
    /// <c>k'=k</c> is k when no sum around binds k' (the entry k' in the case k' = k); <c>k' \neq k</c> is k' when a sum
    /// around is <c>\sum_{k' \neq k}</c> (the condition restates the sum's). Anything else is refused with the reason:
    /// a condition on a summed index would pick one term of the sum, and k' ≠ k alone names no entry.</summary>
    private string ConditionedIndex(List<LatexToken> part, ref int p, string index)
    {
        var at = part[p];
        var equals = at.Is('=');
        if (!equals && !at.IsCommand("neq") && !at.IsCommand("ne"))
        {
            return index;
        }

        p++;
        var q = p;
        var other = part[p].Kind == LatexTokenKind.Letter ? IndexName(part, ref q) : null;
        if (other is null || part[q].Kind != LatexTokenKind.End || other == index)
        {
            throw new LatexReadException(at.Offset, $"'{at.Source}' in a subscript is read only between two indices ({index}=k, {index} \\neq k)");
        }

        p = q;
        var bound = _sums.LastOrDefault(s => s.Index == index);
        if (equals)
        {
            if (bound.Index is not null)
            {
                throw new LatexReadException(at.Offset, $"'=' in a subscript is not read on an index a sum binds ({index})");
            }

            Info.AddIndex(other, null);
            return other;
        }

        if (bound.Index is null || bound.Excluded != other)
        {
            throw new LatexReadException(at.Offset, $"'{at.Source}' in a subscript is read only under a sum with the same condition (\\sum_{{{index} \\neq {other}}})");
        }

        return index;
    }
}
