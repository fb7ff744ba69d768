using System.Numerics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// The multi-core GEMM: all of op(A) and op(B) packed into buffers every thread shares, each micro-panel by whichever
/// thread needs it first (a per-panel flag: 0 free, 1 being packed, 2 ready; a thread that finds a panel being packed
/// packs it too rather than wait), and C cut into tiles of rows × columns that the threads claim one at a time from a
/// shared counter, in a skewed order so that two tiles claimed together need different panels. No panel is packed
/// per thread, no thread waits at a barrier or for a helper that has not started, and a thread slowed down by other
/// work on its core simply claims fewer tiles (on a machine whose other core is busy, the caller does them all).
/// </summary>
/// <remarks>
/// Layout: depth block d (kc deep, starting at pc) of op(A) is at ap + mPad·pc, its MR-row panel i at + i·MR·kc
/// (by rows or by columns, as <see cref="GemmDriver.PackA"/> writes it); of op(B) at bp + nPad·pc, panel j at
/// + j·NR·kc. Within a claimed tile the loops are depth blocks → B panels → A panels, so each C tile is loaded and
/// stored once per depth block and the B micro-panel is reused across the tile's rows.
/// </remarks>
internal static unsafe class GemmParallel
{
    /// <summary>
    /// The shared packed copies are capped at this many elements each (128 MiB of doubles); larger products take the
    /// static split, each part packing block by block. Settable only so the tests can send small products that way.
    /// </summary>
    internal static long MaxPackedElements { get; set; } = 1L << 24;

    /// <summary>Aim for at least this many tiles per thread so the last ones even out.</summary>
    private const int TilesPerThread = 8;

    public static bool Fits(int m, int n, int k, int mr, int nr) =>
        (long)RoundUp(m, mr) * k <= MaxPackedElements && (long)RoundUp(n, nr) * k <= MaxPackedElements;

    public static void Run<T, TTiles>(int threads, int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        var job = new Job<T>
        {
            M = m,
            N = n,
            K = k,
            Alpha = alpha,
            A = (nint)a,
            RsA = rsA,
            CsA = csA,
            B = (nint)b,
            RsB = rsB,
            CsB = csB,
            C = (nint)c,
            RsC = rsC,
            Overwrite = overwrite,
            Kc = GemmDriver.EvenBlock(k, GemmDriver.DepthBlock, 1),
            MPanels = (m + mr - 1) / mr,
            NPanels = (n + nr - 1) / nr,
        };
        job.DepthBlocks = (k + job.Kc - 1) / job.Kc;
        job.RowPanelsPerTile = Math.Max(1, GemmDriver.RowBlock / mr);
        int rowTiles = (job.MPanels + job.RowPanelsPerTile - 1) / job.RowPanelsPerTile;
        int columnTiles = Math.Clamp(((TilesPerThread * threads) + rowTiles - 1) / rowTiles, 1, job.NPanels);
        job.ColumnPanelsPerTile = (job.NPanels + columnTiles - 1) / columnTiles;
        job.ColumnTiles = (job.NPanels + job.ColumnPanelsPerTile - 1) / job.ColumnPanelsPerTile;
        job.RowTiles = rowTiles;
        job.Tiles = rowTiles * job.ColumnTiles;
        job.PackedA = (nint)PackBuffers<T>.ForSharedA(job.MPanels * mr * k);
        job.PackedB = (nint)PackBuffers<T>.ForSharedB(job.NPanels * nr * k);
        job.AFlags = new int[job.DepthBlocks * job.MPanels];
        job.BFlags = new int[job.DepthBlocks * job.NPanels];

        // The helpers are queued, the calling thread starts at once. A helper counts itself active before it claims
        // a tile, so once the tiles are gone the caller waits only for helpers that hold one; a helper that starts
        // later finds no tile and touches nothing (the operands are pinned only for the duration of this call).
        for (int helper = 1; helper < threads; helper++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static j => Help<T, TTiles>(j), job, preferLocal: false);
        }

