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
    public Assumptions WithInterval(Symbol symbol, double lo, double hi, bool loOpen, bool hiOpen)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var interval = new SymbolInterval(lo, hi, loOpen, hiOpen);
        if (Intervals.TryGetValue(symbol, out var earlier))
        {
            interval = earlier.Intersect(interval);
        }

        if (interval.IsEmpty)
        {
            throw new ArgumentException("the assumed interval of " + symbol + " is empty", nameof(hi));
        }

        return new(Intervals.SetItem(symbol, interval), Discrete, Simplexes, OneHots);
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
/// <param name="Lo">Lower end (may be −∞).</param>
/// <param name="Hi">Upper end (may be +∞).</param>
/// <param name="LoOpen">True when <paramref name="Lo"/> is excluded.</param>
/// <param name="HiOpen">True when <paramref name="Hi"/> is excluded.</param>
public sealed record SymbolInterval(double Lo, double Hi, bool LoOpen, bool HiOpen)
{
    /// <summary>True when no real number satisfies the interval.</summary>
    public bool IsEmpty => double.IsNaN(Lo) || double.IsNaN(Hi) || Lo > Hi || (Lo == Hi && (LoOpen || HiOpen));

    /// <summary>True when <paramref name="x"/> lies in the interval.</summary>
    public bool Contains(double x) => (LoOpen ? x > Lo : x >= Lo) && (HiOpen ? x < Hi : x <= Hi);

    /// <summary>The intersection of two intervals.</summary>
    public SymbolInterval Intersect(SymbolInterval other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (lo, loOpen) = Lo > other.Lo ? (Lo, LoOpen) : Lo < other.Lo ? (other.Lo, other.LoOpen) : (Lo, LoOpen || other.LoOpen);
        var (hi, hiOpen) = Hi < other.Hi ? (Hi, HiOpen) : Hi > other.Hi ? (other.Hi, other.HiOpen) : (Hi, HiOpen || other.HiOpen);
        return new(lo, hi, loOpen, hiOpen);
    }
}
