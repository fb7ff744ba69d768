using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// One instruction set's pair of GEMM micro-kernels: a full tile of <see cref="Rows"/> × <see cref="Columns"/>
/// and a half-height tile for the last rows of a matrix whose height is not a multiple of <see cref="Rows"/>.
/// Every kernel adds α·(its sum) to C, or with overwrite = true (β = 0, first depth block) stores it without reading C.
/// </summary>
internal unsafe interface IGemmTiles<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>MR: rows of C held in registers by the full tile (the half tile holds MR/2).</summary>
    static abstract int Rows { get; }

    /// <summary>NR: columns of C held in registers (a whole number of vectors).</summary>
    static abstract int Columns { get; }

    /// <summary>The full tile, A as kc columns of MR contiguous values <paramref name="acs"/> apart (packed: MR; a stored Aᵀ in place: its row length).</summary>
    static abstract void Full(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite);

    /// <summary>The half tile (MR/2 rows), A as in <see cref="Full"/> (packed: acs = MR/2).</summary>
    static abstract void Half(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite);

    /// <summary>The full tile reading A in place (row r at a + r·lda, contiguous along k) instead of packed.</summary>
    static abstract void FullStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite);

    /// <summary>The half tile reading A in place.</summary>
    static abstract void HalfStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite);

    /// <summary>The widest tile <see cref="Edge"/> computes: two vectors.</summary>
    static abstract int EdgeColumns { get; }

    /// <summary>
    /// C[r, j] += α·Σ_p A[r, p]·B[p, j] (= when <paramref name="overwrite"/>: C is not read) for r &lt; rows ≤ <see cref="Rows"/> and j &lt; width ≤ <see cref="EdgeColumns"/>,
    /// A element (r, p) at a[r·ars + p·acs], B rows ldb apart, nothing read or written past width (masked).
    /// </summary>
    static abstract void Edge(int kc, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, int rows, int width, bool overwrite);

    /// <summary>Lanes of one vector of the edge kernels: a width that is not a multiple of it leaves lanes idle.</summary>
    static abstract int EdgeLanes { get; }

    /// <summary>
    /// Rows of C one column-panel call computes at most (a whole number of vectors); 0 where there are no column-panel
    /// kernels (scalar code: its edge loop has no idle lanes to win back).
    /// </summary>
    static abstract int ColumnPanelRows { get; }

    /// <summary>
    /// tile[j·<see cref="ColumnPanelRows"/> + i] = Σ_p A[i, p]·B[p, j] (unscaled, C not touched) for i &lt; rows ≤ <see cref="ColumnPanelRows"/>
    /// and j &lt; columns ≤ <see cref="GemmColumnKernels.Columns"/>, A element (i, p) at a[i + p·lda] (op(A) stored transposed),
    /// B rows ldb apart. Tile entries past rows are left unspecified.
    /// </summary>
    static abstract void ColumnPanel(int kc, T* a, nint lda, T* b, nint ldb, int rows, int columns, T* tile);
}

