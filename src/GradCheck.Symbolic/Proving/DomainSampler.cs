using System.Collections.Immutable;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// Random points of the domains that <see cref="Assumptions"/> describe, seeded and deterministic: the
/// one sampler behind the prover's counterexample and domain searches and the claims checker's numeric
/// checks (finite-difference cross-checks, positive-semidefiniteness).
/// </summary>
/// <remarks>
/// <para>Each point assigns, in this order:</para>
/// <list type="bullet">
/// <item>every one-hot group of the assumptions: one entry, chosen uniformly, is 1, the others 0;</item>
/// <item>every simplex group none of whose entries is set yet: distinct cut points on the grid of
/// multiples of 2⁻²⁰ in (0, 1), so the parts are positive and sum to exactly 1;</item>
/// <item>every requested symbol not set yet: a discrete set's value chosen uniformly (its enclosure is the
/// rational's, since 1/3 is not a double); else a point of its assumed interval (open ends excluded;
/// a half-bounded interval reaches 3·scale beyond its finite end); else a point of
/// [−<see cref="UnassumedHalfWidth"/>·scale, <see cref="UnassumedHalfWidth"/>·scale].</item>
/// </list>
/// <para>Interval values are multiples of 2⁻²⁰ (except in an interval too narrow to hold one, whose
/// midpoint or closed end is used): exact doubles whose sums are exact too, so a counterexample's
/// coordinates are the very numbers that were evaluated.</para>
/// <para>The same assumptions, symbols and seed give the same sequence of points.</para>
/// </remarks>
/// <example>
/// <code>
/// var y = Expr.Sym("y");
/// var sampler = new DomainSampler(Assumptions.None.WithPositive(y), [y], seed: 7);
/// var point = sampler.Next();   // 0 &lt; point.Values[y] ≤ 3, a multiple of 2^-20
/// </code>
/// </example>
public sealed class DomainSampler
{
    /// <summary>Half the width of the range unassumed symbols are drawn from at scale 1: [−2, 2].</summary>
    public const double UnassumedHalfWidth = 2;

    /// <summary>How far beyond its finite end a half-bounded interval is sampled at scale 1.</summary>
    public const double HalfBoundedReach = 3;

    /// <summary>Sample values are multiples of 1/<see cref="Grid"/> = 2⁻²⁰.</summary>
    private const int Grid = 1 << 20;

    private const int NarrowIntervalAttempts = 64;

    private readonly Assumptions _assumptions;
    private readonly ImmutableArray<Symbol> _symbols;
#pragma warning disable CA5394 // Sampling points for a numeric check, not security: a seeded PRNG is what we want.
    private readonly Random _random;

    /// <summary>Creates a sampler.</summary>
    /// <param name="assumptions">The domains: intervals, discrete sets, simplexes, one-hot vectors.</param>
    /// <param name="symbols">The symbols every point assigns (entries of the assumptions' vector groups
    /// are assigned too, whether listed or not).</param>
    /// <param name="seed">Fixes the sequence of points.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DomainSampler(Assumptions assumptions, IEnumerable<Symbol> symbols, int seed)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        ArgumentNullException.ThrowIfNull(symbols);
        _assumptions = assumptions;
        _symbols = [.. symbols.Distinct().Order()];
        _random = new Random(seed);
    }

    /// <summary>Draws the next point.</summary>
    /// <param name="scale">Stretches the ranges of unassumed symbols and the reach of half-bounded intervals
    /// (1 for the usual ranges; the prover uses 4 for every fourth point when seeking a counterexample, so a
    /// claim that fails only beyond the usual range, relu(x − 3) = 0, is still found). Bounded intervals,
    /// discrete sets and vectors do not stretch.</param>
    /// <returns>Every symbol's value and its enclosure.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a finite positive number.</exception>
    public DomainPoint Next(double scale = 1)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the sampling scale must be a finite positive number");
        }

        var enclosures = new Dictionary<Symbol, Interval>();
        var values = new Dictionary<Symbol, double>();
        void Set(Symbol s, double x)
        {
            enclosures[s] = Interval.Point(x);
            values[s] = x;
        }

        foreach (var group in _assumptions.OneHots)
        {
            var hot = _random.Next(group.Length);
            for (var k = 0; k < group.Length; k++)
            {
                Set(group[k], k == hot ? 1 : 0);
            }
        }

        foreach (var group in _assumptions.Simplexes)
        {
            if (group.Any(values.ContainsKey))
            {
                continue;
            }

            var cuts = new SortedSet<int> { 0, Grid };
            while (cuts.Count < group.Length + 1)
            {
                cuts.Add(_random.Next(1, Grid));
            }

            var ends = cuts.ToArray();
            for (var k = 0; k < group.Length; k++)
            {
                Set(group[k], (ends[k + 1] - ends[k]) / (double)Grid);
            }
        }

        foreach (var symbol in _symbols)
        {
            if (values.ContainsKey(symbol))
            {
                continue;
            }

            if (_assumptions.Discrete.TryGetValue(symbol, out var choices))
            {
                var choice = choices[_random.Next(choices.Length)];
                enclosures[symbol] = Interval.FromRational(choice);
                values[symbol] = choice.ToDouble();
                continue;
            }

            if (_assumptions.Intervals.TryGetValue(symbol, out var interval))
            {
                var x = SampleIn(interval, scale);
                Set(symbol, x);
                if (!interval.Contains(x))
                {
                    // No double lies in the interval ([1/10, 1/10]): the enclosure covers the whole interval,
                    // so interval arithmetic at this point still speaks for the exact values.
                    enclosures[symbol] = new Interval(interval.Lo, interval.Hi);
                }

                continue;
            }

            Set(symbol, OnGrid(scale * (-UnassumedHalfWidth + (2 * UnassumedHalfWidth * _random.NextDouble()))));
        }

        return new DomainPoint(values, enclosures);
    }

    private double SampleIn(SymbolInterval interval, double scale)
    {
        double lo = interval.Lo, hi = interval.Hi;
        if (double.IsNegativeInfinity(lo) && double.IsPositiveInfinity(hi))
        {
            (lo, hi) = (-UnassumedHalfWidth * scale, UnassumedHalfWidth * scale);
        }
        else if (double.IsNegativeInfinity(lo))
        {
            lo = hi - (HalfBoundedReach * scale);
        }
        else if (double.IsPositiveInfinity(hi))
        {
            hi = lo + (HalfBoundedReach * scale);
        }

        for (var attempt = 0; attempt < NarrowIntervalAttempts; attempt++)
        {
            var x = OnGrid(lo + ((hi - lo) * _random.NextDouble()));
            if (interval.Contains(x))
            {
                return x;
            }
        }

        // A very narrow interval: its midpoint (or an end, when closed) is in it, unless no double is
        // (the caller then widens the enclosure to the whole interval).
        var mid = lo + ((hi - lo) / 2);
        return interval.Contains(mid) ? mid : interval.Contains(lo) ? lo : interval.Contains(hi) ? hi : mid;
    }
#pragma warning restore CA5394

    private static double OnGrid(double x) => Math.Round(x * Grid) / Grid;
}

/// <summary>One point drawn by <see cref="DomainSampler"/>.</summary>
/// <param name="Values">Every symbol's value as a double.</param>
/// <param name="Enclosures">Every symbol's value as an interval: the point itself, except for a discrete
/// value that is not a double (1/3), whose enclosure holds the exact rational.</param>
public sealed record DomainPoint(IReadOnlyDictionary<Symbol, double> Values, IReadOnlyDictionary<Symbol, Interval> Enclosures);
