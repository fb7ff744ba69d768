namespace GradCheck.Kernels.Reference;

/// <summary>Scalar definition of <see cref="Kernels.LogSoftmax"/> (the same loop as <see cref="Softmax.LogRows(ReadOnlySpan{double}, Span{double}, int, int)"/>).</summary>
public static class LogSoftmax
{
    /// <summary>y[r, k] = (x[r, k] − m_r) − ln Σ_j exp(x[r, j] − m_r); row-major rows×cols.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length is not rows×cols, or y partly overlaps x.</exception>
    public static void Rows(ReadOnlySpan<double> x, Span<double> y, int rows, int cols) => Softmax.LogRows(x, y, rows, cols);

    /// <inheritdoc cref="Rows(ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static void Rows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols) => Softmax.LogRows(x, y, rows, cols);
}
