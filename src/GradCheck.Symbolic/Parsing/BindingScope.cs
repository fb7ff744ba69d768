using System.Collections.Immutable;

namespace GradCheck.Symbolic.Parsing;

/// <summary>
/// A definition made by <c>let</c>: <c>let s_i = exp(z_i) / sum(k, exp(z_k))</c> is
/// <c>Definition("s", ["i"], body)</c>. A use <c>s_j</c> binds the body with i := the value of j.
/// </summary>
/// <param name="Name">The defined name.</param>
/// <param name="IndexParameters">The index parameters, in subscript order (empty for <c>let C = …</c>).</param>
/// <param name="Body">The defining expression.</param>
public sealed record Definition(string Name, IReadOnlyList<string> IndexParameters, SyntaxNode Body);

/// <summary>
/// What names mean while binding: index ranges and values, sizes and definitions. Immutable; the
/// <c>With…</c> methods return a new scope.
/// </summary>
/// <example>
/// <code>
/// var scope = BindingScope.Empty.WithSize("K", 3).WithIndexRange("k", 1, 3);
/// Binder.Bind(ExpressionParser.Parse("sum(k, z_k)"), scope).ToString(); // "z_1 + z_2 + z_3"
/// </code>
/// </example>
public sealed record BindingScope
{
    /// <summary>No indices, sizes or definitions.</summary>
    public static BindingScope Empty { get; } = new();

    /// <summary>Index variable → its range (inclusive), already resolved for the current sizes.</summary>
    public ImmutableDictionary<string, (int From, int To)> IndexRanges { get; init; } =
        ImmutableDictionary.Create<string, (int From, int To)>(StringComparer.Ordinal);

    /// <summary>Index variable → its current value (the free indices of the instance being checked).</summary>
    public ImmutableDictionary<string, int> IndexValues { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>Size symbol → its value; a bare size name in an expression is that number.</summary>
    public ImmutableDictionary<string, int> Sizes { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>The definitions in order; each may use the ones before it.</summary>
    public ImmutableList<Definition> Definitions { get; init; } = [];

    /// <summary>Declares an index variable with its range.</summary>
    public BindingScope WithIndexRange(string index, int from, int to) =>
        this with { IndexRanges = IndexRanges.SetItem(index, (from, to)) };

    /// <summary>Gives an index variable a value.</summary>
    public BindingScope WithIndexValue(string index, int value) => this with { IndexValues = IndexValues.SetItem(index, value) };

    /// <summary>Sets a size symbol's value.</summary>
    public BindingScope WithSize(string size, int value) => this with { Sizes = Sizes.SetItem(size, value) };

    /// <summary>Appends a definition (it may use the definitions already in the scope).</summary>
    public BindingScope WithDefinition(Definition definition) => this with { Definitions = Definitions.Add(definition) };
}
