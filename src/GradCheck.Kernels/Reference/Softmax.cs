using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>Scalar definitions of the row-wise softmax family (<see cref="Kernels.Softmax"/>, <see cref="Kernels.LogSoftmax"/>).</summary>
public static class Softmax
{
    /// <summary>y[r, k] = exp(x[r, k] − m_r) / Σ_j exp(x[r, j] − m_r), m_r the row maximum; row-major rows×cols.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length is not rows×cols, or y partly overlaps x.</exception>
    public static void Rows(ReadOnlySpan<double> x, Span<double> y, int rows, int cols) => Run(x, y, rows, cols, log: false);

    /// <inheritdoc cref="Rows(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void Rows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols) => Run(x, y, rows, cols, log: false);

    /// <summary>y[r, k] = (x[r, k] − m_r) − ln Σ_j exp(x[r, j] − m_r); row-major rows×cols.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length is not rows×cols, or y partly overlaps x.</exception>
    public static void LogRows(ReadOnlySpan<double> x, Span<double> y, int rows, int cols) => Run(x, y, rows, cols, log: true);

    /// <inheritdoc cref="LogRows(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void LogRows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols) => Run(x, y, rows, cols, log: true);

    /// <summary>The row maximum with NaN winning (so a NaN row stays NaN).</summary>
    internal static T Max<T>(ReadOnlySpan<T> row)
        where T : IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        foreach (T v in row)
        {
            max = T.IsNaN(v) || v > max ? v : max;
        }

        return max;
    }

    /// <summary>ln Σ_j exp(x_j − max).</summary>
    internal static T LogSumShiftedExp<T>(ReadOnlySpan<T> row, T max)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in row)
        {
            sum += T.Exp(v - max);
        }

        return T.Log(sum);
    }

    private static void Run<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols, bool log)
        where T : IFloatingPointIeee754<T>
    {
        RowGuard.Check(log ? "Reference.Softmax.LogRows" : "Reference.Softmax.Rows", x, y, rows, cols, nameof(x), nameof(y));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * cols, cols);
            Span<T> yr = y.Slice(r * cols, cols);
            T max = Max(xr);
            T logSum = LogSumShiftedExp(xr, max);
            for (int j = 0; j < cols; j++)
            {
                T shifted = xr[j] - max;
                yr[j] = log ? shifted - logSum : T.Exp(shifted - logSum);
            }
        }
    }
}
