using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// GEMM micro-kernels: C[r, j] += α · Σ_p A[r, p] · B[p, j] over one register tile, with A packed as
/// kc columns of MR (or MR/2) values (or, in the Strided variants, read in place with rows lda apart), B as kc rows
/// of NR contiguous values ldb apart, and C row-major (ldc apart). Every accumulator is its own local, written out,
/// because the JIT does not unroll loops into registers.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>8 rows × 3 Vector512 columns: 24 accumulators, 3 B loads and 8 broadcasts per step (fits the 32 zmm registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512Tile8<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c00 = default; Vector512<T> c01 = default; Vector512<T> c02 = default;
        Vector512<T> c10 = default; Vector512<T> c11 = default; Vector512<T> c12 = default;
        Vector512<T> c20 = default; Vector512<T> c21 = default; Vector512<T> c22 = default;
        Vector512<T> c30 = default; Vector512<T> c31 = default; Vector512<T> c32 = default;
        Vector512<T> c40 = default; Vector512<T> c41 = default; Vector512<T> c42 = default;
        Vector512<T> c50 = default; Vector512<T> c51 = default; Vector512<T> c52 = default;
        Vector512<T> c60 = default; Vector512<T> c61 = default; Vector512<T> c62 = default;
        Vector512<T> c70 = default; Vector512<T> c71 = default; Vector512<T> c72 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> b2 = Vector512.Load(b + (2 * w));
            Vector512<T> a0 = Vector512.Create(a[0]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            c02 = VectorMath.MultiplyAdd(a0, b2, c02);
            Vector512<T> a1 = Vector512.Create(a[1]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            c12 = VectorMath.MultiplyAdd(a1, b2, c12);
            Vector512<T> a2 = Vector512.Create(a[2]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            c22 = VectorMath.MultiplyAdd(a2, b2, c22);
            Vector512<T> a3 = Vector512.Create(a[3]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            c32 = VectorMath.MultiplyAdd(a3, b2, c32);
            Vector512<T> a4 = Vector512.Create(a[4]);
            c40 = VectorMath.MultiplyAdd(a4, b0, c40);
            c41 = VectorMath.MultiplyAdd(a4, b1, c41);
            c42 = VectorMath.MultiplyAdd(a4, b2, c42);
            Vector512<T> a5 = Vector512.Create(a[5]);
            c50 = VectorMath.MultiplyAdd(a5, b0, c50);
            c51 = VectorMath.MultiplyAdd(a5, b1, c51);
            c52 = VectorMath.MultiplyAdd(a5, b2, c52);
            Vector512<T> a6 = Vector512.Create(a[6]);
            c60 = VectorMath.MultiplyAdd(a6, b0, c60);
            c61 = VectorMath.MultiplyAdd(a6, b1, c61);
            c62 = VectorMath.MultiplyAdd(a6, b2, c62);
            Vector512<T> a7 = Vector512.Create(a[7]);
            c70 = VectorMath.MultiplyAdd(a7, b0, c70);
            c71 = VectorMath.MultiplyAdd(a7, b1, c71);
            c72 = VectorMath.MultiplyAdd(a7, b2, c72);
            a += 8;
            b += ldb;
        }

        Vector512<T> alphas = Vector512.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector512.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector512.Load(c0 + w)).Store(c0 + w);
        VectorMath.MultiplyAdd(alphas, c02, Vector512.Load(c0 + (2 * w))).Store(c0 + (2 * w));
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector512.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector512.Load(c1 + w)).Store(c1 + w);
        VectorMath.MultiplyAdd(alphas, c12, Vector512.Load(c1 + (2 * w))).Store(c1 + (2 * w));
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector512.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector512.Load(c2 + w)).Store(c2 + w);
        VectorMath.MultiplyAdd(alphas, c22, Vector512.Load(c2 + (2 * w))).Store(c2 + (2 * w));
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector512.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector512.Load(c3 + w)).Store(c3 + w);
        VectorMath.MultiplyAdd(alphas, c32, Vector512.Load(c3 + (2 * w))).Store(c3 + (2 * w));
        T* c4 = c + (4 * ldc);
        VectorMath.MultiplyAdd(alphas, c40, Vector512.Load(c4)).Store(c4);
        VectorMath.MultiplyAdd(alphas, c41, Vector512.Load(c4 + w)).Store(c4 + w);
        VectorMath.MultiplyAdd(alphas, c42, Vector512.Load(c4 + (2 * w))).Store(c4 + (2 * w));
        T* c5 = c + (5 * ldc);
        VectorMath.MultiplyAdd(alphas, c50, Vector512.Load(c5)).Store(c5);
        VectorMath.MultiplyAdd(alphas, c51, Vector512.Load(c5 + w)).Store(c5 + w);
        VectorMath.MultiplyAdd(alphas, c52, Vector512.Load(c5 + (2 * w))).Store(c5 + (2 * w));
        T* c6 = c + (6 * ldc);
        VectorMath.MultiplyAdd(alphas, c60, Vector512.Load(c6)).Store(c6);
        VectorMath.MultiplyAdd(alphas, c61, Vector512.Load(c6 + w)).Store(c6 + w);
        VectorMath.MultiplyAdd(alphas, c62, Vector512.Load(c6 + (2 * w))).Store(c6 + (2 * w));
        T* c7 = c + (7 * ldc);
        VectorMath.MultiplyAdd(alphas, c70, Vector512.Load(c7)).Store(c7);
        VectorMath.MultiplyAdd(alphas, c71, Vector512.Load(c7 + w)).Store(c7 + w);
        VectorMath.MultiplyAdd(alphas, c72, Vector512.Load(c7 + (2 * w))).Store(c7 + (2 * w));
    }

    /// <summary>4 rows × 3 Vector512 columns, for the last rows of a short matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512Tile4<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c00 = default; Vector512<T> c01 = default; Vector512<T> c02 = default;
        Vector512<T> c10 = default; Vector512<T> c11 = default; Vector512<T> c12 = default;
        Vector512<T> c20 = default; Vector512<T> c21 = default; Vector512<T> c22 = default;
        Vector512<T> c30 = default; Vector512<T> c31 = default; Vector512<T> c32 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> b2 = Vector512.Load(b + (2 * w));
            Vector512<T> a0 = Vector512.Create(a[0]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            c02 = VectorMath.MultiplyAdd(a0, b2, c02);
            Vector512<T> a1 = Vector512.Create(a[1]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            c12 = VectorMath.MultiplyAdd(a1, b2, c12);
            Vector512<T> a2 = Vector512.Create(a[2]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            c22 = VectorMath.MultiplyAdd(a2, b2, c22);
            Vector512<T> a3 = Vector512.Create(a[3]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            c32 = VectorMath.MultiplyAdd(a3, b2, c32);
            a += 4;
            b += ldb;
        }

        Vector512<T> alphas = Vector512.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector512.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector512.Load(c0 + w)).Store(c0 + w);
        VectorMath.MultiplyAdd(alphas, c02, Vector512.Load(c0 + (2 * w))).Store(c0 + (2 * w));
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector512.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector512.Load(c1 + w)).Store(c1 + w);
        VectorMath.MultiplyAdd(alphas, c12, Vector512.Load(c1 + (2 * w))).Store(c1 + (2 * w));
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector512.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector512.Load(c2 + w)).Store(c2 + w);
        VectorMath.MultiplyAdd(alphas, c22, Vector512.Load(c2 + (2 * w))).Store(c2 + (2 * w));
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector512.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector512.Load(c3 + w)).Store(c3 + w);
        VectorMath.MultiplyAdd(alphas, c32, Vector512.Load(c3 + (2 * w))).Store(c3 + (2 * w));
    }

    /// <summary>6 rows × 2 Vector256 columns: 12 accumulators, the classic AVX2 tile (fits the 16 ymm registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256Tile6<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        Vector256<T> c00 = default; Vector256<T> c01 = default;
        Vector256<T> c10 = default; Vector256<T> c11 = default;
        Vector256<T> c20 = default; Vector256<T> c21 = default;
        Vector256<T> c30 = default; Vector256<T> c31 = default;
        Vector256<T> c40 = default; Vector256<T> c41 = default;
        Vector256<T> c50 = default; Vector256<T> c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> a0 = Vector256.Create(a[0]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(a[1]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(a[2]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            Vector256<T> a3 = Vector256.Create(a[3]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            Vector256<T> a4 = Vector256.Create(a[4]);
            c40 = VectorMath.MultiplyAdd(a4, b0, c40);
            c41 = VectorMath.MultiplyAdd(a4, b1, c41);
            Vector256<T> a5 = Vector256.Create(a[5]);
            c50 = VectorMath.MultiplyAdd(a5, b0, c50);
            c51 = VectorMath.MultiplyAdd(a5, b1, c51);
            a += 6;
            b += ldb;
        }

        Vector256<T> alphas = Vector256.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector256.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector256.Load(c0 + w)).Store(c0 + w);
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector256.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector256.Load(c1 + w)).Store(c1 + w);
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector256.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector256.Load(c2 + w)).Store(c2 + w);
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector256.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector256.Load(c3 + w)).Store(c3 + w);
        T* c4 = c + (4 * ldc);
        VectorMath.MultiplyAdd(alphas, c40, Vector256.Load(c4)).Store(c4);
        VectorMath.MultiplyAdd(alphas, c41, Vector256.Load(c4 + w)).Store(c4 + w);
        T* c5 = c + (5 * ldc);
        VectorMath.MultiplyAdd(alphas, c50, Vector256.Load(c5)).Store(c5);
        VectorMath.MultiplyAdd(alphas, c51, Vector256.Load(c5 + w)).Store(c5 + w);
    }

    /// <summary>3 rows × 2 Vector256 columns, for the last rows of a short matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256Tile3<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        Vector256<T> c00 = default; Vector256<T> c01 = default;
        Vector256<T> c10 = default; Vector256<T> c11 = default;
        Vector256<T> c20 = default; Vector256<T> c21 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> a0 = Vector256.Create(a[0]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(a[1]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(a[2]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            a += 3;
            b += ldb;
        }

        Vector256<T> alphas = Vector256.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector256.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector256.Load(c0 + w)).Store(c0 + w);
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector256.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector256.Load(c1 + w)).Store(c1 + w);
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector256.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector256.Load(c2 + w)).Store(c2 + w);
    }

    /// <summary>4 × 4 scalar tile, where neither vector width is accelerated.</summary>
    public static void ScalarTile4<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c00 = T.Zero; T c01 = T.Zero; T c02 = T.Zero; T c03 = T.Zero;
        T c10 = T.Zero; T c11 = T.Zero; T c12 = T.Zero; T c13 = T.Zero;
        T c20 = T.Zero; T c21 = T.Zero; T c22 = T.Zero; T c23 = T.Zero;
        T c30 = T.Zero; T c31 = T.Zero; T c32 = T.Zero; T c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0]; T b1 = b[1]; T b2 = b[2]; T b3 = b[3];
            T a0 = a[0];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            T a1 = a[1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            T a2 = a[2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            T a3 = a[3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 4;
            b += ldb;
        }

        T* c0 = c;
        c0[0] += alpha * c00; c0[1] += alpha * c01; c0[2] += alpha * c02; c0[3] += alpha * c03;
        T* c1 = c + (1 * ldc);
        c1[0] += alpha * c10; c1[1] += alpha * c11; c1[2] += alpha * c12; c1[3] += alpha * c13;
        T* c2 = c + (2 * ldc);
        c2[0] += alpha * c20; c2[1] += alpha * c21; c2[2] += alpha * c22; c2[3] += alpha * c23;
        T* c3 = c + (3 * ldc);
        c3[0] += alpha * c30; c3[1] += alpha * c31; c3[2] += alpha * c32; c3[3] += alpha * c33;
    }

    /// <summary>2 × 4 scalar tile, for the last rows.</summary>
    public static void ScalarTile2<T>(int kc, T* a, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c00 = T.Zero; T c01 = T.Zero; T c02 = T.Zero; T c03 = T.Zero;
        T c10 = T.Zero; T c11 = T.Zero; T c12 = T.Zero; T c13 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0]; T b1 = b[1]; T b2 = b[2]; T b3 = b[3];
            T a0 = a[0];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            T a1 = a[1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            a += 2;
            b += ldb;
        }

        T* c0 = c;
        c0[0] += alpha * c00; c0[1] += alpha * c01; c0[2] += alpha * c02; c0[3] += alpha * c03;
        T* c1 = c + (1 * ldc);
        c1[0] += alpha * c10; c1[1] += alpha * c11; c1[2] += alpha * c12; c1[3] += alpha * c13;
    }

    /// <summary><see cref="Vector512Tile8"/> reading A in place: row r of the tile at a + r·lda, contiguous along k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512Tile8Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        T* a0p = a;
        T* a1p = a + (1 * lda);
        T* a2p = a + (2 * lda);
        T* a3p = a + (3 * lda);
        T* a4p = a + (4 * lda);
        T* a5p = a + (5 * lda);
        T* a6p = a + (6 * lda);
        T* a7p = a + (7 * lda);
        Vector512<T> c00 = default; Vector512<T> c01 = default; Vector512<T> c02 = default;
        Vector512<T> c10 = default; Vector512<T> c11 = default; Vector512<T> c12 = default;
        Vector512<T> c20 = default; Vector512<T> c21 = default; Vector512<T> c22 = default;
        Vector512<T> c30 = default; Vector512<T> c31 = default; Vector512<T> c32 = default;
        Vector512<T> c40 = default; Vector512<T> c41 = default; Vector512<T> c42 = default;
        Vector512<T> c50 = default; Vector512<T> c51 = default; Vector512<T> c52 = default;
        Vector512<T> c60 = default; Vector512<T> c61 = default; Vector512<T> c62 = default;
        Vector512<T> c70 = default; Vector512<T> c71 = default; Vector512<T> c72 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> b2 = Vector512.Load(b + (2 * w));
            Vector512<T> a0 = Vector512.Create(a0p[p]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            c02 = VectorMath.MultiplyAdd(a0, b2, c02);
            Vector512<T> a1 = Vector512.Create(a1p[p]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            c12 = VectorMath.MultiplyAdd(a1, b2, c12);
            Vector512<T> a2 = Vector512.Create(a2p[p]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            c22 = VectorMath.MultiplyAdd(a2, b2, c22);
            Vector512<T> a3 = Vector512.Create(a3p[p]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            c32 = VectorMath.MultiplyAdd(a3, b2, c32);
            Vector512<T> a4 = Vector512.Create(a4p[p]);
            c40 = VectorMath.MultiplyAdd(a4, b0, c40);
            c41 = VectorMath.MultiplyAdd(a4, b1, c41);
            c42 = VectorMath.MultiplyAdd(a4, b2, c42);
            Vector512<T> a5 = Vector512.Create(a5p[p]);
            c50 = VectorMath.MultiplyAdd(a5, b0, c50);
            c51 = VectorMath.MultiplyAdd(a5, b1, c51);
            c52 = VectorMath.MultiplyAdd(a5, b2, c52);
            Vector512<T> a6 = Vector512.Create(a6p[p]);
            c60 = VectorMath.MultiplyAdd(a6, b0, c60);
            c61 = VectorMath.MultiplyAdd(a6, b1, c61);
            c62 = VectorMath.MultiplyAdd(a6, b2, c62);
            Vector512<T> a7 = Vector512.Create(a7p[p]);
            c70 = VectorMath.MultiplyAdd(a7, b0, c70);
            c71 = VectorMath.MultiplyAdd(a7, b1, c71);
            c72 = VectorMath.MultiplyAdd(a7, b2, c72);
            b += ldb;
        }

        Vector512<T> alphas = Vector512.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector512.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector512.Load(c0 + w)).Store(c0 + w);
        VectorMath.MultiplyAdd(alphas, c02, Vector512.Load(c0 + (2 * w))).Store(c0 + (2 * w));
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector512.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector512.Load(c1 + w)).Store(c1 + w);
        VectorMath.MultiplyAdd(alphas, c12, Vector512.Load(c1 + (2 * w))).Store(c1 + (2 * w));
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector512.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector512.Load(c2 + w)).Store(c2 + w);
        VectorMath.MultiplyAdd(alphas, c22, Vector512.Load(c2 + (2 * w))).Store(c2 + (2 * w));
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector512.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector512.Load(c3 + w)).Store(c3 + w);
        VectorMath.MultiplyAdd(alphas, c32, Vector512.Load(c3 + (2 * w))).Store(c3 + (2 * w));
        T* c4 = c + (4 * ldc);
        VectorMath.MultiplyAdd(alphas, c40, Vector512.Load(c4)).Store(c4);
        VectorMath.MultiplyAdd(alphas, c41, Vector512.Load(c4 + w)).Store(c4 + w);
        VectorMath.MultiplyAdd(alphas, c42, Vector512.Load(c4 + (2 * w))).Store(c4 + (2 * w));
        T* c5 = c + (5 * ldc);
        VectorMath.MultiplyAdd(alphas, c50, Vector512.Load(c5)).Store(c5);
        VectorMath.MultiplyAdd(alphas, c51, Vector512.Load(c5 + w)).Store(c5 + w);
        VectorMath.MultiplyAdd(alphas, c52, Vector512.Load(c5 + (2 * w))).Store(c5 + (2 * w));
        T* c6 = c + (6 * ldc);
        VectorMath.MultiplyAdd(alphas, c60, Vector512.Load(c6)).Store(c6);
        VectorMath.MultiplyAdd(alphas, c61, Vector512.Load(c6 + w)).Store(c6 + w);
        VectorMath.MultiplyAdd(alphas, c62, Vector512.Load(c6 + (2 * w))).Store(c6 + (2 * w));
        T* c7 = c + (7 * ldc);
        VectorMath.MultiplyAdd(alphas, c70, Vector512.Load(c7)).Store(c7);
        VectorMath.MultiplyAdd(alphas, c71, Vector512.Load(c7 + w)).Store(c7 + w);
        VectorMath.MultiplyAdd(alphas, c72, Vector512.Load(c7 + (2 * w))).Store(c7 + (2 * w));
    }

    /// <summary><see cref="Vector512Tile4"/> reading A in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512Tile4Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        T* a0p = a;
        T* a1p = a + (1 * lda);
        T* a2p = a + (2 * lda);
        T* a3p = a + (3 * lda);
        Vector512<T> c00 = default; Vector512<T> c01 = default; Vector512<T> c02 = default;
        Vector512<T> c10 = default; Vector512<T> c11 = default; Vector512<T> c12 = default;
        Vector512<T> c20 = default; Vector512<T> c21 = default; Vector512<T> c22 = default;
        Vector512<T> c30 = default; Vector512<T> c31 = default; Vector512<T> c32 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> b2 = Vector512.Load(b + (2 * w));
            Vector512<T> a0 = Vector512.Create(a0p[p]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            c02 = VectorMath.MultiplyAdd(a0, b2, c02);
            Vector512<T> a1 = Vector512.Create(a1p[p]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            c12 = VectorMath.MultiplyAdd(a1, b2, c12);
            Vector512<T> a2 = Vector512.Create(a2p[p]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            c22 = VectorMath.MultiplyAdd(a2, b2, c22);
            Vector512<T> a3 = Vector512.Create(a3p[p]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            c32 = VectorMath.MultiplyAdd(a3, b2, c32);
            b += ldb;
        }

        Vector512<T> alphas = Vector512.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector512.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector512.Load(c0 + w)).Store(c0 + w);
        VectorMath.MultiplyAdd(alphas, c02, Vector512.Load(c0 + (2 * w))).Store(c0 + (2 * w));
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector512.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector512.Load(c1 + w)).Store(c1 + w);
        VectorMath.MultiplyAdd(alphas, c12, Vector512.Load(c1 + (2 * w))).Store(c1 + (2 * w));
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector512.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector512.Load(c2 + w)).Store(c2 + w);
        VectorMath.MultiplyAdd(alphas, c22, Vector512.Load(c2 + (2 * w))).Store(c2 + (2 * w));
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector512.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector512.Load(c3 + w)).Store(c3 + w);
        VectorMath.MultiplyAdd(alphas, c32, Vector512.Load(c3 + (2 * w))).Store(c3 + (2 * w));
    }

    /// <summary><see cref="Vector256Tile6"/> reading A in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256Tile6Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        T* a0p = a;
        T* a1p = a + (1 * lda);
        T* a2p = a + (2 * lda);
        T* a3p = a + (3 * lda);
        T* a4p = a + (4 * lda);
        T* a5p = a + (5 * lda);
        Vector256<T> c00 = default; Vector256<T> c01 = default;
        Vector256<T> c10 = default; Vector256<T> c11 = default;
        Vector256<T> c20 = default; Vector256<T> c21 = default;
        Vector256<T> c30 = default; Vector256<T> c31 = default;
        Vector256<T> c40 = default; Vector256<T> c41 = default;
        Vector256<T> c50 = default; Vector256<T> c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> a0 = Vector256.Create(a0p[p]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(a1p[p]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(a2p[p]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            Vector256<T> a3 = Vector256.Create(a3p[p]);
            c30 = VectorMath.MultiplyAdd(a3, b0, c30);
            c31 = VectorMath.MultiplyAdd(a3, b1, c31);
            Vector256<T> a4 = Vector256.Create(a4p[p]);
            c40 = VectorMath.MultiplyAdd(a4, b0, c40);
            c41 = VectorMath.MultiplyAdd(a4, b1, c41);
            Vector256<T> a5 = Vector256.Create(a5p[p]);
            c50 = VectorMath.MultiplyAdd(a5, b0, c50);
            c51 = VectorMath.MultiplyAdd(a5, b1, c51);
            b += ldb;
        }

        Vector256<T> alphas = Vector256.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector256.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector256.Load(c0 + w)).Store(c0 + w);
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector256.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector256.Load(c1 + w)).Store(c1 + w);
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector256.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector256.Load(c2 + w)).Store(c2 + w);
        T* c3 = c + (3 * ldc);
        VectorMath.MultiplyAdd(alphas, c30, Vector256.Load(c3)).Store(c3);
        VectorMath.MultiplyAdd(alphas, c31, Vector256.Load(c3 + w)).Store(c3 + w);
        T* c4 = c + (4 * ldc);
        VectorMath.MultiplyAdd(alphas, c40, Vector256.Load(c4)).Store(c4);
        VectorMath.MultiplyAdd(alphas, c41, Vector256.Load(c4 + w)).Store(c4 + w);
        T* c5 = c + (5 * ldc);
        VectorMath.MultiplyAdd(alphas, c50, Vector256.Load(c5)).Store(c5);
        VectorMath.MultiplyAdd(alphas, c51, Vector256.Load(c5 + w)).Store(c5 + w);
    }

    /// <summary><see cref="Vector256Tile3"/> reading A in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256Tile3Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        T* a0p = a;
        T* a1p = a + (1 * lda);
        T* a2p = a + (2 * lda);
        Vector256<T> c00 = default; Vector256<T> c01 = default;
        Vector256<T> c10 = default; Vector256<T> c11 = default;
        Vector256<T> c20 = default; Vector256<T> c21 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> a0 = Vector256.Create(a0p[p]);
            c00 = VectorMath.MultiplyAdd(a0, b0, c00);
            c01 = VectorMath.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(a1p[p]);
            c10 = VectorMath.MultiplyAdd(a1, b0, c10);
            c11 = VectorMath.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(a2p[p]);
            c20 = VectorMath.MultiplyAdd(a2, b0, c20);
            c21 = VectorMath.MultiplyAdd(a2, b1, c21);
            b += ldb;
        }

        Vector256<T> alphas = Vector256.Create(alpha);
        T* c0 = c;
        VectorMath.MultiplyAdd(alphas, c00, Vector256.Load(c0)).Store(c0);
        VectorMath.MultiplyAdd(alphas, c01, Vector256.Load(c0 + w)).Store(c0 + w);
        T* c1 = c + (1 * ldc);
        VectorMath.MultiplyAdd(alphas, c10, Vector256.Load(c1)).Store(c1);
        VectorMath.MultiplyAdd(alphas, c11, Vector256.Load(c1 + w)).Store(c1 + w);
        T* c2 = c + (2 * ldc);
        VectorMath.MultiplyAdd(alphas, c20, Vector256.Load(c2)).Store(c2);
        VectorMath.MultiplyAdd(alphas, c21, Vector256.Load(c2 + w)).Store(c2 + w);
    }

    /// <summary><see cref="ScalarTile4"/> reading A in place.</summary>
    public static void ScalarTile4Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c00 = T.Zero; T c01 = T.Zero; T c02 = T.Zero; T c03 = T.Zero;
        T c10 = T.Zero; T c11 = T.Zero; T c12 = T.Zero; T c13 = T.Zero;
        T c20 = T.Zero; T c21 = T.Zero; T c22 = T.Zero; T c23 = T.Zero;
        T c30 = T.Zero; T c31 = T.Zero; T c32 = T.Zero; T c33 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0]; T b1 = b[1]; T b2 = b[2]; T b3 = b[3];
            T a0 = a[(0 * lda) + p];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            T a1 = a[(1 * lda) + p];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            T a2 = a[(2 * lda) + p];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            T a3 = a[(3 * lda) + p];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            b += ldb;
        }

        T* c0 = c;
        c0[0] += alpha * c00; c0[1] += alpha * c01; c0[2] += alpha * c02; c0[3] += alpha * c03;
        T* c1 = c + (1 * ldc);
        c1[0] += alpha * c10; c1[1] += alpha * c11; c1[2] += alpha * c12; c1[3] += alpha * c13;
        T* c2 = c + (2 * ldc);
        c2[0] += alpha * c20; c2[1] += alpha * c21; c2[2] += alpha * c22; c2[3] += alpha * c23;
        T* c3 = c + (3 * ldc);
        c3[0] += alpha * c30; c3[1] += alpha * c31; c3[2] += alpha * c32; c3[3] += alpha * c33;
    }

    /// <summary><see cref="ScalarTile2"/> reading A in place.</summary>
    public static void ScalarTile2Strided<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c00 = T.Zero; T c01 = T.Zero; T c02 = T.Zero; T c03 = T.Zero;
        T c10 = T.Zero; T c11 = T.Zero; T c12 = T.Zero; T c13 = T.Zero;
        for (int p = 0; p < kc; p++)
        {
            T b0 = b[0]; T b1 = b[1]; T b2 = b[2]; T b3 = b[3];
            T a0 = a[(0 * lda) + p];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            T a1 = a[(1 * lda) + p];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            b += ldb;
        }

        T* c0 = c;
        c0[0] += alpha * c00; c0[1] += alpha * c01; c0[2] += alpha * c02; c0[3] += alpha * c03;
        T* c1 = c + (1 * ldc);
        c1[0] += alpha * c10; c1[1] += alpha * c11; c1[2] += alpha * c12; c1[3] += alpha * c13;
    }
}
