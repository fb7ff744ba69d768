using System.Numerics;
using System.Numerics.Tensors;
using GradCheck.Kernels;
using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Benchmarks.Kernels;

/// <summary>
/// Generic front doors to the float/double overloads (the casts are JIT-time constants), plus the
/// TensorPrimitives-based row loops the issue compares against.
/// </summary>
internal static class KernelCalls
{
    public static void Gemm<T>(GemmForm form, bool reference, T[] a, T[] b, T[] c, int m, int k, int n)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            double[] ad = (double[])(object)a, bd = (double[])(object)b, cd = (double[])(object)c;
            switch (form, reference)
            {
                case (GemmForm.Plain, false): GradCheck.Kernels.Gemm.Multiply(ad, bd, cd, m, k, n); break;
                case (GemmForm.TransposeA, false): GradCheck.Kernels.Gemm.MultiplyTransposeA(ad, bd, cd, m, k, n); break;
                case (GemmForm.TransposeB, false): GradCheck.Kernels.Gemm.MultiplyTransposeB(ad, bd, cd, m, k, n); break;
                case (GemmForm.Plain, true): Ref.Gemm.Multiply(ad, bd, cd, m, k, n); break;
                case (GemmForm.TransposeA, true): Ref.Gemm.MultiplyTransposeA(ad, bd, cd, m, k, n); break;
                default: Ref.Gemm.MultiplyTransposeB(ad, bd, cd, m, k, n); break;
            }
        }
        else
        {
            float[] af = (float[])(object)a, bf = (float[])(object)b, cf = (float[])(object)c;
            switch (form, reference)
            {
                case (GemmForm.Plain, false): GradCheck.Kernels.Gemm.Multiply(af, bf, cf, m, k, n); break;
                case (GemmForm.TransposeA, false): GradCheck.Kernels.Gemm.MultiplyTransposeA(af, bf, cf, m, k, n); break;
                case (GemmForm.TransposeB, false): GradCheck.Kernels.Gemm.MultiplyTransposeB(af, bf, cf, m, k, n); break;
                case (GemmForm.Plain, true): Ref.Gemm.Multiply(af, bf, cf, m, k, n); break;
                case (GemmForm.TransposeA, true): Ref.Gemm.MultiplyTransposeA(af, bf, cf, m, k, n); break;
                default: Ref.Gemm.MultiplyTransposeB(af, bf, cf, m, k, n); break;
            }
        }
    }

    /// <summary>A GEMM built from TensorPrimitives row operations: axpy rows for AB and AᵀB, dot products for ABᵀ.</summary>
    public static void TensorPrimitivesGemm<T>(GemmForm form, T[] a, T[] b, T[] c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (form == GemmForm.TransposeB)
        {
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> row = a.AsSpan(i * k, k);
                for (int j = 0; j < n; j++)
                {
                    c[(i * n) + j] = TensorPrimitives.Dot(row, b.AsSpan(j * k, k));
                }
            }

            return;
        }

        for (int i = 0; i < m; i++)
        {
            Span<T> ci = c.AsSpan(i * n, n);
            ci.Clear();
            for (int p = 0; p < k; p++)
            {
                T aip = form == GemmForm.TransposeA ? a[(p * m) + i] : a[(i * k) + p];
                TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), aip, ci, ci);
            }
        }
    }

    public static T[] Random<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
