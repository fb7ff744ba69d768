using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>Scalar definitions of <see cref="Kernels.Bias"/>.</summary>
public static class Bias
{
    /// <summary>matrix[r, c] += bias[c], row-major rows×cols.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or the spans overlap.</exception>
    public static void AddRows(Span<double> matrix, ReadOnlySpan<double> bias, int rows, int cols)
    {
        Check("Reference.Bias.AddRows", matrix, bias, rows, cols, nameof(matrix), nameof(bias));
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                matrix[(r * cols) + c] += bias[c];
            }
        }
    }

    /// <inheritdoc cref="AddRows(Span{double}, ReadOnlySpan{double}, int, int)"/>
    public static void AddRows(Span<float> matrix, ReadOnlySpan<float> bias, int rows, int cols)
    {
        Check("Reference.Bias.AddRows", matrix, bias, rows, cols, nameof(matrix), nameof(bias));
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                matrix[(r * cols) + c] += bias[c];
            }
        }
    }

    /// <summary>sums[c] = Σ_r matrix[r, c] (overwrites sums), row-major rows×cols.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length does not match, or the spans overlap.</exception>
    public static void ColumnSums(ReadOnlySpan<double> matrix, Span<double> sums, int rows, int cols)
    {
        Check("Reference.Bias.ColumnSums", matrix, sums, rows, cols, nameof(matrix), nameof(sums));
        for (int c = 0; c < cols; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                sum += matrix[(r * cols) + c];
            }

            sums[c] = sum;
        }
    }

    /// <inheritdoc cref="ColumnSums(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void ColumnSums(ReadOnlySpan<float> matrix, Span<float> sums, int rows, int cols)
    {
        Check("Reference.Bias.ColumnSums", matrix, sums, rows, cols, nameof(matrix), nameof(sums));
        for (int c = 0; c < cols; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++)
            {
                sum += matrix[(r * cols) + c];
            }

            sums[c] = sum;
        }
    }

    private static void Check<T>(string kernel, ReadOnlySpan<T> matrix, ReadOnlySpan<T> vector, int rows, int cols, string matrixName, string vectorName)
    {
        Guard.NonNegative(kernel, rows, nameof(rows));
        Guard.NonNegative(kernel, cols, nameof(cols));
        Guard.MatrixLength(kernel, matrix.Length, rows, cols, matrixName, nameof(rows), nameof(cols));
        Guard.VectorLength(kernel, vector.Length, cols, vectorName, nameof(cols));
        Guard.NoOverlap(kernel, matrix, vector, matrixName, vectorName);
    }
}
