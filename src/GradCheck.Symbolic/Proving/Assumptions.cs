using System.Collections.Immutable;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Symbolic.Proving;

/// <summary>
/// What is assumed about the symbols of a claim: intervals, discrete sets, and side relations over
/// vectors (simplex: yₖ ≥ 0 and Σ yₖ = 1; one-hot: exactly one yₖ is 1, the rest 0). Immutable:
/// every <c>With…</c> returns a new instance. Unassumed symbols range over the reals; numeric
/// samples for them come from [−2, 2].
/// </summary>
/// <remarks>
/// The prover uses discrete sets and one-hot vectors by proving the identity for each value
/// (each position of the 1), and a simplex by substituting its last entry: y_K = 1 − Σ_{k&lt;K} yₖ.
/// Intervals restrict where counterexamples are sought, domain counterexamples included (a point where
/// one side is real and the other is not): ln(x·y) = ln x + ln y is refuted over the reals and proved
/// under x &gt; 0, y &gt; 0. The symbolic proof holds on all reals where both sides are defined, hence in
/// particular on the intervals.
/// </remarks>
/// <example>
/// <code>
/// var y = Expr.Sym("y");
/// var a = Assumptions.None.WithInterval(y, 0, 1, loOpen: false, hiOpen: false);
/// </code>
/// </example>
public sealed class Assumptions
{
    private Assumptions(
        ImmutableDictionary<Symbol, SymbolInterval> intervals,
        ImmutableDictionary<Symbol, ImmutableArray<Rational>> discrete,
        ImmutableList<ImmutableArray<Symbol>> simplexes,
        ImmutableList<ImmutableArray<Symbol>> oneHots)
    {
        Intervals = intervals;
        Discrete = discrete;
        Simplexes = simplexes;
        OneHots = oneHots;
    }

    /// <summary>No assumptions: every symbol ranges over the reals.</summary>
    public static Assumptions None { get; } = new(
        ImmutableDictionary<Symbol, SymbolInterval>.Empty,
        ImmutableDictionary<Symbol, ImmutableArray<Rational>>.Empty,
        [],
        []);

    /// <summary>The interval of each symbol that has one.</summary>
    public ImmutableDictionary<Symbol, SymbolInterval> Intervals { get; }

    /// <summary>The finite set of values of each symbol that has one.</summary>
    public ImmutableDictionary<Symbol, ImmutableArray<Rational>> Discrete { get; }

    /// <summary>Groups of symbols forming probability vectors.</summary>
    public ImmutableList<ImmutableArray<Symbol>> Simplexes { get; }

    /// <summary>Groups of symbols forming one-hot vectors.</summary>
    public ImmutableList<ImmutableArray<Symbol>> OneHots { get; }

    /// <summary>Assumes <paramref name="symbol"/> lies in an interval (intersected with any earlier one).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="lo">Lower end (may be −∞).</param>
    /// <param name="hi">Upper end (may be +∞).</param>
    /// <param name="loOpen">True when <paramref name="lo"/> itself is excluded.</param>
    /// <param name="hiOpen">True when <paramref name="hi"/> itself is excluded.</param>
    /// <exception cref="ArgumentException">An end is NaN, or the interval (after intersection) is empty.</exception>
    public Assumptions WithInterval(Symbol symbol, double lo, double hi, bool loOpen, bool hiOpen) =>
        WithInterval(symbol, new SymbolInterval(lo, hi, loOpen, hiOpen));

    /// <summary>Assumes <paramref name="symbol"/> lies in <paramref name="interval"/> (intersected with any earlier one);
    /// use <see cref="SymbolInterval.FromRationals"/> for ends that are not doubles (0.1, 1/3).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="interval">The interval.</param>
    /// <exception cref="ArgumentException">An end is NaN, or the interval (after intersection) is empty.</exception>
    public Assumptions WithInterval(Symbol symbol, SymbolInterval interval)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(interval);
        if (Intervals.TryGetValue(symbol, out var earlier))
        {
            interval = earlier.Intersect(interval);
        }

        if (interval.IsEmpty)
        {
            throw new ArgumentException("the assumed interval of " + symbol + " is empty", nameof(interval));
        }

