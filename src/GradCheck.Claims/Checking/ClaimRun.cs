using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Limits;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Claims.Checking;

/// <summary>The work of checking one claim: preparing its definitions and indices, enumerating its
/// sizes and free-index values, and collecting every step's instances (see the other parts of this class).</summary>
internal sealed partial class ClaimRun
{
    private const string NumericMethod =
        "no symbolic proof; the sides' enclosures overlap at every conclusive random point (interval arithmetic)";

    private readonly ClaimSyntax _claim;
    private readonly CheckOptions _options;
    private readonly Stopwatch _clock;
    private readonly List<SyntaxNode> _chain = [];
    private readonly List<Definition> _definitions = [];
    private readonly Dictionary<string, IndexSyntax> _indices = new(StringComparer.Ordinal);
    private readonly List<string> _indexOrder = [];
    private readonly List<ForSyntax> _fors = [];
    private readonly HashSet<int> _mismatched = [];
    private readonly List<Corrections.InstanceContext> _contexts = [];
    private int _instancesSeen;

    public ClaimRun(ClaimSyntax claim, CheckOptions options, Stopwatch clock)
    {
        _claim = claim;
        _options = options;
        _clock = clock;
    }

    /// <summary>Points where a symbolic derivative was compared with finite differences.</summary>
    public int FiniteDifferenceChecks { get; private set; }

    /// <summary>Every instance as bound (when <see cref="CheckOptions.Corrections"/> is on), for the corrections of refuted steps.</summary>
    public IReadOnlyList<Corrections.InstanceContext> Instances => _contexts;

    public List<StepResult> Run()
    {
        Prepare();
        var combos = SizeCombinations();
        var accumulators = new List<StepAccumulator>();
        for (var i = 1; i < _claim.Chain.Count; i++)
        {
            accumulators.Add(new StepAccumulator(i, _claim.Chain[i - 1].Text, _claim.Chain[i].Text, _claim.Chain[i].Line, false));
        }

        StepAccumulator? psd = null;
        if (_claim.Psd is { } psdSyntax)
        {
            var last = _claim.Chain[^1];
            var what = _claim.Matrix is null ? $"positive semidefinite over {psdSyntax.Row}, {psdSyntax.Column}" : "positive semidefinite";
            psd = new StepAccumulator(_claim.Chain.Count, last.Text, what, psdSyntax.Line, true);
        }

        // Sides of different shapes (matrix notation): refuted where the shapes differ, no entry compared.
        foreach (var mismatch in _claim.Matrix?.Mismatches ?? [])
        {
            _mismatched.Add(mismatch.Step);
            accumulators[mismatch.Step - 1].Add(Verdict.Refuted, new Dictionary<string, int>(mismatch.Sizes, StringComparer.Ordinal),
                new CounterexampleReport(new Dictionary<string, double>(), double.NaN, double.NaN, double.NaN) { Reason = mismatch.Reason },
                "the sides have different shapes", 0, 0, 0, 0);
        }

        IReadOnlyList<string>? free = null;
        var instanceCount = 0;
        foreach (var sizes in combos)
        {
            var ranges = Ranges(sizes);
            var baseScope = Scope(sizes, ranges, new Dictionary<string, int>(StringComparer.Ordinal));
            free ??= FreeIndices(baseScope);
            var assignments = Assignments(free, ranges).ToList();
            instanceCount += assignments.Count;
            if (instanceCount > ClaimLimits.MaxInstances)
            {
                throw new ClaimsSyntaxException(_claim.Line, 1,
                    $"the claim expands to more than {ClaimLimits.MaxInstances} instances (sizes × free index values); use smaller ranges");
            }

            foreach (var values in assignments)
            {
                CheckInstance(sizes, ranges, values, accumulators);
            }

            if (psd is not null)
            {
                var psdFree = free.Where(n => n != _claim.Psd!.Row && n != _claim.Psd.Column).ToList();
                using var phase = WorkDeadline.Enter("the psd check");
                foreach (var values in Assignments(psdFree, ranges))
                {
                    CheckPsd(sizes, ranges, values, psd);
                }
            }
        }

        var steps = accumulators.Select(a => a.Build()).ToList();
        if (psd is not null)
        {
            steps.Add(psd.Build());
        }

        return steps;
    }

    private void Prepare()
    {
        using var phase = WorkDeadline.Enter("parsing");
        var sizes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _claim.Fors)
        {
            if (!sizes.Add(f.Size))
            {
                throw new ClaimsSyntaxException(f.Line, f.Column, $"size '{f.Size}' has two `for` lines");
            }

            _fors.Add(f);
        }