        Work<T, TTiles>(job);
        var spin = default(SpinWait);
        while (Volatile.Read(ref job.ActiveHelpers) != 0)
        {
            spin.SpinOnce();
        }
    }

    private static void Help<T, TTiles>(Job<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        Interlocked.Increment(ref job.ActiveHelpers);
        try
        {
            Work<T, TTiles>(job);
        }
        finally
        {
            Interlocked.Decrement(ref job.ActiveHelpers);
        }
    }

    private static void Work<T, TTiles>(Job<T> job)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        int m = job.M, n = job.N, k = job.K, kcMax = job.Kc;
        T* a = (T*)job.A, b = (T*)job.B, c = (T*)job.C;
        nint rsA = job.RsA, csA = job.CsA, rsB = job.RsB, csB = job.CsB, rsC = job.RsC;
        T* ap = (T*)job.PackedA, bp = (T*)job.PackedB;
        nint mPad = (nint)job.MPanels * mr, nPad = (nint)job.NPanels * nr;
        bool packRows = csA == 1;
        T alpha = job.Alpha;
        T* tile = stackalloc T[mr * nr];

        int claimed;
        while ((claimed = Interlocked.Increment(ref job.NextTile) - 1) < job.Tiles)
        {
            // Skewed order: tiles claimed one after the other share neither rows nor columns (while there are enough
            // of each), so two threads starting together do not both need the same panels packed first.
            int rowTile = claimed % job.RowTiles, columnTile = ((claimed / job.RowTiles) + rowTile) % job.ColumnTiles;
            int i0 = rowTile * job.RowPanelsPerTile, i1 = Math.Min(job.MPanels, i0 + job.RowPanelsPerTile);
            int j0 = columnTile * job.ColumnPanelsPerTile, j1 = Math.Min(job.NPanels, j0 + job.ColumnPanelsPerTile);
            for (int d = 0, pc = 0; pc < k; d++, pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool first = job.Overwrite && d == 0;
                T* aDepth = ap + (mPad * pc), bDepth = bp + (nPad * pc);
                for (int j = j0; j < j1; j++)
                {
                    int width = Math.Min(nr, n - (j * nr));
                    T* bPanel = bDepth + ((nint)j * nr * kc);
                    ref int bFlag = ref job.BFlags[(d * job.NPanels) + j];
                    if (MustPack(ref bFlag))
                    {
                        GemmDriver.PackB<T, TTiles>(kc, width, b + (pc * rsB) + (j * nr * csB), rsB, csB, bPanel);
                        Volatile.Write(ref bFlag, Ready);
                    }

                    for (int i = i0; i < i1; i++)
                    {
                        int height = Math.Min(mr, m - (i * mr));
                        bool half = height <= mr / 2;
                        T* aPanel = aDepth + ((nint)i * mr * kc);
                        ref int aFlag = ref job.AFlags[(d * job.MPanels) + i];
                        if (MustPack(ref aFlag))
                        {
                            GemmDriver.PackA(height, kc, a + (i * mr * rsA) + (pc * csA), rsA, csA, aPanel, mr, packRows);
                            Volatile.Write(ref aFlag, Ready);
                        }

                        nint ars = packRows ? kc : 1, acs = packRows ? 1 : (half ? mr / 2 : mr);
                        T* cTile = c + (i * mr * rsC) + (j * nr);
                        if (width == nr && (height == mr || height == mr / 2))
                        {
                            GemmDriver.RunTile<T, TTiles>(packRows, half, kc, aPanel, ars, bPanel, nr, cTile, rsC, alpha, first);
                        }
                        else if (width <= TTiles.EdgeColumns)
                        {
                            TTiles.Edge(kc, aPanel, ars, acs, bPanel, nr, cTile, rsC, alpha, height, width, first);
                        }
                        else
                        {
                            GemmDriver.RunTile<T, TTiles>(packRows, half, kc, aPanel, ars, bPanel, nr, tile, nr, alpha, true);
                            for (int r = 0; r < height; r++)
                            {
                                T* cRow = cTile + (r * rsC);
                                T* tRow = tile + (r * nr);
                                for (int col = 0; col < width; col++)
                                {
                                    cRow[col] = first ? tRow[col] : cRow[col] + tRow[col];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private const int Free = 0, Packing = 1, Ready = 2;

    /// <summary>
    /// True unless the panel is ready: a free panel is marked as being packed and packed by this thread, and so is a
    /// panel another thread is packing at this moment. Waiting for that thread instead would tie this one to it, and on
    /// a loaded machine the other may be descheduled mid-panel for a whole time slice. Both write the same values, so
    /// the duplicate is harmless, and each thread reads a panel only after its own copy finished or after seeing it
    /// marked ready (release/acquire through the flag).
    /// </summary>
    private static bool MustPack(ref int flag) =>
        Volatile.Read(ref flag) != Ready && (Interlocked.CompareExchange(ref flag, Packing, Free) == Free || Volatile.Read(ref flag) != Ready);


    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private sealed class Job<T>
        where T : unmanaged
    {
        public int M, N, K, Kc, DepthBlocks, MPanels, NPanels, RowPanelsPerTile, ColumnPanelsPerTile, RowTiles, ColumnTiles, Tiles;
        public int NextTile;
        public int ActiveHelpers;
        public bool Overwrite;
        public T Alpha;
        public nint A, RsA, CsA, B, RsB, CsB, C, RsC, PackedA, PackedB;
        public int[] AFlags = [], BFlags = [];
    }
}
