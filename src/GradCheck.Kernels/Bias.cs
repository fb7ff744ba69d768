using System.Numerics;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>The bias of a dense layer: added to every row going forward, summed over rows going back.</summary>
public static class Bias
{
    /// <summary>matrix[r, c] += bias[c] for every row r of the row-major rows×cols matrix.</summary>
    /// <remarks>NaN/∞ follow IEEE addition (∞ + −∞ = NaN). bias must not overlap matrix.</remarks>
    /// <exception cref="ArgumentException">rows or cols is negative, matrix.Length ≠ rows×cols, bias.Length ≠ cols, or they overlap.</exception>
    public static void AddRows(Span<double> matrix, ReadOnlySpan<double> bias, int rows, int cols) => Add(matrix, bias, rows, cols);

    /// <inheritdoc cref="AddRows(Span{double}, ReadOnlySpan{double}, int, int)"/>
    public static void AddRows(Span<float> matrix, ReadOnlySpan<float> bias, int rows, int cols) => Add(matrix, bias, rows, cols);

    /// <summary>
    /// sums[c] = Σ_r matrix[r, c] over the row-major rows×cols matrix (the bias gradient from the batch of
    /// upstream gradients). sums is overwritten, not accumulated into; with rows = 0 it becomes all zeros.
    /// </summary>
    /// <remarks>NaN/∞ follow IEEE addition. sums must not overlap matrix.</remarks>
    /// <exception cref="ArgumentException">rows or cols is negative, matrix.Length ≠ rows×cols, sums.Length ≠ cols, or they overlap.</exception>
    public static void ColumnSums(ReadOnlySpan<double> matrix, Span<double> sums, int rows, int cols) => Sum(matrix, sums, rows, cols);

    /// <inheritdoc cref="ColumnSums(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void ColumnSums(ReadOnlySpan<float> matrix, Span<float> sums, int rows, int cols) => Sum(matrix, sums, rows, cols);

    private static void Check<T>(string kernel, ReadOnlySpan<T> matrix, ReadOnlySpan<T> vector, int rows, int cols, string matrixName, string vectorName)
    {
        Guard.NonNegative(kernel, rows, nameof(rows));
        Guard.NonNegative(kernel, cols, nameof(cols));
        Guard.MatrixLength(kernel, matrix.Length, rows, cols, matrixName, nameof(rows), nameof(cols));
        Guard.VectorLength(kernel, vector.Length, cols, vectorName, nameof(cols));
        Guard.NoOverlap(kernel, matrix, vector, matrixName, vectorName);
    }

    private static void Add<T>(Span<T> matrix, ReadOnlySpan<T> bias, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check("Bias.AddRows", matrix, bias, rows, cols, nameof(matrix), nameof(bias));
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = matrix.Slice(r * cols, cols);
            Elementwise.Map(default(AddOperator<T>), row, bias, row);
        }
    }

    private static void Sum<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check("Bias.ColumnSums", matrix, sums, rows, cols, nameof(matrix), nameof(sums));
        sums.Clear();
        for (int r = 0; r < rows; r++)
        {
            Elementwise.Map(default(AddOperator<T>), sums, matrix.Slice(r * cols, cols), sums);
        }
    }

    private readonly struct AddOperator<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y) => x + y;

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;

        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x + y;
    }
}
