using System.Collections.Immutable;
using System.Globalization;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// Proves an indexed identity for every size at once (every K ≥ the smallest size of the scope), where
/// the claims checker otherwise proves each K and each value of the free indices separately.
/// </summary>
/// <remarks>
/// <para>Both sides are lowered with sizes left symbolic: a sum over 1..K is reduced by linearity,
/// sum(k, c) = K·c and delta contraction sum(k, delta(k, j)·f(k)) = f(j); derivatives use
/// d/dz_j z_k = delta(k, j) and pass through sums. Every sum that remains becomes an opaque atom (one
/// per alpha-equivalent sum). The free indices that occur in a delta are then split into cases by
/// which of them are equal (and which equal a literal index): in each case every delta is 1 or 0, equal
/// indices name the same symbol, and the two sides go to <see cref="Prover"/> as ordinary
/// expressions over the atoms. The identity is proved only when every case is
/// <see cref="ProofVerdict.Proved"/>.</para>
/// <para>Sound by construction: every rule is an identity for every size ≥ the smallest, an atom is
/// treated as an independent real (an identity over independent reals holds for any values they take),
/// and the cases cover every way the free indices can be equal. A refuted or undecided case says
/// nothing about the claim: the result is then only "not proved for every size" (the atoms may hide a
/// relation the prover would need). Free indices with a fixed range are tried value by value; a
/// <c>prod</c> over a symbolic range, an index used as a number or a size used as a subscript is not
/// handled (not proved for every size, with the reason).</para>
/// </remarks>
/// <example>
/// <code>
/// var scope = IndexedScope.Empty.WithSize("K", 2)
///     .WithIndex("i", IndexRange.Symbolic("K")).WithIndex("j", IndexRange.Symbolic("K")).WithIndex("k", IndexRange.Symbolic("K"))
///     .WithDefinition(new Definition("s", ["i"], ExpressionParser.Parse("exp(z_i)/sum(k, exp(z_k))")));
/// var result = IndexedProver.Prove(ExpressionParser.Parse("d/dz_j s_i"), ExpressionParser.Parse("s_i*(delta(i, j) - s_j)"), scope);
/// Console.WriteLine(result.ProvedForEverySize); // True (2 cases: i = j, i ≠ j)
/// </code>
/// </example>
public static class IndexedProver
{
    /// <summary>The most cases (equalities among free indices × values of fixed-range free indices) tried.</summary>
    public const int MaxCases = 512;

