using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>
/// The textbook triple loop for <see cref="Kernels.Gemm"/>: each C[i, j] is one running sum over p in order.
/// Slow and obviously right; the optimised kernel is tested against it. Same shapes, checks and NaN policy.
/// </summary>
public static class Gemm
{
    /// <summary>C(m×n) = α·A(m×k)·B(k×n) + β·C, row-major; β = 0 overwrites C.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(Multiply), a, b, c, m, k, n, alpha, beta, false, false);

    /// <inheritdoc cref="Multiply(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(Multiply), a, b, c, m, k, n, alpha, beta, false, false);

    /// <summary>C(m×n) = α·Aᵀ·B + β·C with A stored (k×m).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void MultiplyTransposeA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(MultiplyTransposeA), a, b, c, m, k, n, alpha, beta, true, false);

    /// <inheritdoc cref="MultiplyTransposeA(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void MultiplyTransposeA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(MultiplyTransposeA), a, b, c, m, k, n, alpha, beta, true, false);

    /// <summary>C(m×n) = α·A·Bᵀ + β·C with B stored (n×k).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void MultiplyTransposeB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(MultiplyTransposeB), a, b, c, m, k, n, alpha, beta, false, true);

    /// <inheritdoc cref="MultiplyTransposeB(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void MultiplyTransposeB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(MultiplyTransposeB), a, b, c, m, k, n, alpha, beta, false, true);

    private static void Run<T>(string name, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T alpha, T beta, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string kernel = "Reference.Gemm." + name;
        Guard.NonNegative(kernel, m, nameof(m));
        Guard.NonNegative(kernel, k, nameof(k));
        Guard.NonNegative(kernel, n, nameof(n));
        Guard.MatrixLength(kernel, a.Length, transposeA ? k : m, transposeA ? m : k, nameof(a), transposeA ? nameof(k) : nameof(m), transposeA ? nameof(m) : nameof(k));
        Guard.MatrixLength(kernel, b.Length, transposeB ? n : k, transposeB ? k : n, nameof(b), transposeB ? nameof(n) : nameof(k), transposeB ? nameof(k) : nameof(n));
        Guard.MatrixLength(kernel, c.Length, m, n, nameof(c), nameof(m), nameof(n));
        Guard.NoOverlap(kernel, a, c, nameof(a), nameof(c));
        Guard.NoOverlap(kernel, b, c, nameof(b), nameof(c));

        bool readInputs = alpha != T.Zero && k > 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                if (readInputs)
                {
                    for (int p = 0; p < k; p++)
                    {
                        T aip = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                        T bpj = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                        sum += aip * bpj;
                    }
                }

                T scaledC = beta == T.Zero ? T.Zero : beta * c[(i * n) + j];
                c[(i * n) + j] = (readInputs ? alpha * sum : T.Zero) + scaledC;
            }
        }
    }
}
