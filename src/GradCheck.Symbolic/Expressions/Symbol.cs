using System.Collections.Immutable;

namespace GradCheck.Symbolic.Expressions;

/// <summary>
/// A real variable, optionally with concrete integer indices: <c>x</c>, <c>z_1</c>, <c>W_{2,3}</c>.
/// Create with <see cref="Expr.Sym(string, int[])"/>.
/// </summary>
/// <remarks>
/// Names start with a letter and continue with letters or digits (no '_', which starts the subscript);
/// they may not be a function or keyword of the claims syntax (exp, ln, sum, delta, …). Indices are ≥ 0.
/// </remarks>
/// <example><code>Expr.Sym("W", 2, 3).ToString(); // "W_{2,3}"</code></example>
public sealed record Symbol : Expr
{
    internal Symbol(string name, ImmutableArray<int> indices)
        : base(ComputeHash(name, indices))
    {
        Name = name;
        Indices = indices;
    }

    /// <summary>The base name, e.g. "z" for <c>z_1</c>.</summary>
    public string Name { get; }

    /// <summary>The concrete indices (empty for a plain symbol).</summary>
    public ImmutableArray<int> Indices { get; }

    private protected override int Rank => 1;

    /// <summary>Deconstructs into name and indices.</summary>
    public void Deconstruct(out string name, out ImmutableArray<int> indices)
    {
        name = Name;
        indices = Indices;
    }

    private static int ComputeHash(string name, ImmutableArray<int> indices)
    {
        var hash = new HashCode();
        hash.Add(2);
        hash.Add(name, StringComparer.Ordinal);
        foreach (var index in indices)
        {
            hash.Add(index);
        }

        return hash.ToHashCode();
    }

    private protected override int CompareSameRank(Expr other)
    {
        var symbol = (Symbol)other;
        var byName = string.CompareOrdinal(Name, symbol.Name);
        if (byName != 0)
        {
            return byName;
        }

        var n = Math.Min(Indices.Length, symbol.Indices.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Indices[i].CompareTo(symbol.Indices[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return Indices.Length.CompareTo(symbol.Indices.Length);
    }

    /// <inheritdoc />
    public bool Equals(Symbol? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Hash == other.Hash && string.Equals(Name, other.Name, StringComparison.Ordinal) && Indices.AsSpan().SequenceEqual(other.Indices.AsSpan())));

    /// <inheritdoc />
    public override int GetHashCode() => Hash;
}