    /// <summary>Proves <c>left = right</c> for every size; see <see cref="IndexedProver"/>.</summary>
    /// <param name="left">The left side's syntax tree.</param>
    /// <param name="right">The right side's syntax tree.</param>
    /// <param name="scope">Sizes, index ranges, definitions and assumptions.</param>
    /// <param name="options">Settings passed to <see cref="Prover"/> for each case; the defaults when null.</param>
    /// <param name="cancellation">Stops the attempt between cases and reductions; the result is then "not attempted".</param>
    /// <returns>Whether it was proved for every size, and how or why not.</returns>
    /// <exception cref="SymbolicSyntaxException">The text cannot be bound (an undeclared index, a derivative with
    /// respect to a let name, …), with the position and the reason.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IndexedProofResult Prove(
        SyntaxNode left, SyntaxNode right, IndexedScope scope, ProverOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(scope);
        options ??= ProverOptions.Default;
        try
        {
            var unitSums = UnitSums(scope);
            var cases = 0;
            foreach (var instance in FixedInstances(left, right, scope))
            {
                var algebra = new IndexAlgebra(scope.Sizes, unitSums, cancellation);
                var lowering = new IndexedLowering(algebra, scope, instance);
                var (l, r) = (lowering.Lower(left), lowering.Lower(right));
                var names = lowering.FreeCodes.ToDictionary(p => p.Value, p => p.Key);
                var at = instance.Count == 0
                    ? string.Empty
                    : " at " + string.Join(", ", instance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " = " + p.Value.ToString(CultureInfo.InvariantCulture)));
                foreach (var split in IndexCases.Enumerate(algebra, l, r, names.Keys))
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (++cases > MaxCases)
                    {
                        return new(false, string.Create(CultureInfo.InvariantCulture, $"not attempted for every size: more than {MaxCases} cases"), cases - 1);
                    }

                    var (caseLeft, caseRight) = (algebra.Rename(l, split.Map, split.Distinct), algebra.Rename(r, split.Map, split.Distinct));
                    var assumptions = AssumptionsFor(algebra, scope, caseLeft, caseRight);
                    var result = Prover.Prove(caseLeft, caseRight, assumptions, options);
                    if (result.Verdict != ProofVerdict.Proved)
                    {
                        return new(false, "not proved for every size: in the case " + split.Describe(names) + at
                            + ", over opaque sums, the prover found no proof (" + result.Method + ")", cases);
                    }
                }
            }

            var sizes = string.Join(", ", scope.Sizes.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + " ≥ " + p.Value.ToString(CultureInfo.InvariantCulture)));
            return new(true, string.Create(CultureInfo.InvariantCulture,
                $"proved for every {sizes}: index calculus (delta contraction, remaining sums as opaque atoms), the rational normal form in {(cases == 1 ? "the one case" : "each of " + cases + " cases")} of equal and distinct free indices"), cases);
        }
        catch (IndexedUnsupportedException unsupported)
        {
            return new(false, "not attempted for every size: " + unsupported.Message, 0);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new(false, "not attempted for every size: stopped (out of time)", 0);
        }
        catch (ArithmeticException arithmetic)
        {
            return new(false, "not attempted for every size: arithmetic failure (" + arithmetic.Message + ")", 0);
        }
    }

    /// <summary>The vectors assumed to sum to 1 over a symbolic range, as (vector, size).</summary>
    private static List<(string Vector, string Size)> UnitSums(IndexedScope scope)
    {
        foreach (var (index, range) in scope.Indices)
        {
            if (range.Size is { } size ? range.From != 1 || range.To is not null || !scope.Sizes.ContainsKey(size) : range.To is null)
            {
                throw new IndexedUnsupportedException("the range of index '" + index + "' is not 1..size with a declared size, nor fixed");
            }

            if (range.Size is null && (range.From < 0 || range.To >= IndexAlgebra.VariableBase))
            {
                throw new IndexedUnsupportedException("the fixed range of index '" + index + "' is out of bounds");
            }
        }

        // A unit sum over a fixed range is expanded like any fixed sum; only its entries' bounds are used then.
        return [.. scope.UnitSumVectors
            .Where(v => scope.Indices.TryGetValue(v.Index, out var range) && range.Size is not null)
            .Select(v => (v.Vector, scope.Indices[v.Index].Size!))];
    }

    /// <summary>Every assignment of values to the free indices with a fixed range (one empty assignment when there are none).</summary>
    private static List<Dictionary<string, int>> FixedInstances(SyntaxNode left, SyntaxNode right, IndexedScope scope)
    {
        var binding = scope.Definitions.Aggregate(BindingScope.Empty, (s, d) => s.WithDefinition(d));
        binding = scope.Sizes.Aggregate(binding, (s, p) => s.WithSize(p.Key, p.Value));
        binding = scope.Indices.Aggregate(binding, (s, p) => s.WithIndexRange(p.Key, p.Value.From, p.Value.To ?? p.Value.From));
        var fixedFree = Binder.FreeIndices(left, binding).Union(Binder.FreeIndices(right, binding))
            .Where(i => scope.Indices.TryGetValue(i, out var range) && range.Size is null)
            .Order(StringComparer.Ordinal);
        var instances = new List<Dictionary<string, int>> { new(StringComparer.Ordinal) };
        foreach (var index in fixedFree)
        {
            var range = scope.Indices[index];
            instances = [.. instances.SelectMany(i => Enumerable.Range(range.From, Math.Max(0, range.To.GetValueOrDefault() - range.From + 1))
                .Select(v => new Dictionary<string, int>(i, StringComparer.Ordinal) { [index] = v }))];
            if (instances.Count > MaxCases)
            {
                throw new IndexedUnsupportedException(string.Create(CultureInfo.InvariantCulture,
                    $"more than {MaxCases} values of the free indices with fixed ranges"));
            }
        }

        return instances;
    }

    /// <summary>What the prover may assume in one case: the scope's domains by name, sizes ≥ their smallest
    /// value, positive sums of exponentials, and entries y_k of unit-sum vectors in [0, 1].</summary>
    private static Assumptions AssumptionsFor(IndexAlgebra algebra, IndexedScope scope, Expr left, Expr right)
    {
        var assumptions = Assumptions.None;
        foreach (var symbol in left.Symbols().Union(right.Symbols()))
        {
            if (algebra.TryGetAtom(symbol, out var atom))
            {
                assumptions = atom.Positive ? assumptions.WithPositive(symbol) : assumptions;
                continue;
            }

            if (symbol.Indices.IsEmpty && scope.Sizes.TryGetValue(symbol.Name, out var smallest))
            {
                assumptions = assumptions.WithInterval(symbol, smallest, double.PositiveInfinity, loOpen: false, hiOpen: true);
                continue;
            }

            var interval = scope.Intervals.GetValueOrDefault(symbol.Name);
            // Only the entries y_k of the vector whose index certainly lies in the vector's range at every size:
            // y_d with d over another size, or a literal beyond the smallest size, is unconstrained (and a
            // y_{a,b} or a plain y is another symbol).
            if (symbol.Indices.Length == 1 && scope.UnitSumVectors.Any(v => v.Vector == symbol.Name
                    && scope.Indices.TryGetValue(v.Index, out var range) && algebra.CertainlyIn(symbol.Indices[0], range)))
            {
                interval = new SymbolInterval(0, 1, false, false).Intersect(interval ?? new SymbolInterval(0, 1, false, false));
            }

            if (interval is not null)
            {
                assumptions = interval.IsEmpty
                    ? throw new IndexedUnsupportedException("the assumptions on " + symbol.Name + " contradict each other")
                    : assumptions.WithInterval(symbol, interval);
            }

            if (scope.Discrete.TryGetValue(symbol.Name, out var values))
            {
                assumptions = assumptions.WithDiscrete(symbol, [.. values]);
            }
        }

        return assumptions;
    }
}
