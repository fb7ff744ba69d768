namespace GradCheck.Kernels.Internal;

/// <summary>Shape checks for the row-wise kernels (a rows×cols matrix in, one of the same shape out).</summary>
internal static class RowGuard
{
    public static void Check<T>(string kernel, ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows, int cols, string xName, string yName)
    {
        Guard.NonNegative(kernel, rows, nameof(rows));
        Guard.NonNegative(kernel, cols, nameof(cols));
        Guard.MatrixLength(kernel, x.Length, rows, cols, xName, nameof(rows), nameof(cols));
        Guard.MatrixLength(kernel, y.Length, rows, cols, yName, nameof(rows), nameof(cols));
        Guard.NoPartialOverlap(kernel, x, y, xName, yName);
    }
}
