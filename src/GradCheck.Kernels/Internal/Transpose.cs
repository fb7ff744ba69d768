using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// Register transposes for packing a stored Bᵀ into GEMM micro-panels: 8×8 float or 4×4 double blocks with AVX
/// unpack, shuffle and 128-bit lane permutes (the classic sequence), eight or four vector loads and stores per
/// block instead of one scalar load and store per element.
/// </summary>
internal static unsafe class Transpose
{
    /// <summary>
    /// dst[p·ldd + j] = src[j·lds + p] for every whole block inside p &lt; depth, j &lt; columns. Returns how many
    /// leading columns and, in those columns, how much leading depth were written (0, 0 without AVX or for another
    /// element type); the caller copies the rest.
    /// </summary>
    public static (int Columns, int Depth) Blocks<T>(int depth, int columns, T* src, nint lds, T* dst, nint ldd)
        where T : unmanaged
    {
        if (!Avx.IsSupported)
        {
            return (0, 0);
        }

        if (typeof(T) == typeof(float))
        {
            int cols = columns / 8 * 8, rows = depth / 8 * 8;
            for (int j = 0; j < cols; j += 8)
            {
                for (int p = 0; p < rows; p += 8)
                {
                    Float8x8((float*)src + (j * lds) + p, lds, (float*)dst + (p * ldd) + j, ldd);
                }
            }

            return (cols, rows);
        }

        if (typeof(T) == typeof(double))
        {
            int cols = columns / 4 * 4, rows = depth / 4 * 4;
            for (int j = 0; j < cols; j += 4)
            {
                for (int p = 0; p < rows; p += 4)
                {
                    Double4x4((double*)src + (j * lds) + p, lds, (double*)dst + (p * ldd) + j, ldd);
                }
            }

            return (cols, rows);
        }

        return (0, 0);
    }

    private static void Float8x8(float* src, nint lds, float* dst, nint ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + lds);
        Vector256<float> r2 = Avx.LoadVector256(src + (2 * lds)), r3 = Avx.LoadVector256(src + (3 * lds));
        Vector256<float> r4 = Avx.LoadVector256(src + (4 * lds)), r5 = Avx.LoadVector256(src + (5 * lds));
        Vector256<float> r6 = Avx.LoadVector256(src + (6 * lds)), r7 = Avx.LoadVector256(src + (7 * lds));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * ldd), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * ldd), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * ldd), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * ldd), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * ldd), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * ldd), Avx.Permute2x128(s3, s7, 0x31));
    }

    private static void Double4x4(double* src, nint lds, double* dst, nint ldd)
    {
        Vector256<double> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + lds);
        Vector256<double> r2 = Avx.LoadVector256(src + (2 * lds)), r3 = Avx.LoadVector256(src + (3 * lds));
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + (2 * ldd), Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + (3 * ldd), Avx.Permute2x128(t1, t3, 0x31));
    }
}
