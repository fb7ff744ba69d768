using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>Row-wise log-softmax of a row-major rows×cols matrix, computed without forming the softmax.</summary>
public static class LogSoftmax
{
    /// <summary>
    /// y[r, k] = (x[r, k] − m_r) − ln Σ_j exp(x[r, j] − m_r) with m_r the row maximum: exact for logits far
    /// apart, where ln(softmax) would give −∞.
    /// </summary>
    /// <remarks>
    /// <para>x and y are row-major rows×cols; y may be x itself (in place) but must not partly overlap it.</para>
    /// <para>NaN/∞ policy: −∞ entries give −∞; a row holding a NaN or a +∞, or made only of −∞, comes out all NaN.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">rows or cols is negative, a span's length is not rows×cols, or y partly overlaps x.</exception>
    public static void Rows(ReadOnlySpan<double> x, Span<double> y, int rows, int cols) => Run(x, y, rows, cols);

    /// <inheritdoc cref="Rows(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void Rows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols) => Run(x, y, rows, cols);

    private static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowGuard.Check("LogSoftmax.Rows", x, y, rows, cols, nameof(x), nameof(y));
        // Read-only passes, then one write: (x − max) − ln Σ exp(x − max), which is also safe in place. Each row's
        // max is found while the previous row's exps are summed (see RowMath.ExpShiftedSum).
        T max = rows > 0 ? RowMath.Max(x[..cols]) : T.Zero;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * cols, cols);
            Span<T> yr = y.Slice(r * cols, cols);
            T rowMax = max;
            T sum = RowMath.SumExpShifted(xr, rowMax, RowMath.NextRow(x, r, rows, cols), out max);
            RowMath.SubtractTwice(xr, rowMax, T.Log(sum), yr);
        }
    }
}
