using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// The GEMM engine behind <see cref="Gemm"/>: C(m×n) += α · op(A)(m×k) · op(B)(k×n), where element (i, p)
/// of op(A) lives at a[i·rsA + p·csA], element (p, j) of op(B) at b[p·rsB + j·csB], and C[i, j] at
/// c[i·rsC + j·csC]. Strides express every transpose, so one engine serves A·B, Aᵀ·B and A·Bᵀ.
/// </summary>
/// <remarks>
/// The loop nest is the Goto/BLIS one: column blocks of B (nc) → depth blocks (kc; B packed into
/// kc×NR micro-panels) → row blocks of A (mc; A packed into MR×kc micro-panels) → micro-panels of B →
/// micro-panels of A → a register-tiled micro-kernel. A short op(A) (the mini-batch products) leaves B
/// unpacked and reads its rows in place: packing B would cost as much memory traffic as the product; likewise
/// a narrow op(B) leaves A in place, and a short A times Bᵀ is computed as (B·Aᵀ)ᵀ so nothing big is transposed.
/// Large products are split into column (or row) ranges, one per core, each packing only what it uses.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of a packed block: the B micro-panel (kc × NR) stays in L1 while A micro-panels stream past.</summary>
    internal const int DepthBlock = 256;

    /// <summary>Rows of A packed at once (rounded down to a multiple of MR): the A block (mc × kc) lives in L2.</summary>
    internal const int RowBlock = 96;

    /// <summary>Columns of B packed at once (rounded down to a multiple of NR): the B block (kc × nc) lives in L2/L3.</summary>
    internal const int ColumnBlock = 1008;

    /// <summary>At most this many rows of op(A), B is read in place instead of packed.</summary>
    internal const int DirectRowLimit = 48;

    /// <summary>Multiply-adds per extra thread: below this, waking a second core costs more than it saves.</summary>
    internal const long ParallelGrain = 1L << 21;

    public static void Accumulate<T>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (csB != 1 && csA == 1 && m <= DirectRowLimit && n > m)
        {
            // A short A times Bᵀ (the input gradient δ·Wᵀ): compute Cᵀ = B·Aᵀ instead, so the big operand is read
            // in place as a row-major A and only the short one is packed, rather than transposing all of B.
            (m, n) = (n, m);
            T* stored = a;
            a = b;
            b = stored;
            (rsA, csA, rsB, csB) = (csB, rsB, csA, rsA);
            (rsC, csC) = (csC, rsC);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Split<T, Vector512Tiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Split<T, Vector256Tiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC);
        }
        else
        {
            Split<T, ScalarTiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC);
        }
    }

    private static void Split<T, TTiles>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        long work = (long)m * n * k;
        int threads = (int)Math.Min(Gemm.MaxDegreeOfParallelism, Math.Max(1, work / ParallelGrain));

        // Columns by default: each part then packs a disjoint slice of B and nothing twice. Rows instead when
        // whole column panels would split unevenly (200 columns = 9 panels: 5 + 4) and rows would not.
        int columnUnits = (n + TTiles.Columns - 1) / TTiles.Columns;
        int rowUnits = (m + TTiles.Rows - 1) / TTiles.Rows;
        bool byColumns = Imbalance(columnUnits, threads) <= Imbalance(rowUnits, threads);
        int unit = byColumns ? TTiles.Columns : TTiles.Rows;
        int extent = byColumns ? n : m;
        int units = (extent + unit - 1) / unit;
        threads = Math.Min(threads, units);
        if (threads <= 1)
        {
            Serial<T, TTiles>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC);
            return;
        }

        int perPart = (units + threads - 1) / threads * unit;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            int start = part * perPart;
            int length = Math.Min(perPart, extent - start);
            if (length <= 0)
            {
                return;
            }

            if (byColumns)
            {
                Serial<T, TTiles>(m, length, k, alpha, (T*)pa, rsA, csA, (T*)pb + (start * csB), rsB, csB, (T*)pc + (start * csC), rsC, csC);
            }
            else
            {
                Serial<T, TTiles>(length, n, k, alpha, (T*)pa + (start * rsA), rsA, csA, (T*)pb, rsB, csB, (T*)pc + (start * rsC), rsC, csC);
            }
        });
    }

    private static void Serial<T, TTiles>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        int rowBlock = Math.Max(mr, RowBlock / mr * mr);
        int columnBlock = Math.Max(nr, ColumnBlock / nr * nr);
        int kcMax = Math.Min(k, DepthBlock);
        int mcMax = Math.Min(RoundUp(m, mr), rowBlock);
        int ncMax = Math.Min(RoundUp(n, nr), columnBlock);
        bool directB = csB == 1 && m <= DirectRowLimit;

        // With few columns each A panel meets few B panels, so packing A would cost more than it saves.
        bool directA = csA == 1 && n <= 2 * nr;

        T* ap = PackBuffers<T>.ForA(mcMax * kcMax);
        T* bp = PackBuffers<T>.ForB(directB ? kcMax * nr : ncMax * kcMax);
        T* tile = stackalloc T[mr * nr];

        for (int jc = 0; jc < n; jc += columnBlock)
        {
            int nc = Math.Min(columnBlock, n - jc);
            int ncFull = nc / nr * nr;
            for (int pc = 0; pc < k; pc += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, k - pc);
                T* bBlock = b + (pc * rsB) + (jc * csB);
                if (!directB)
                {
                    PackB(kc, nc, bBlock, rsB, csB, bp, nr);
                }
                else if (ncFull != nc)
                {
                    // Only the ragged last columns are copied (zero-padded) so full-width loads stay in bounds.
                    PackB(kc, nc - ncFull, bBlock + (ncFull * csB), rsB, csB, bp, nr);
                }

                for (int ic = 0; ic < m; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, m - ic);
                    T* aBlock = a + (ic * rsA) + (pc * csA);

                    // Read in place, A needs packing only for a ragged last panel (rows past m must read as zero).
                    int inPlaceRows = mc;
                    if (!directA)
                    {
                        PackA(mc, kc, aBlock, rsA, csA, ap, mr);
                        inPlaceRows = 0;
                    }
                    else if (mc % mr != 0 && mc % mr != mr / 2)
                    {
                        inPlaceRows = mc / mr * mr;
                        PackA(mc - inPlaceRows, kc, aBlock + (inPlaceRows * rsA), rsA, csA, ap, mr);
                    }

                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int width = Math.Min(nr, nc - jr);
                        T* bPanel;
                        nint ldb;
                        if (!directB)
                        {
                            bPanel = bp + (jr * kc);
                            ldb = nr;
                        }
                        else if (width == nr)
                        {
                            bPanel = bBlock + jr;
                            ldb = rsB;
                        }
                        else
                        {
                            bPanel = bp;
                            ldb = nr;
                        }

                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int height = Math.Min(mr, mc - ir);
                            bool half = height <= mr / 2;
                            bool inPlace = ir < inPlaceRows;
                            T* aPanel = inPlace ? aBlock + (ir * rsA) : ap + ((directA ? ir - inPlaceRows : ir) * kc);
                            T* cTile = c + ((ic + ir) * rsC) + ((jc + jr) * csC);
                            if (width == nr && csC == 1 && (height == mr || height == mr / 2))
                            {
                                RunTile<T, TTiles>(inPlace, half, kc, aPanel, rsA, bPanel, ldb, cTile, rsC, alpha);
                            }
                            else
                            {
                                // Ragged or strided C: compute the whole tile into scratch, add back what exists.
                                new Span<T>(tile, mr * nr).Clear();
                                RunTile<T, TTiles>(inPlace, half, kc, aPanel, rsA, bPanel, ldb, tile, nr, alpha);
                                for (int r = 0; r < height; r++)
                                {
                                    T* cRow = cTile + (r * rsC);
                                    T* tRow = tile + (r * nr);
                                    for (int j = 0; j < width; j++)
                                    {
                                        cRow[j * csC] += tRow[j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunTile<T, TTiles>(bool inPlace, bool half, int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        if (inPlace)
        {
            if (half)
            {
                TTiles.HalfStrided(kc, a, lda, b, ldb, c, ldc, alpha);
            }
            else
            {
                TTiles.FullStrided(kc, a, lda, b, ldb, c, ldc, alpha);
            }
        }
        else if (half)
        {
            TTiles.Half(kc, a, b, ldb, c, ldc, alpha);
        }
        else
        {
            TTiles.Full(kc, a, b, ldb, c, ldc, alpha);
        }
    }

    /// <summary>
    /// Copies an mc×kc block of op(A) into micro-panels of MR rows (MR/2 for a short last panel), each stored
    /// column by column (kc columns of MR values) so the micro-kernel broadcasts consecutive elements.
    /// Rows past mc are zero so a padded tile adds nothing.
    /// </summary>
    private static void PackA<T>(int mc, int kc, T* a, nint rsA, nint csA, T* ap, int mr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            int height = rows <= mr / 2 ? mr / 2 : mr;
            T* dst = ap + (ir * kc);
            T* src = a + (ir * rsA);
            for (int p = 0; p < kc; p++)
            {
                T* column = src + (p * csA);
                T* packed = dst + (p * height);
                int r = 0;
                for (; r < rows; r++)
                {
                    packed[r] = column[r * rsA];
                }

                for (; r < height; r++)
                {
                    packed[r] = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// Copies a kc×nc block of op(B) into micro-panels of NR columns, each stored row by row (kc rows of NR
    /// values); columns past nc are zero.
    /// </summary>
    private static void PackB<T>(int kc, int nc, T* b, nint rsB, nint csB, T* bp, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* dst = bp + (jr * kc);
            if (csB == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* row = b + (p * rsB) + jr;
                    T* packed = dst + (p * nr);
                    new ReadOnlySpan<T>(row, cols).CopyTo(new Span<T>(packed, cols));
                    new Span<T>(packed + cols, nr - cols).Clear();
                }
            }
            else
            {
                // op(B) = Bᵀ: each column of op(B) is a contiguous row of the stored matrix; read it straight.
                for (int j = 0; j < cols; j++)
                {
                    T* column = b + ((jr + j) * csB);
                    for (int p = 0; p < kc; p++)
                    {
                        dst[(p * nr) + j] = column[p * rsB];
                    }
                }

                if (cols < nr)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        new Span<T>(dst + (p * nr) + cols, nr - cols).Clear();
                    }
                }
            }
        }
    }

    /// <summary>How much longer the busiest of <paramref name="threads"/> parts runs than an even share of <paramref name="units"/>.</summary>
    private static double Imbalance(int units, int threads) =>
        units < threads ? double.PositiveInfinity : (double)((units + threads - 1) / threads) * threads / units;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

/// <summary>
/// Per-thread packing buffers, pinned (so raw pointers stay valid) and aligned to 64 bytes (so packed
/// vector loads never split a cache line). They grow on demand and are reused by every later call.
/// </summary>
internal static unsafe class PackBuffers<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? t_a;

    [ThreadStatic]
    private static T[]? t_b;

    public static T* ForA(int length) => Aligned(ref t_a, length);

    public static T* ForB(int length) => Aligned(ref t_b, length);

    private static T* Aligned(ref T[]? buffer, int length)
    {
        int slack = 64 / sizeof(T);
        if (buffer is null || buffer.Length < length + slack)
        {
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        }

        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((start + 63) & ~(nint)63);
    }
}
