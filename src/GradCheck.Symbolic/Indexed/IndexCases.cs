using System.Globalization;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// One case of the free indices: which are equal (a block of the partition, renamed to one code) and
/// which equal a literal index. Indices in different blocks, and a block without a literal and any
/// literal, are distinct, so every delta between them is 0.
/// </summary>
/// <param name="Map">Free index code → the code (or literal) it becomes in this case.</param>
/// <param name="Distinct">The codes of the blocks with no literal: pairwise distinct and distinct from every literal.</param>
/// <param name="Blocks">The blocks, each with its literal (or null).</param>
/// <param name="Literals">The literal indices the deltas mention.</param>
internal sealed record IndexCase(
    IReadOnlyDictionary<int, int> Map, IReadOnlySet<int> Distinct, IReadOnlyList<(IReadOnlyList<int> Codes, int? Literal)> Blocks, IReadOnlyList<int> Literals)
{
    /// <summary>The case in words: "i = j", "i ≠ j", "i = 1", "i ≠ 1", …</summary>
    public string Describe(IReadOnlyDictionary<int, string> names)
    {
        static string Number(int literal) => literal.ToString(CultureInfo.InvariantCulture);
        var parts = new List<string>();
        foreach (var (codes, literal) in Blocks)
        {
            var members = codes.Select(c => names[c]).Order(StringComparer.Ordinal).Concat(literal is { } l ? [Number(l)] : []).ToList();
            if (members.Count > 1)
            {
                parts.Add(string.Join(" = ", members));
            }
        }

        var separate = Blocks.Where(b => b.Literal is null).Select(b => b.Codes.Select(c => names[c]).Min(StringComparer.Ordinal)!).Order(StringComparer.Ordinal).ToList();
        if (separate.Count > 1)
        {
            parts.Add(string.Join(" ≠ ", separate) + (separate.Count > 2 ? " (pairwise)" : string.Empty));
        }

        parts.AddRange(separate.SelectMany(name => Literals.Select(l => name + " ≠ " + Number(l))));
        return parts.Count == 0 ? "with no free index in a delta" : string.Join(", ", parts);
    }
}

/// <summary>Enumerates the cases of the free indices that occur in Kronecker deltas.</summary>
internal static class IndexCases
{
    /// <summary>
    /// Every partition of the free indices that occur in a delta (anywhere, inside atoms too), each block
    /// either equal to one of the literals those deltas mention (different blocks, different literals)
    /// or to none. Free indices in no delta stay independent: an identity over them as distinct
    /// symbols holds also when they happen to be equal.
    /// </summary>
    public static IEnumerable<IndexCase> Enumerate(IndexAlgebra algebra, Expr left, Expr right, IEnumerable<int> freeCodes)
    {
        var free = freeCodes.ToHashSet();
        var inDeltas = new SortedSet<int>();
        var literals = new SortedSet<int>();
        var seen = new HashSet<Expr>();
        var pending = new Stack<Expr>([left, right]);
        while (pending.Count > 0)
        {
            foreach (var symbol in pending.Pop().Symbols())
            {
                if (!seen.Add(symbol))
                {
                    continue;
                }

                if (algebra.TryGetAtom(symbol, out var atom))
                {
                    pending.Push(atom.Body);
                }
                else if (IndexAlgebra.IsDelta(symbol) && symbol.Indices.Any(free.Contains))
                {
                    foreach (var code in symbol.Indices)
                    {
                        (free.Contains(code) ? inDeltas : IndexAlgebra.IsLiteral(code) ? literals : null)?.Add(code);
                    }
                }
            }
        }

        return Partitions([.. inDeltas]).SelectMany(blocks => WithLiterals(blocks, [.. literals], 0, []));
    }

    private static IEnumerable<List<List<int>>> Partitions(List<int> codes)
    {
        if (codes.Count == 0)
        {
            yield return [];
            yield break;
        }

        var first = codes[0];
        foreach (var rest in Partitions(codes[1..]))
        {
            // The first code alone, or joined to each block of a partition of the rest.
            yield return [[first], .. rest];
            for (var b = 0; b < rest.Count; b++)
            {
                yield return [.. rest.Select((block, n) => n == b ? [first, .. block] : block)];
            }
        }
    }

    private static IEnumerable<IndexCase> WithLiterals(List<List<int>> blocks, List<int> literals, int next, List<int?> chosen)
    {
        if (next == blocks.Count)
        {
            var map = new Dictionary<int, int>();
            var distinct = new HashSet<int>();
            for (var b = 0; b < blocks.Count; b++)
            {
                var target = chosen[b] ?? blocks[b][0];
                foreach (var code in blocks[b])
                {
                    map[code] = target;
                }

                if (chosen[b] is null)
                {
                    distinct.Add(target);
                }
            }

            yield return new IndexCase(map, distinct, [.. blocks.Select((block, b) => ((IReadOnlyList<int>)block, chosen[b]))], literals);
            yield break;
        }

        foreach (var option in literals.Where(l => !chosen.Contains(l)).Select(l => (int?)l).Prepend(null))
        {
            foreach (var found in WithLiterals(blocks, literals, next + 1, [.. chosen, option]))
            {
                yield return found;
            }
        }
    }
}
