using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>Row-wise softmax of a row-major rows×cols matrix, stable for any finite logits.</summary>
public static class Softmax
{
    /// <summary>
    /// y[r, k] = exp(x[r, k] − m_r) / Σ_j exp(x[r, j] − m_r) with m_r the row maximum, so [1000, 0, −1000]
    /// gives [1, 0, 0] (e^−1000 underflows) rather than the NaN an unshifted softmax produces.
    /// </summary>
    /// <remarks>
    /// <para>x and y are row-major rows×cols; y may be x itself (in place) but must not partly overlap it.</para>
    /// <para>NaN/∞ policy: −∞ entries get probability 0; a row holding a NaN or a +∞, or made only of −∞,
    /// comes out all NaN (there is no honest finite answer to return).</para>
    /// </remarks>
    /// <exception cref="ArgumentException">rows or cols is negative, a span's length is not rows×cols, or y partly overlaps x.</exception>
    public static void Rows(ReadOnlySpan<double> x, Span<double> y, int rows, int cols) => Run(x, y, rows, cols);

    /// <inheritdoc cref="Rows(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void Rows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols) => Run(x, y, rows, cols);

    private static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowGuard.Check("Softmax.Rows", x, y, rows, cols, nameof(x), nameof(y));
        // Each row's max is found while the previous row's exps are computed (see RowMath.ExpShiftedSum).
        T max = rows > 0 ? RowMath.Max(x[..cols]) : T.Zero;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * cols, cols);
            Span<T> yr = y.Slice(r * cols, cols);
            T sum = RowMath.ExpShiftedSum(xr, max, yr, RowMath.NextRow(x, r, rows, cols), out max);
            RowMath.Scale(yr, T.One / sum, yr);
        }
    }
}
