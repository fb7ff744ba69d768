using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// The GEMM engine behind <see cref="Gemm"/>: C(m×n) += α · op(A)(m×k) · op(B)(k×n) (or = with overwrite, for β = 0:
/// the first depth block stores its sums without reading C, so C needs no clearing pass), where element (i, p)
/// of op(A) lives at a[i·rsA + p·csA], element (p, j) of op(B) at b[p·rsB + j·csB], and C[i, j] at
/// c[i·rsC + j·csC]. Strides express every transpose, so one engine serves A·B, Aᵀ·B and A·Bᵀ.
/// </summary>
/// <remarks>
/// The loop nest is the Goto/BLIS one: column blocks of B (nc) → depth blocks (kc; B packed into
/// kc×NR micro-panels) → row blocks of A (mc; A packed into MR×kc micro-panels) → micro-panels of B →
/// micro-panels of A → a register-tiled micro-kernel. A short op(A) (the mini-batch products) leaves B
/// unpacked and reads its rows in place: packing B would cost as much memory traffic as the product; likewise
/// a narrow op(B) leaves A in place, and a short A times Bᵀ is computed as (B·Aᵀ)ᵀ so nothing big is transposed.
/// Products at most two vectors wide skip packing altogether (the edge kernels of <see cref="GemmEdgeKernels"/>, with masked
/// lanes, or for a deep enough Aᵀ·B whose width leaves lanes idle the column panels of <see cref="GemmColumnKernels"/>),
/// and so do ragged last column panels. Large products go to <see cref="GemmParallel"/>: a home of C tiles
/// per thread, each thread packing what it reads, idle threads stealing the tiles left in other homes.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>
    /// Largest depth of a packed block; k is cut into equal blocks no deeper than this (784 = 2 × 392, not 512 + 272).
    /// Deep blocks amortise the load and store of each C tile; the B micro-panel (kc × NR) then lives in L2, which
    /// feeds the 3 vector loads per 24 FMAs easily (measured on Zen 5: 512 beat 256 by 2–5 % at n = 1024).
    /// </summary>
    internal const int DepthBlock = 512;

    /// <summary>Rows of A packed at once (rounded down to a multiple of MR): the A block (mc × kc) lives in L2.</summary>
    internal const int RowBlock = 96;

    /// <summary>
    /// Most columns of B packed at once (a multiple of NR); n is cut into equal blocks no wider than this, so a
    /// 1024-wide product is one block (1008 left a 16-column sliver that re-packed all of A for a third of a tile).
    /// </summary>
    internal const int ColumnBlock = 2048;

    /// <summary>At most this many rows of op(A), B is read in place instead of packed.</summary>
    internal const int DirectRowLimit = 48;

    /// <summary>
    /// Below this depth a short A·Bᵀ is not turned into (B·Aᵀ)ᵀ: with little work per element of C, writing C
    /// transposed costs more than packing Bᵀ. The swap is kept for double only: since Bᵀ is packed by register
    /// transposes, float 20×200·(784×200)ᵀ ran 1.56× faster without it, double 0.88× (interleaved A/B, same process).
    /// </summary>
    internal const int SwapDepthLimit = 64;

    /// <summary>
    /// From this depth on, a narrow Aᵀ·B may run the column-panel kernels rather than the edge kernels: each block of C
    /// then makes a round trip through a scratch tile and a register transpose, which a shallow product does not
    /// amortise (200×k×10, one core, interleaved: slower at k = 8 and 16, even or mixed at 20 and 24, faster from 32 on).
    /// </summary>
    internal const int ColumnPanelMinDepth = 32;

    /// <summary>A stored Aᵀ is read in place for products at most this wide; wider ones pack it (see <see cref="ReadsAInPlace"/>).</summary>
    internal const int TransposedInPlaceColumns = 256;

    /// <summary>Multiply-adds per extra thread: below this, waking a second core costs more than it saves.</summary>
    internal const long ParallelGrain = 1L << 21;

    public static void Accumulate<T>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (csB != 1 && csA == 1 && m <= DirectRowLimit && n > m && k >= SwapDepthLimit && sizeof(T) == 8)
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
            Split<T, Vector512Tiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC, overwrite);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Split<T, Vector256Tiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC, overwrite);
        }
        else
        {
            Split<T, ScalarTiles<T>>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC, overwrite);
        }
    }

    private static void Split<T, TTiles>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        long work = (long)m * n * k;
        int threads = (int)Math.Min(Gemm.MaxDegreeOfParallelism, Math.Max(1, work / ParallelGrain));

        // The static split below is for what the parallel path (GemmParallel) does not take (narrow products, a transposed C,
        // operands too large to pack whole). Columns by default: each part then packs a disjoint slice of B and
        // nothing twice. Rows instead when whole column panels would split unevenly (200 columns = 9 panels: 5 + 4)
        // and rows would not. A narrow product (the edge kernels, nothing packed) is split by rows only.
        int columnUnits = (n + TTiles.Columns - 1) / TTiles.Columns;
        int rowUnits = (m + TTiles.Rows - 1) / TTiles.Rows;
        bool byColumns = !IsNarrow<T, TTiles>(n, csC) && Imbalance(columnUnits, threads) <= Imbalance(rowUnits, threads);
        int unit = byColumns ? TTiles.Columns : TTiles.Rows;
        int extent = byColumns ? n : m;
        int units = (extent + unit - 1) / unit;
        threads = Math.Min(threads, units);
        if (threads <= 1)
        {
            Serial<T, TTiles>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, csC, overwrite);
            return;
        }

        if (!IsNarrow<T, TTiles>(n, csC) && csC == 1 && GemmParallel.Fits(m, n, k, TTiles.Rows, TTiles.Columns))
        {
            GemmParallel.Run<T, TTiles>(threads, m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, overwrite);
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
                Serial<T, TTiles>(m, length, k, alpha, (T*)pa, rsA, csA, (T*)pb + (start * csB), rsB, csB, (T*)pc + (start * csC), rsC, csC, overwrite);
            }
            else
            {
                Serial<T, TTiles>(length, n, k, alpha, (T*)pa + (start * rsA), rsA, csA, (T*)pb, rsB, csB, (T*)pc + (start * rsC), rsC, csC, overwrite);
            }
        });
    }

    private static bool IsNarrow<T, TTiles>(int n, nint csC)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T> =>
        n <= TTiles.EdgeColumns && csC == 1;

    private static void Serial<T, TTiles>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, nint csC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        if (IsNarrow<T, TTiles>(n, csC))
        {
            Narrow<T, TTiles>(m, n, k, alpha, a, rsA, csA, b, rsB, csB, c, rsC, overwrite);
            return;
        }

        int mr = TTiles.Rows, nr = TTiles.Columns;
        int rowBlock = Math.Max(mr, RowBlock / mr * mr);
        int depthBlock = EvenBlock(k, DepthBlock, 1);
        int columnBlock = EvenBlock(n, ColumnBlock / nr * nr, nr);
        int kcMax = depthBlock;
        int mcMax = Math.Min(RoundUp(m, mr), rowBlock);
        int ncMax = Math.Min(RoundUp(n, nr), columnBlock);
        bool directB = csB == 1 && m <= DirectRowLimit;

        bool directA = ReadsAInPlace(rsA, csA, n);

        T* ap = PackBuffers<T>.ForA(mcMax * kcMax);
        T* bp = PackBuffers<T>.ForB(directB ? kcMax * nr : ncMax * kcMax);
        T* tile = stackalloc T[mr * nr];

        for (int jc = 0; jc < n; jc += columnBlock)
        {
            int nc = Math.Min(columnBlock, n - jc);
            int ncFull = nc / nr * nr;
            for (int pc = 0; pc < k; pc += depthBlock)
            {
                int kc = Math.Min(depthBlock, k - pc);
                bool first = overwrite && pc == 0;
                T* bBlock = b + (pc * rsB) + (jc * csB);
                if (!directB)
                {
                    PackB<T, TTiles>(kc, nc, bBlock, rsB, csB, bp);
                }
                else if (ncFull != nc)
                {
                    // Only the ragged last columns are copied (zero-padded) so full-width loads stay in bounds.
                    PackB<T, TTiles>(kc, nc - ncFull, bBlock + (ncFull * csB), rsB, csB, bp);
                }

                for (int ic = 0; ic < m; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, m - ic);
                    T* aBlock = a + (ic * rsA) + (pc * csA);

                    // Read in place, A needs packing only for a ragged last panel (rows past m must read as zero).
                    int inPlaceRows = mc;
                    if (!directA)
                    {
                        PackA(mc, kc, aBlock, rsA, csA, ap, mr, byRows: false);
                        inPlaceRows = 0;
                    }
                    else if (mc % mr != 0 && mc % mr != mr / 2)
                    {
                        inPlaceRows = mc / mr * mr;
                        PackA(mc - inPlaceRows, kc, aBlock + (inPlaceRows * rsA), rsA, csA, ap, mr, byRows: csA == 1);
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

                            // Where row r, depth p of this A panel lives: in place (rows rsA apart), packed by rows
                            // (kc apart) or packed by columns (MR or MR/2 values per depth step).
                            T* aPanel;
                            nint ars, acs;
                            if (ir < inPlaceRows)
                            {
                                aPanel = aBlock + (ir * rsA);
                                (ars, acs) = (rsA, csA);
                            }
                            else
                            {
                                aPanel = ap + ((directA ? ir - inPlaceRows : ir) * kc);
                                (ars, acs) = csA == 1 ? (kc, 1) : (1, half ? mr / 2 : mr);
                            }

                            T* cTile = c + ((ic + ir) * rsC) + ((jc + jr) * csC);
                            if (width == nr && csC == 1 && (height == mr || height == mr / 2))
                            {
                                RunTile<T, TTiles>(acs == 1, half, kc, aPanel, acs == 1 ? ars : acs, bPanel, ldb, cTile, rsC, alpha, first);
                            }
                            else if (width <= TTiles.EdgeColumns && csC == 1)
                            {
                                TTiles.Edge(kc, aPanel, ars, acs, bPanel, ldb, cTile, rsC, alpha, height, width, first);
                            }
                            else
                            {
                                // Ragged or strided C: compute the whole tile into scratch, add back what exists.
                                RunTile<T, TTiles>(acs == 1, half, kc, aPanel, acs == 1 ? ars : acs, bPanel, ldb, tile, nr, alpha, true);
                                for (int r = 0; r < height; r++)
                                {
                                    T* cRow = cTile + (r * rsC);
                                    T* tRow = tile + (r * nr);
                                    for (int j = 0; j < width; j++)
                                    {
                                        cRow[j * csC] = first ? tRow[j] : cRow[j * csC] + tRow[j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// A product at most two vectors wide (the logits H·W2 and the weight gradient Hᵀ·δ2 of a 10-class layer): the
    /// edge kernels over MR rows at a time, the whole depth in one pass, A and B read in place (B copied only when
    /// it is stored transposed), the ragged lanes of B and C handled by masks. Packing would cost more than the product.
    /// </summary>
    private static void Narrow<T, TTiles>(int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        if (csB != 1)
        {
            // op(B) = Bᵀ: copy it row-major (k × n, n ≤ two vectors) so each depth step is one masked load.
            T* packed = PackBuffers<T>.ForB(k * n);
            for (int j = 0; j < n; j++)
            {
                T* column = b + (j * csB);
                for (int p = 0; p < k; p++)
                {
                    packed[(p * n) + j] = column[p * rsB];
                }
            }

            b = packed;
            rsB = n;
        }

        if (rsA == 1 && PrefersColumnPanels<T, TTiles>(n, k))
        {
            ColumnPanels<T, TTiles>(m, n, k, alpha, a, csA, b, rsB, c, rsC, overwrite);
            return;
        }

        int mr = TTiles.Rows;
        for (int ir = 0; ir < m; ir += mr)
        {
            TTiles.Edge(k, a + (ir * rsA), rsA, csA, b, rsB, c + (ir * rsC), rsC, alpha, Math.Min(mr, m - ir), n, overwrite);
        }
    }

    /// <summary>
    /// Whether a narrow product with op(A) stored transposed runs the column panels: deep enough, and the edge kernels
    /// would leave at least a fifth of their lanes idle beyond what the 5-column groups do (n = 10: 16 lanes against
    /// 10; n = 16 fills two vectors of doubles exactly and stays on the edge kernels, 1.5× faster there).
    /// </summary>
    internal static bool PrefersColumnPanels<T, TTiles>(int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        if (TTiles.ColumnPanelRows == 0 || k < ColumnPanelMinDepth)
        {
            return false;
        }

        int edgeLanes = RoundUp(n, TTiles.EdgeLanes);
        int groups = (n + GemmColumnKernels.Columns - 1) / GemmColumnKernels.Columns;
        int panelLanes = groups * ((n + groups - 1) / groups);
        return 4 * edgeLanes >= 5 * panelLanes;
    }

    /// <summary>
    /// A narrow product whose op(A) is stored transposed (Aᵀ·B: the weight gradient Hᵀ·δ2 of a 10-class layer). Each
    /// depth step of op(A)'s rows is a contiguous row of the stored Aᵀ, so vectors run down the rows of C and the
    /// columns of C are broadcasts of B: every lane of every multiply-add is useful, where the edge kernels would fill
    /// only n of each vector's lanes (10 of 16). The kernels leave a block of C transposed in a scratch tile; register
    /// transposes turn it back into rows, which are added into C a vector at a time.
    /// </summary>
    [SkipLocalsInit] // the scratch tiles are written before they are read: no zeroing of 5 KB per call
    private static void ColumnPanels<T, TTiles>(int m, int n, int k, T alpha, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int panelRows = TTiles.ColumnPanelRows;

        // Equal column groups of at most 5 (10 = 5 + 5, 16 = 4 × 4): a kernel call for a narrower group repeats its last column.
        int groups = (n + GemmColumnKernels.Columns - 1) / GemmColumnKernels.Columns;
        int groupWidth = (n + groups - 1) / groups;
        T* columnsTile = stackalloc T[panelRows * n];
        T* rowsTile = stackalloc T[panelRows * n];
        for (int i0 = 0; i0 < m; i0 += panelRows)
        {
            int rows = Math.Min(panelRows, m - i0);
            for (int j0 = 0; j0 < n; j0 += groupWidth)
            {
                TTiles.ColumnPanel(k, a + i0, lda, b + j0, ldb, rows, Math.Min(groupWidth, n - j0), columnsTile + (j0 * panelRows));
            }

            // columnsTile is the block transposed (column j at j·panelRows): back to rows, n apart.
            (int doneColumns, int doneRows) = Transpose.Blocks(rows, n, columnsTile, panelRows, rowsTile, n);
            for (int j = 0; j < n; j++)
            {
                for (int i = j < doneColumns ? doneRows : 0; i < rows; i++)
                {
                    rowsTile[(i * n) + j] = columnsTile[(j * panelRows) + i];
                }
            }

            T* cBlock = c + (i0 * ldc);
            if (ldc == n)
            {
                AddScaled(rowsTile, cBlock, rows * n, alpha, overwrite);
            }
            else
            {
                for (int i = 0; i < rows; i++)
                {
                    AddScaled(rowsTile + (i * n), cBlock + (i * ldc), n, alpha, overwrite);
                }
            }
        }
    }

    /// <summary>y = α·x (overwrite: y is not read) or y += α·x, over <paramref name="count"/> contiguous elements.</summary>
    private static void AddScaled<T>(T* x, T* y, int count, T alpha, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        var alphas = new Vector<T>(alpha);
        for (; i <= count - Vector<T>.Count; i += Vector<T>.Count)
        {
            Vector<T> scaled = alphas * Vector.Load(x + i);
            (overwrite ? scaled : scaled + Vector.Load(y + i)).Store(y + i);
        }

        for (; i < count; i++)
        {
            y[i] = overwrite ? alpha * x[i] : y[i] + (alpha * x[i]);
        }
    }

    /// <summary>
    /// Whether op(A) is read where it is stored rather than packed (a ragged last panel is copied either way, so that
    /// rows past m read as zero). A row-major A always: the strided kernels read its rows, and packing them by block
    /// copies cost more than it saved at every size measured (interleaved in one process, one core: 1.02–1.13× faster
    /// in place in double, 0.98–1.06× in float; 1.03–1.17× on two cores). A stored Aᵀ when the product is at most
    /// <see cref="TransposedInPlaceColumns"/> wide: each depth step's MR values are contiguous in one row of Aᵀ, as in a
    /// packed panel, and the pack (a strided gather) is paid for by few B panels (784×128×200 1.29× double, 1.63× float;
    /// 256³ 1.03–1.05×); at 512 and more columns the contiguous packed panel wins (512³ and 1000³ double 0.97×).
    /// </summary>
    internal static bool ReadsAInPlace(nint rsA, nint csA, int n) => csA == 1 || (rsA == 1 && n <= TransposedInPlaceColumns);

    /// <summary>
    /// One full or half tile: A read by rows (<paramref name="byRows"/>: row r at a + r·<paramref name="aStride"/>,
    /// contiguous along k; a row-major A in place) or by columns (depth step p at a + p·<paramref name="aStride"/>,
    /// the tile's rows contiguous; packed, or a stored Aᵀ in place).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RunTile<T, TTiles>(bool byRows, bool half, int kc, T* a, nint aStride, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        if (byRows)
        {
            if (half)
            {
                TTiles.HalfStrided(kc, a, aStride, b, ldb, c, ldc, alpha, overwrite);
            }
            else
            {
                TTiles.FullStrided(kc, a, aStride, b, ldb, c, ldc, alpha, overwrite);
            }
        }
        else if (half)
        {
            TTiles.Half(kc, a, aStride, b, ldb, c, ldc, alpha, overwrite);
        }
        else
        {
            TTiles.Full(kc, a, aStride, b, ldb, c, ldc, alpha, overwrite);
        }
    }

    /// <summary>
    /// Copies an mc×kc block of op(A) into micro-panels of MR rows (MR/2 for a short last panel), each stored
    /// column by column (kc columns of MR values) so the micro-kernel broadcasts consecutive elements.
    /// Rows past mc are zero so a padded tile adds nothing.
    /// </summary>
    internal static void PackA<T>(int mc, int kc, T* a, nint rsA, nint csA, T* ap, int mr, bool byRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (byRows)
        {
            // Row r of the block at ap + r·kc: one block copy per row (csA = 1), zero rows up to the panel height.
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                int height = rows <= mr / 2 ? mr / 2 : mr;
                for (int r = ir; r < ir + height; r++)
                {
                    var packed = new Span<T>(ap + (r * kc), kc);
                    if (r < mc)
                    {
                        new ReadOnlySpan<T>(a + (r * rsA), kc).CopyTo(packed);
                    }
                    else
                    {
                        packed.Clear();
                    }
                }
            }

            return;
        }

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
                if (rsA == 1 && rows == 8)
                {
                    // Aᵀ stored row-major: the 8 values of one depth step are contiguous, one vector copy.
                    if (sizeof(T) == 8)
                    {
                        Vector512.Load((double*)column).Store((double*)packed);
                    }
                    else
                    {
                        Vector256.Load((float*)column).Store((float*)packed);
                    }

                    continue;
                }

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
    internal static void PackB<T, TTiles>(int kc, int nc, T* b, nint rsB, nint csB, T* bp)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int nr = TTiles.Columns;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* dst = bp + (jr * kc);
            if (csB == 1)
            {
                if (cols == nr)
                {
                    // A whole panel row is a constant NR·sizeof(T) bytes: the JIT unrolls the copy into vector moves.
                    for (int p = 0; p < kc; p++)
                    {
                        Unsafe.CopyBlockUnaligned(dst + (p * nr), b + (p * rsB) + jr, (uint)(TTiles.Columns * sizeof(T)));
                    }

                    continue;
                }

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
                // op(B) = Bᵀ: each column of op(B) is a contiguous row of the stored matrix. Whole 8×8 (float) or
                // 4×4 (double) blocks are transposed in registers; what is left goes element by element.
                int doneColumns = 0, doneDepth = 0;
                if (rsB == 1)
                {
                    (doneColumns, doneDepth) = Transpose.Blocks(kc, cols, b + (jr * csB), csB, dst, nr);
                }

                for (int j = 0; j < cols; j++)
                {
                    T* column = b + ((jr + j) * csB);
                    for (int p = j < doneColumns ? doneDepth : 0; p < kc; p++)
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

    /// <summary>The size of the equal blocks (a multiple of <paramref name="multiple"/>) that cut <paramref name="extent"/> into as few blocks of at most <paramref name="limit"/> as possible.</summary>
    internal static int EvenBlock(int extent, int limit, int multiple)
    {
        int blocks = Math.Max(1, (extent + limit - 1) / limit);
        return Math.Max(multiple, RoundUp((extent + blocks - 1) / blocks, multiple));
    }

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

    [ThreadStatic]
    private static T[]? t_wholeA;

    [ThreadStatic]
    private static T[]? t_wholeB;

    public static T* ForA(int length) => Aligned(ref t_a, length);

    public static T* ForB(int length) => Aligned(ref t_b, length);

    /// <summary>The calling thread's buffer for its packed copy of a whole op(A) in a parallel product.</summary>
    public static T* ForWholeA(int length) => Aligned(ref t_wholeA, length);

    /// <inheritdoc cref="ForWholeA(int)"/>
    public static T* ForWholeB(int length) => Aligned(ref t_wholeB, length);

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