/// <summary>AVX-512: 8 × 3 zmm, half 4 × 3 zmm.</summary>
internal readonly unsafe struct Vector512Tiles<T> : IGemmTiles<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Rows => 8;

    public static int Columns => 3 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Full(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector512Tile8(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Half(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector512Tile4(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FullStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector512Tile8Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HalfStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector512Tile4Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    public static int EdgeColumns => 2 * Vector512<T>.Count;

    public static void Edge(int kc, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, int rows, int width, bool overwrite)
    {
        bool two = width > Vector512<T>.Count;
        if (rows > 4)
        {
            if (two)
            {
                GemmEdgeKernels.Vector512Edge8x2(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
            }
            else
            {
                GemmEdgeKernels.Vector512Edge8x1(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
            }
        }
        else if (two)
        {
            GemmEdgeKernels.Vector512Edge4x2(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
        }
        else
        {
            GemmEdgeKernels.Vector512Edge4x1(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
        }
    }

    public static int EdgeLanes => Vector512<T>.Count;

    public static int ColumnPanelRows => 4 * Vector512<T>.Count;

    public static void ColumnPanel(int kc, T* a, nint lda, T* b, nint ldb, int rows, int columns, T* tile)
    {
        if (rows == ColumnPanelRows)
        {
            GemmColumnKernels.Vector512Columns5x4(kc, a, lda, b, ldb, columns, tile, ColumnPanelRows);
            return;
        }

        // The last rows of C: one vector of them at a time, the last one masked.
        for (int i = 0; i < rows; i += Vector512<T>.Count)
        {
            GemmColumnKernels.Vector512Columns5x1(kc, a + i, lda, b, ldb, columns, Math.Min(Vector512<T>.Count, rows - i), tile + i, ColumnPanelRows);
        }
    }
}

/// <summary>AVX2: 6 × 2 ymm, half 3 × 2 ymm.</summary>
internal readonly unsafe struct Vector256Tiles<T> : IGemmTiles<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Rows => 6;

    public static int Columns => 2 * Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Full(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector256Tile6(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Half(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector256Tile3(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FullStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector256Tile6Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HalfStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.Vector256Tile3Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    public static int EdgeColumns => 2 * Vector256<T>.Count;

    public static void Edge(int kc, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, int rows, int width, bool overwrite)
    {
        bool two = width > Vector256<T>.Count;
        if (rows > 3)
        {
            if (two)
            {
                GemmEdgeKernels.Vector256Edge6x2(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
            }
            else
            {
                GemmEdgeKernels.Vector256Edge6x1(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
            }
        }
        else if (two)
        {
            GemmEdgeKernels.Vector256Edge3x2(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
        }
        else
        {
            GemmEdgeKernels.Vector256Edge3x1(kc, a, ars, acs, b, ldb, c, ldc, alpha, rows, width, overwrite);
        }
    }

    public static int EdgeLanes => Vector256<T>.Count;

    public static int ColumnPanelRows => 2 * Vector256<T>.Count;

    public static void ColumnPanel(int kc, T* a, nint lda, T* b, nint ldb, int rows, int columns, T* tile)
    {
        if (rows == ColumnPanelRows)
        {
            GemmColumnKernels.Vector256Columns5x2(kc, a, lda, b, ldb, columns, tile, ColumnPanelRows);
            return;
        }

        // The last rows of C: one vector of them at a time, the last one masked.
        for (int i = 0; i < rows; i += Vector256<T>.Count)
        {
            GemmColumnKernels.Vector256Columns5x1(kc, a + i, lda, b, ldb, columns, Math.Min(Vector256<T>.Count, rows - i), tile + i, ColumnPanelRows);
        }
    }
}

/// <summary>No accelerated vectors: 4 × 4 scalars, half 2 × 4.</summary>
internal readonly unsafe struct ScalarTiles<T> : IGemmTiles<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Rows => 4;

    public static int Columns => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Full(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.ScalarTile4(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Half(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.ScalarTile2(kc, a, acs, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FullStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.ScalarTile4Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HalfStrided(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite) => GemmMicroKernels.ScalarTile2Strided(kc, a, lda, b, ldb, c, ldc, alpha, overwrite);

    public static int EdgeColumns => 4;

    public static void Edge(int kc, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, int rows, int width, bool overwrite)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < kc; p++)
                {
                    sum += a[(r * ars) + (p * acs)] * b[(p * ldb) + j];
                }

                c[(r * ldc) + j] = overwrite ? alpha * sum : c[(r * ldc) + j] + (alpha * sum);
            }
        }
    }

    public static int EdgeLanes => 1;

    public static int ColumnPanelRows => 0;

    public static void ColumnPanel(int kc, T* a, nint lda, T* b, nint ldb, int rows, int columns, T* tile) =>
        throw new NotSupportedException("Scalar GEMM has no column-panel kernels (ColumnPanelRows = 0).");
}
