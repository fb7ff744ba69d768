using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>
/// General matrix products on row-major matrices stored as flat spans: C = α·op(A)·op(B) + β·C, with
/// op the identity or the transpose. Packed panels, cache blocking and a register-tiled Vector512 (or
/// Vector256, or scalar) micro-kernel; large products use every core.
/// </summary>
/// <remarks>
/// <para>Shapes: m, k, n ≥ 0; a, b and c must hold exactly the elements their shapes need. c must not
/// overlap a or b. Violations throw <see cref="ArgumentException"/> with the shapes in the message.</para>
/// <para>NaN/∞ policy (the BLAS convention): NaN and ∞ in A, B and C propagate as IEEE arithmetic says,
/// except that β = 0 overwrites C without reading it (NaN or garbage in C disappears), and α = 0 or k = 0
/// leaves C = β·C without reading A or B.</para>
/// <para>Results agree with <see cref="Reference.Gemm"/> to within rounding: the summation order differs
/// (blocked, fused multiply-add), so expect differences of a few ulps of Σ|a||b|.</para>
/// </remarks>
public static class Gemm
{
    private static volatile int s_maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one product may use (default: <see cref="Environment.ProcessorCount"/>). A product
    /// gets one thread per 2²¹ (about 2 million) multiply-adds, so anything under about 4 million (the batch-20
    /// forward product 20×784·784×200 included) runs on the calling thread. Set 1 when the caller already runs
    /// products in parallel, so cores are not oversubscribed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxDegreeOfParallelism
    {
        get => s_maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxDegreeOfParallelism = value;
        }
    }

    /// <summary>C(m×n) = α·A(m×k)·B(k×n) + β·C, all row-major.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(Multiply), a, b, c, m, k, n, alpha, beta, transposeA: false, transposeB: false);

    /// <inheritdoc cref="Multiply(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(Multiply), a, b, c, m, k, n, alpha, beta, transposeA: false, transposeB: false);

    /// <summary>C(m×n) = α·Aᵀ·B + β·C where A is stored row-major as (k×m) and B as (k×n): the weight gradient Xᵀ·δ of a dense layer.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void MultiplyTransposeA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(MultiplyTransposeA), a, b, c, m, k, n, alpha, beta, transposeA: true, transposeB: false);

    /// <inheritdoc cref="MultiplyTransposeA(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void MultiplyTransposeA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(MultiplyTransposeA), a, b, c, m, k, n, alpha, beta, transposeA: true, transposeB: false);

    /// <summary>C(m×n) = α·A·Bᵀ + β·C where A is stored row-major as (m×k) and B as (n×k): the input gradient δ·Wᵀ of a dense layer.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a span's length does not match its shape, or c overlaps a or b.</exception>
    public static void MultiplyTransposeB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, double alpha = 1, double beta = 0) =>
        Run(nameof(MultiplyTransposeB), a, b, c, m, k, n, alpha, beta, transposeA: false, transposeB: true);

    /// <inheritdoc cref="MultiplyTransposeB(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int, double, double)"/>
    public static void MultiplyTransposeB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, float alpha = 1, float beta = 0) =>
        Run(nameof(MultiplyTransposeB), a, b, c, m, k, n, alpha, beta, transposeA: false, transposeB: true);

    private static unsafe void Run<T>(string name, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T alpha, T beta, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string kernel = "Gemm." + name;
        Guard.NonNegative(kernel, m, nameof(m));
        Guard.NonNegative(kernel, k, nameof(k));
        Guard.NonNegative(kernel, n, nameof(n));
        if (transposeA)
        {
            Guard.MatrixLength(kernel, a.Length, k, m, nameof(a), nameof(k), nameof(m));
        }
        else
        {
            Guard.MatrixLength(kernel, a.Length, m, k, nameof(a), nameof(m), nameof(k));
        }

        if (transposeB)
        {
            Guard.MatrixLength(kernel, b.Length, n, k, nameof(b), nameof(n), nameof(k));
        }
        else
        {
            Guard.MatrixLength(kernel, b.Length, k, n, nameof(b), nameof(k), nameof(n));
        }

        Guard.MatrixLength(kernel, c.Length, m, n, nameof(c), nameof(m), nameof(n));
        Guard.NoOverlap(kernel, a, c, nameof(a), nameof(c));
        Guard.NoOverlap(kernel, b, c, nameof(b), nameof(c));

        if (alpha == T.Zero || k == 0 || m == 0 || n == 0)
        {
            if (beta == T.Zero)
            {
                c.Clear();
            }
            else if (beta != T.One)
            {
                RowMath.Scale(c, beta, c);
            }

            return;
        }

        // β = 0: the engine's first depth block stores into C without reading it (no clearing pass over C).
        bool overwrite = beta == T.Zero;
        if (!overwrite && beta != T.One)
        {
            RowMath.Scale(c, beta, c);
        }

        // op(A)[i, p] and op(B)[p, j] as strides into the stored row-major arrays.
        nint rsA = transposeA ? 1 : k, csA = transposeA ? m : 1;
        nint rsB = transposeB ? 1 : n, csB = transposeB ? k : 1;
        fixed (T* pa = a, pb = b, pc = c)
        {
            GemmDriver.Accumulate(m, n, k, alpha, pa, rsA, csA, pb, rsB, csB, pc, n, 1, overwrite);
        }
    }
}