        foreach (var index in _claim.Indices)
        {
            foreach (var name in index.Names)
            {
                if (sizes.Contains(name))
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column, $"'{name}' is both a size and an index");
                }

                if (!_indices.TryAdd(name, index))
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column, $"index '{name}' is declared twice");
                }

                _indexOrder.Add(name);
            }

            foreach (var bound in new[] { index.From, index.To })
            {
                if (bound.Size is { } size && !sizes.Contains(size))
                {
                    throw new ClaimsSyntaxException(index.Line, index.Column,
                        $"the range of {string.Join(", ", index.Names)} uses the size '{size}', which has no `for {size} in a..b` line");
                }
            }
        }

        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var let in _claim.Lets)
        {
            if (ExpressionParser.IsReservedName(let.Name))
            {
                throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is a built-in name and cannot be defined by `let`");
            }

            if (sizes.Contains(let.Name) || _indices.ContainsKey(let.Name))
            {
                throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is already a size or an index");
            }

            if (!defined.Add(let.Name))
            {
                throw new ClaimsSyntaxException(let.Line, let.Column, $"'{let.Name}' is defined twice");
            }

            var body = let.Body.Parse();
            _definitions.Add(new Definition(let.Name, let.IndexParameters, body));
        }

        foreach (var expression in _claim.Chain)
        {
            _chain.Add(expression.Parse());
        }

        UnspecifiedFunctionCheck.Validate(_claim, _indices.Keys.ToHashSet(StringComparer.Ordinal), _chain, _definitions);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _chain.Concat(_definitions.Select(d => d.Body)))
        {
            CollectNames(node, names);
        }

        foreach (var assume in _claim.Assumptions)
        {
            if (defined.Contains(assume.Name))
            {
                throw new ClaimsSyntaxException(assume.Line, assume.Column,
                    $"'{assume.Name}' is defined by `let`; an assumption applies to a symbol");
            }

            if (!names.Contains(assume.Name))
            {
                throw new ClaimsSyntaxException(assume.Line, assume.Column,
                    $"undefined symbol '{assume.Name}': no expression of the claim uses it");
            }

            if (assume is VectorAssumeSyntax { Index: null } bare)
            {
                throw new ClaimsSyntaxException(assume.Line, assume.Column,
                    $"`assume {bare.Name} {(bare.OneHot ? "onehot" : "simplex")}` needs `over k` (or '{bare.Name}' declared as a vector: vector {bare.Name} in R^K)");
            }

            if (assume is VectorAssumeSyntax { Index: { } over } vector && !_indices.ContainsKey(over))
            {
                throw new ClaimsSyntaxException(assume.Line, assume.Column, $"index '{vector.Index}' is used without `index`");
            }
        }

        if (_claim.Psd is { } psd)
        {
            if (psd.Row is null || psd.Column is null)
            {
                throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition,
                    "a bare `psd` needs a matrix-valued last expression (declare its vectors and matrices: vector z in R^K); for index notation write `psd over i, j`");
            }

            foreach (var name in new[] { psd.Row, psd.Column })
            {
                if (!_indices.ContainsKey(name))
                {
                    throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, $"index '{name}' is used without `index`");
                }
            }

            if (psd.Row == psd.Column)
            {
                throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition, "`psd over i, j` needs two different indices");
            }
        }
    }

    internal static void CollectNames(SyntaxNode node, HashSet<string> names)
    {
        switch (node)
        {
            case NameSyntax name:
                names.Add(name.Name);
                break;
            case CallSyntax call:
                CollectNames(call.Argument, names);
                break;
            case UnarySyntax unary:
                CollectNames(unary.Operand, names);
                break;
            case BinarySyntax binary:
                CollectNames(binary.Left, names);
                CollectNames(binary.Right, names);
                break;
            case IndexSumSyntax sum:
                CollectNames(sum.Body, names);
                break;
            case IndexProductSyntax product:
                CollectNames(product.Body, names);
                break;
            case DerivativeSyntax derivative:
                CollectNames(derivative.Body, names);
                foreach (var v in derivative.Variables)
                {
                    names.Add(v.Name);
                }

                break;
        }
    }

    private List<Dictionary<string, int>> SizeCombinations()
    {
        if (_claim.Matrix?.SizeCombinations is { } given)
        {
            return [.. given.Select(c => new Dictionary<string, int>(c, StringComparer.Ordinal))];
        }

        var combos = new List<Dictionary<string, int>> { new(StringComparer.Ordinal) };
        foreach (var f in _fors)
        {
            var next = new List<Dictionary<string, int>>();
            foreach (var combo in combos)
            {
                for (var value = f.From; value <= f.To; value++)
                {
                    next.Add(new Dictionary<string, int>(combo, StringComparer.Ordinal) { [f.Size] = value });
                }
            }

            combos = next;
            if (combos.Count > ClaimLimits.MaxInstances)
            {
                throw new ClaimsSyntaxException(f.Line, f.Column, $"the `for` lines give more than {ClaimLimits.MaxInstances} size combinations");
            }
        }

        return combos;
    }

    private Dictionary<string, (int From, int To)> Ranges(Dictionary<string, int> sizes)
    {
        var ranges = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (name, index) in _indices)
        {
            var from = index.From.Value ?? sizes[index.From.Size!];
            var to = index.To.Value ?? sizes[index.To.Size!];
            if (from > to)
            {
                throw new ClaimsSyntaxException(index.Line, index.Column,
                    $"the range of '{name}' is empty for {Describe(sizes)}: {from}..{to}");
            }

            if (to - from + 1 > ClaimLimits.MaxRange)
            {
                throw new ClaimsSyntaxException(index.Line, index.Column, $"the range of '{name}' has more than {ClaimLimits.MaxRange} values");
            }

            ranges[name] = (from, to);
        }

        return ranges;
    }

    private BindingScope Scope(Dictionary<string, int> sizes, Dictionary<string, (int From, int To)> ranges, Dictionary<string, int> values) =>
        BindingScope.Empty with
        {
            Sizes = sizes.ToImmutableDictionary(StringComparer.Ordinal),
            IndexRanges = ranges.ToImmutableDictionary(StringComparer.Ordinal),
            IndexValues = values.ToImmutableDictionary(StringComparer.Ordinal),
            Definitions = [.. _definitions],
        };

    /// <summary>
    /// The free indices of the chain: the union of its expressions'. The instances range over all of them, and
    /// an expression without one of them is constant in it, so <c>d/dW_{p,q} C = … x_p</c> (q missing on the
    /// right) is refuted at the instances that differ rather than rejected, and <c>sum(j, d/dz_j s_i) = 0</c>
    /// is checked for every i.
    /// </summary>
    private List<string> FreeIndices(BindingScope scope)
    {
        var free = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _chain)
        {
            free.UnionWith(Binder.FreeIndices(node, scope));
        }

        if (_claim.Psd is { } psd && (!free.Contains(psd.Row!) || !free.Contains(psd.Column!)))
        {
            throw new ClaimsSyntaxException(psd.Line, psd.ColumnPosition,
                $"`psd over {psd.Row}, {psd.Column}` needs both indices free in the chain, whose free indices are {Set(free)}");
        }

        return _indexOrder.Where(free.Contains).ToList();

        static string Set(IReadOnlySet<string> set) => set.Count == 0 ? "none" : "{" + string.Join(", ", set.Order(StringComparer.Ordinal)) + "}";
    }

    private static IEnumerable<Dictionary<string, int>> Assignments(IReadOnlyList<string> names, Dictionary<string, (int From, int To)> ranges)
    {
        var current = new Dictionary<string, int>(StringComparer.Ordinal);
        return Recurse(0);

        IEnumerable<Dictionary<string, int>> Recurse(int position)
        {
            if (position == names.Count)
            {
                yield return new Dictionary<string, int>(current, StringComparer.Ordinal);
                yield break;
            }

            var (from, to) = ranges[names[position]];
            for (var v = from; v <= to; v++)
            {
                current[names[position]] = v;
                foreach (var a in Recurse(position + 1))
                {
                    yield return a;
                }
            }
        }
    }

    private static void CheckDeadline()
    {
        // The ambient limit (WorkDeadline) stops work inside a phase; this check, between instances, is the same limit.
        WorkDeadline.CheckNow();
    }



    private static Dictionary<string, int>? InstanceLabel(Dictionary<string, int> sizes, Dictionary<string, int> values)
    {
        if (sizes.Count == 0 && values.Count == 0)
        {
            return null;
        }

        var label = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, v) in sizes)
        {
            label[k] = v;
        }

        foreach (var (k, v) in values)
        {
            label[k] = v;
        }

        return label;
    }


    private static string InstanceKey(Dictionary<string, int>? instance) =>
        instance is null ? "" : string.Join(",", instance.Select(p => $"{p.Key}={p.Value}"));

    private static string Describe(Dictionary<string, int> sizes) =>
        sizes.Count == 0 ? "these sizes" : string.Join(", ", sizes.Select(p => $"{p.Key} = {p.Value}"));
}
