using System.Collections.Immutable;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Symbolic.Indexed;

/// <summary>
/// The range of an index variable for <see cref="IndexedProver"/>: either <c>1..Size</c> with a
/// symbolic size (<c>index i in 1..K</c>) or a fixed range (<c>index d in 1..3</c>).
/// </summary>
/// <param name="From">The first value of a fixed range (1 for a symbolic range).</param>
/// <param name="To">The last value of a fixed range; null for a symbolic range.</param>
/// <param name="Size">The size symbol of a symbolic range <c>1..Size</c>; null for a fixed range.</param>
public sealed record IndexRange(int From, int? To, string? Size)
{
    /// <summary>The symbolic range <c>1..size</c>.</summary>
    /// <param name="size">The size symbol, e.g. "K".</param>
    public static IndexRange Symbolic(string size) => new(1, null, size);

    /// <summary>The fixed range <c>from..to</c> (empty when <paramref name="to"/> &lt; <paramref name="from"/>).</summary>
    public static IndexRange Fixed(int from, int to) => new(from, to, null);
}

/// <summary>
/// What <see cref="IndexedProver"/> knows about a claim: its sizes (each with the smallest value the
/// proof must cover), index ranges, <c>let</c> definitions, and assumptions by name (an assumption on
/// a name applies to the plain symbol and to every indexed entry of it). Immutable.
/// </summary>
/// <example>
/// <code>
/// var scope = IndexedScope.Empty.WithSize("K", 2)
///     .WithIndex("i", IndexRange.Symbolic("K")).WithIndex("j", IndexRange.Symbolic("K")).WithIndex("k", IndexRange.Symbolic("K"))
///     .WithDefinition(new Definition("s", ["i"], ExpressionParser.Parse("exp(z_i)/sum(k, exp(z_k))")));
/// </code>
/// </example>
public sealed record IndexedScope
{
    /// <summary>No sizes, indices, definitions or assumptions.</summary>
    public static IndexedScope Empty { get; } = new();

    /// <summary>Size symbol → the smallest size the proof is for (a proof holds for every size ≥ it).</summary>
    public ImmutableDictionary<string, int> Sizes { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>Index variable → its range.</summary>
    public ImmutableDictionary<string, IndexRange> Indices { get; init; } =
        ImmutableDictionary.Create<string, IndexRange>(StringComparer.Ordinal);

    /// <summary>The definitions in order; each may use the ones before it.</summary>
    public ImmutableList<Definition> Definitions { get; init; } = [];

    /// <summary>Name → assumed interval (of the plain symbol and of every indexed entry).</summary>
    public ImmutableDictionary<string, SymbolInterval> Intervals { get; init; } =
        ImmutableDictionary.Create<string, SymbolInterval>(StringComparer.Ordinal);

    /// <summary>Name → assumed finite set of values (of the plain symbol and of every indexed entry).</summary>
    public ImmutableDictionary<string, ImmutableArray<Rational>> Discrete { get; init; } =
        ImmutableDictionary.Create<string, ImmutableArray<Rational>>(StringComparer.Ordinal);

    /// <summary>Vectors summing to 1 over an index's range (from <c>assume y simplex over k</c> or
    /// <c>onehot over k</c>): each entry is in [0, 1] and <c>sum(k, y_k) = 1</c>.</summary>
    public ImmutableList<(string Vector, string Index)> UnitSumVectors { get; init; } = [];

    /// <summary>Declares a size symbol and the smallest size the proof must cover.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is less than 1.</exception>
    public IndexedScope WithSize(string size, int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        return this with { Sizes = Sizes.SetItem(size, minimum) };
    }

    /// <summary>Declares an index variable and its range.</summary>
    public IndexedScope WithIndex(string index, IndexRange range) => this with { Indices = Indices.SetItem(index, range) };

    /// <summary>Appends a definition (it may use the definitions already in the scope).</summary>
    public IndexedScope WithDefinition(Definition definition) => this with { Definitions = Definitions.Add(definition) };

    /// <summary>Assumes an interval for a name (intersected with an earlier one).</summary>
    /// <exception cref="ArgumentException">The intersection is empty.</exception>
    public IndexedScope WithInterval(string name, SymbolInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var combined = Intervals.TryGetValue(name, out var earlier) ? earlier.Intersect(interval) : interval;
        if (combined.IsEmpty)
        {
            throw new ArgumentException("the assumed interval of " + name + " is empty", nameof(interval));
        }

        return this with { Intervals = Intervals.SetItem(name, combined) };
    }

    /// <summary>Assumes a finite set of values for a name.</summary>
    /// <exception cref="ArgumentException">No values are given.</exception>
    public IndexedScope WithDiscrete(string name, ImmutableArray<Rational> values) =>
        values.IsDefaultOrEmpty
            ? throw new ArgumentException("a discrete domain needs at least one value", nameof(values))
            : this with { Discrete = Discrete.SetItem(name, values) };

    /// <summary>Assumes <c>sum(index, vector_index) = 1</c> with entries in [0, 1] (a simplex or one-hot vector).</summary>
    public IndexedScope WithUnitSum(string vector, string index) => this with { UnitSumVectors = UnitSumVectors.Add((vector, index)) };
}

/// <summary>
/// The outcome of <see cref="IndexedProver.Prove"/>: whether the identity was proved for every size
/// at once, and how (or why not).
/// </summary>
/// <param name="ProvedForEverySize">True only when every case of the free indices was proved; false
/// means "not proved for every size", never "false".</param>
/// <param name="Method">How it was proved, or why not, in words (for reports).</param>
/// <param name="Cases">How many cases of equal and distinct free indices were examined.</param>
public sealed record IndexedProofResult(bool ProvedForEverySize, string Method, int Cases);