        // A single point ([1/10, 1/10]) is a discrete value: checked exactly, not at the double nearest it.
        var discrete = interval.SinglePoint is { } point && !Discrete.ContainsKey(symbol) ? Discrete.SetItem(symbol, [point]) : Discrete;
        return new(Intervals.SetItem(symbol, interval), discrete, Simplexes, OneHots);
    }

    /// <summary>Assumes <paramref name="symbol"/> &gt; 0.</summary>
    public Assumptions WithPositive(Symbol symbol) => WithInterval(symbol, 0, double.PositiveInfinity, true, true);

    /// <summary>Assumes <paramref name="symbol"/> &lt; 0.</summary>
    public Assumptions WithNegative(Symbol symbol) => WithInterval(symbol, double.NegativeInfinity, 0, true, true);

    /// <summary>Assumes <paramref name="symbol"/> takes only the given values (a claim must hold for each).</summary>
    /// <exception cref="ArgumentException">No values are given.</exception>
    public Assumptions WithDiscrete(Symbol symbol, params Rational[] values)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("a discrete domain needs at least one value", nameof(values));
        }

        return new(Intervals, Discrete.SetItem(symbol, [.. values.Distinct().Order()]), Simplexes, OneHots);
    }

    /// <summary>Assumes the symbols form a probability vector: each ≥ 0 and their sum is 1.</summary>
    /// <exception cref="ArgumentException">The list is empty or repeats a symbol.</exception>
    public Assumptions WithSimplex(IReadOnlyList<Symbol> symbols) =>
        new(Intervals, Discrete, Simplexes.Add(CheckGroup(symbols)), OneHots);

    /// <summary>Assumes the symbols form a one-hot vector: exactly one is 1, the others 0.</summary>
    /// <exception cref="ArgumentException">The list is empty or repeats a symbol.</exception>
    public Assumptions WithOneHot(IReadOnlyList<Symbol> symbols) =>
        new(Intervals, Discrete, Simplexes, OneHots.Add(CheckGroup(symbols)));

    /// <summary>
    /// The signs <paramref name="symbol"/> can take under these assumptions: from its interval (x &gt; 0 gives
    /// {+}, x ≥ 0 gives {0, +}), its discrete values, or its simplex or one-hot vector (entries are ≥ 0).
    /// </summary>
    internal SignSet SignOf(Symbol symbol)
    {
        var signs = SignSet.Any;
        if (Intervals.TryGetValue(symbol, out var i))
        {
            signs = i.Lo > 0 || (i.Lo == 0 && i.LoOpen) ? SignSet.Positive
                : i.Lo == 0 ? SignSet.NonNegative
                : i.Hi < 0 || (i.Hi == 0 && i.HiOpen) ? SignSet.Negative
                : i.Hi == 0 ? SignSet.NonPositive
                : SignSet.Any;
        }

        if (Discrete.TryGetValue(symbol, out var values))
        {
            signs = signs.Intersect(values.Select(v => SignSet.Of(v.Sign)).Aggregate((a, b) => a.Union(b)));
        }

        if (Simplexes.Any(g => g.Contains(symbol)) || OneHots.Any(g => g.Contains(symbol)))
        {
            signs = signs.Intersect(SignSet.NonNegative);
        }

        return signs;
    }

    private static ImmutableArray<Symbol> CheckGroup(IReadOnlyList<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0 || symbols.Distinct().Count() != symbols.Count)
        {
            throw new ArgumentException("a vector assumption needs distinct symbols", nameof(symbols));
        }

        return [.. symbols];
    }
}

/// <summary>An interval domain of one symbol.</summary>
/// <param name="Lo">Lower end (may be −∞); when the interval was given in rationals, the end rounded
/// down to a double (<see cref="ExactLo"/> holds the exact end).</param>
/// <param name="Hi">Upper end (may be +∞); rounded up to a double when <see cref="ExactHi"/> is set.</param>
/// <param name="LoOpen">True when the lower end is excluded.</param>
/// <param name="HiOpen">True when the upper end is excluded.</param>
/// <remarks>
/// The doubles enclose the exact interval, so reasoning on them (signs, enclosures) stays sound: a lower
/// end of −10⁻⁴⁰⁰ is not read as 0, and [1/10, 1/10] is not read as the double nearest 0.1. Membership
/// (<see cref="Contains"/>, <see cref="ContainsExactly"/>) and emptiness use the exact ends.
/// </remarks>
public sealed record SymbolInterval(double Lo, double Hi, bool LoOpen, bool HiOpen)
{
    /// <summary>The exact lower end when it is not the double <see cref="Lo"/> itself; null otherwise.</summary>
    public Rational? ExactLo { get; init; }

    /// <summary>The exact upper end when it is not the double <see cref="Hi"/> itself; null otherwise.</summary>
    public Rational? ExactHi { get; init; }

