using GradCheck.Claims.Matrix;

namespace GradCheck.Claims.Checking;

/// <summary>
/// Splits an instance of a claim lowered from matrix notation into what a reader names: the sizes and
/// the writer's own free indices (the <c>instance</c>), and the entry of the vector or matrix (<c>entry</c>:
/// [i] for a vector, [i, j] for a matrix), which the lowered claim carries as index variables of its own.
/// </summary>
public static class EntryLabels
{
    /// <summary>True for an index variable that the matrix front end made for an entry (a writer cannot name one).</summary>
    /// <param name="name">An index name from an instance.</param>
    public static bool IsEntryIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(MatrixLowering.RowPrefix, StringComparison.Ordinal) || name.StartsWith(MatrixLowering.ColumnPrefix, StringComparison.Ordinal);
    }

    /// <summary>The instance without its entry indices.</summary>
    /// <param name="instance">An instance (sizes and index values), or null.</param>
    public static IReadOnlyDictionary<string, int>? WithoutEntry(IReadOnlyDictionary<string, int>? instance) =>
        instance is null || !instance.Keys.Any(IsEntryIndex)
            ? instance
            : instance.Where(p => !IsEntryIndex(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The entry an instance stands for: [i] for a vector, [i, j] for a matrix (a row vector's
    /// entry is [1, j]); null when the instance names no entry.</summary>
    /// <param name="instance">An instance, or null.</param>
    public static IReadOnlyList<int>? Entry(IReadOnlyDictionary<string, int>? instance)
    {
        if (instance is null)
        {
            return null;
        }

        int? row = null, column = null;
        foreach (var (name, value) in instance)
        {
            if (name.StartsWith(MatrixLowering.RowPrefix, StringComparison.Ordinal))
            {
                row = value;
            }
            else if (name.StartsWith(MatrixLowering.ColumnPrefix, StringComparison.Ordinal))
            {
                column = value;
            }
        }

        return (row, column) switch
        {
            (null, null) => null,
            ({ } r, null) => [r],
            (null, { } c) => [1, c],
            ({ } r, { } c) => [r, c],
        };
    }
}