    /// <summary>True when no real number satisfies the interval.</summary>
    public bool IsEmpty
    {
        get
        {
            if (double.IsNaN(Lo) || double.IsNaN(Hi))
            {
                return true;
            }

            return LowerExact is { } lo && UpperExact is { } hi
                ? lo > hi || (lo == hi && (LoOpen || HiOpen))
                : Lo > Hi || (Lo == Hi && (LoOpen || HiOpen));
        }
    }

    // The exact ends; null for an infinite end.
    private Rational? LowerExact => ExactLo ?? (double.IsFinite(Lo) ? ExactRational.Of(Lo) : null);

    private Rational? UpperExact => ExactHi ?? (double.IsFinite(Hi) ? ExactRational.Of(Hi) : null);

    /// <summary>An interval with exact rational ends (null for an infinite end), its doubles rounded outward.</summary>
    /// <param name="lo">Lower end, or null for −∞.</param>
    /// <param name="hi">Upper end, or null for +∞.</param>
    /// <param name="loOpen">True when the lower end is excluded.</param>
    /// <param name="hiOpen">True when the upper end is excluded.</param>
    public static SymbolInterval FromRationals(Rational? lo, Rational? hi, bool loOpen, bool hiOpen)
    {
        static double Down(Rational r)
        {
            var d = r.ToDouble();
            return double.IsPositiveInfinity(d) ? double.MaxValue
                : double.IsFinite(d) && ExactRational.Of(d) > r ? Math.BitDecrement(d) : d;
        }

        static double Up(Rational r)
        {
            var d = r.ToDouble();
            return double.IsNegativeInfinity(d) ? -double.MaxValue
                : double.IsFinite(d) && ExactRational.Of(d) < r ? Math.BitIncrement(d) : d;
        }

        var loDouble = lo is { } l ? Down(l) : double.NegativeInfinity;
        var hiDouble = hi is { } h ? Up(h) : double.PositiveInfinity;

        // Keep an exact end only where its double is not exact, so ordinary intervals ([0, 1]) stay on the fast path.
        return new(loDouble, hiDouble, loOpen, hiOpen)
        {
            ExactLo = lo is { } a && !IsExactly(loDouble, a) ? a : null,
            ExactHi = hi is { } b && !IsExactly(hiDouble, b) ? b : null,
        };
    }

    private static bool IsExactly(double d, Rational r) => double.IsFinite(d) && ExactRational.Of(d) == r;

    /// <summary>True when <paramref name="x"/> lies in the interval (judged on the exact ends).</summary>
    public bool Contains(double x) =>
        (LoOpen ? x > Lo : x >= Lo) && (HiOpen ? x < Hi : x <= Hi)
        && (ExactLo is null && ExactHi is null || !double.IsFinite(x) || ContainsExactly(ExactRational.Of(x)));

    /// <summary>The only number in the interval when it is a closed single point ([a, a]); null otherwise.</summary>
    public Rational? SinglePoint =>
        !LoOpen && !HiOpen && LowerExact is { } lo && UpperExact is { } hi && lo == hi ? lo : null;

    /// <summary>True when the exact number <paramref name="x"/> lies in the interval.</summary>
    public bool ContainsExactly(Rational x) =>
        (LowerExact is not { } lo || (LoOpen ? x > lo : x >= lo)) && (UpperExact is not { } hi || (HiOpen ? x < hi : x <= hi));

    /// <summary>The intersection of two intervals (compared on their exact ends).</summary>
    public SymbolInterval Intersect(SymbolInterval other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var lower = CompareEnds(LowerExact, other.LowerExact, nullIsLarge: false);
        var upper = CompareEnds(UpperExact, other.UpperExact, nullIsLarge: true);
        var (lo, loOpen, exactLo) = lower > 0 ? (Lo, LoOpen, ExactLo) : lower < 0 ? (other.Lo, other.LoOpen, other.ExactLo) : (Lo, LoOpen || other.LoOpen, ExactLo);
        var (hi, hiOpen, exactHi) = upper < 0 ? (Hi, HiOpen, ExactHi) : upper > 0 ? (other.Hi, other.HiOpen, other.ExactHi) : (Hi, HiOpen || other.HiOpen, ExactHi);
        return new(lo, hi, loOpen, hiOpen) { ExactLo = exactLo, ExactHi = exactHi };
    }

    // Compares two ends where null is an infinite end (−∞ for lower ends, +∞ for upper ends).
    private static int CompareEnds(Rational? a, Rational? b, bool nullIsLarge) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => nullIsLarge ? 1 : -1,
        (_, null) => nullIsLarge ? -1 : 1,
        ({ } x, { } y) => x.CompareTo(y),
    };
}
