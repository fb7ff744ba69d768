using System.Numerics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// The multi-core GEMM: C is cut into one home per thread (column ranges, or row ranges when splitting columns would
/// duplicate more packing), each home into tiles of rows × columns. A thread claims the tiles of its own home from the
/// front and, when its home is done, steals from the back of the home with the most tiles left. Every thread packs
/// what it reads into buffers of its own (each panel once per thread, the first time a tile of that thread needs it),
/// and a row-major op(A) is not packed at all: no packed panel crosses cores, no thread waits at a barrier or for a
/// helper that has not started, and a thread slowed down by other work on its core is relieved of the rest of its home
/// (on a machine whose other core is busy, the caller does it all).
/// </summary>
/// <remarks>
/// <para>
/// Why private packing: the previous version packed each panel once into buffers both threads shared. On this
/// machine (2 cores of a Zen 5 EPYC, quiet) reading panels another core had just written cost up to half the
/// throughput: 128×784×200 float ran at 127 GFLOP/s shared against 273 with each thread packing its own part, and
/// 1024³ float at 316 against 346–373. Reading a row-major A in place rather than packing it gained another 3–17 %
/// on two cores (double 1024³ 165 → 187 GFLOP/s, 128×784×200 119 → 139, interleaved in one process); a narrow
/// enough product reads a stored Aᵀ in place too (<see cref="GemmDriver.ReadsAInPlace"/>).
/// </para>
/// <para>
/// Layout of a thread's buffers: depth block d (kc deep, starting at pc) of a packed Aᵀ is at ap + mPad·pc, its MR-row
/// panel i at + i·MR·kc (column by column, as <see cref="GemmDriver.PackA"/> writes it), and the ragged last panel of
/// an op(A) read in place at ap + MR·pc (row by row for A, column by column for Aᵀ); of op(B) at bp + nPad·pc, panel j at + j·NR·kc. Tiles of a home are taken
/// row by row, so the A block of a row of tiles stays in L2 across its columns; within a tile the loops are depth
/// blocks → B panels → A panels, so each C tile is loaded and stored once per depth block and the B micro-panel is
/// reused across the tile's rows.
/// </para>
/// </remarks>
internal static unsafe class GemmParallel
{
    /// <summary>
    /// The whole packed copies are capped at this many elements each (128 MiB of doubles); larger products take the
    /// static split, each part packing block by block. Settable only so the tests can send small products that way.
    /// </summary>
    internal static long MaxPackedElements { get; set; } = 1L << 24;

    /// <summary>
    /// Whether helper threads are started. Tests turn it off to make the caller steal every tile of every other home,
    /// the schedule of a machine whose other cores never come free.
    /// </summary>
    internal static bool StartHelpers { get; set; } = true;

    /// <summary>
    /// Tiles across a home's row of tiles (fewer when the home is narrower): the last tile a thread runs while the
    /// other has nothing left is short (1024³ on 2 cores: the caller waited 0.12–0.16 ms at the end with 2 across,
    /// 0.08–0.11 ms with 6, and the throughput rose 2–6 %). Narrow tiles cost nothing else: their A panels are
    /// already in L2 from the tile before.
    /// </summary>
    private const int TilesAcrossHome = 6;

    public static bool Fits(int m, int n, int k, int mr, int nr) =>
        (long)RoundUp(m, mr) * k <= MaxPackedElements && (long)RoundUp(n, nr) * k <= MaxPackedElements;

    public static void Run<T, TTiles>(int threads, int m, int n, int k, T alpha, T* a, nint rsA, nint csA, T* b, nint rsB, nint csB, T* c, nint rsC, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        int mPanels = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;
        int rowTilePanels = Math.Max(1, GemmDriver.RowBlock / mr);

        // Split where less packing is duplicated (by columns every thread packs op(A) unless it is read in place; by
        // rows every thread packs op(B)), as long as that gives each thread a part; homes end at whole panels nearest
        // an even share of the extent.
        long duplicatedByColumns = GemmDriver.ReadsAInPlace(rsA, csA, n) ? 0 : (long)m * k, duplicatedByRows = (long)k * n;
        bool byColumns = nPanels >= threads && (duplicatedByColumns <= duplicatedByRows || mPanels < threads);
        int homes = Math.Min(threads, byColumns ? nPanels : mPanels);
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
            MPanels = mPanels,
            NPanels = nPanels,
            Homes = new Home[homes],
        };
        for (int h = 0; h < homes; h++)
        {
            var home = new Home();
            if (byColumns)
            {
                home.Column0 = PanelNear(h, homes, n, nr);
                home.Column1 = PanelNear(h + 1, homes, n, nr);
                home.Row0 = 0;
                home.Row1 = mPanels;
                home.TileColumns = Math.Max(1, (home.Column1 - home.Column0 + TilesAcrossHome - 1) / TilesAcrossHome); // a home rounding made empty has no tiles
                home.TileRows = rowTilePanels;
            }
            else
            {
                home.Row0 = PanelNear(h, homes, m, mr);
                home.Row1 = PanelNear(h + 1, homes, m, mr);
                home.Column0 = 0;
                home.Column1 = nPanels;
                home.TileColumns = (nPanels + TilesAcrossHome - 1) / TilesAcrossHome;
                home.TileRows = rowTilePanels;
            }

            home.TilesAcross = (home.Column1 - home.Column0 + home.TileColumns - 1) / home.TileColumns;
            int tilesDown = (home.Row1 - home.Row0 + home.TileRows - 1) / home.TileRows;
            home.Ends = (long)(home.TilesAcross * tilesDown) << 32;
            job.Homes[h] = home;
        }

        // The helpers are queued, the calling thread starts at once. A helper counts itself active before it claims
        // a tile, so once the tiles are gone the caller waits only for helpers that hold one; a helper that starts
        // later finds no tile and touches nothing (the operands are pinned only for the duration of this call).
        for (int helper = 1; helper < homes && StartHelpers; helper++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => Help<T, TTiles>(state.Job, state.Home), (Job: job, Home: helper), preferLocal: false);
        }

        Work<T, TTiles>(job, 0);
        var spin = default(SpinWait);
        while (Volatile.Read(ref job.ActiveHelpers) != 0)
        {
            spin.SpinOnce(sleep1Threshold: -1); // never Sleep(1): a millisecond is a tenth of a large product
        }
    }

    /// <summary>
    /// The first panel of home <paramref name="home"/> of <paramref name="homes"/>: the panel boundary nearest an even
    /// share of the extent, and for home = homes the panel count (a ragged last panel belongs to the last home).
    /// </summary>
    private static int PanelNear(int home, int homes, int extent, int panel) =>
        home == homes ? (extent + panel - 1) / panel : (int)((((long)extent * home / homes) + (panel / 2)) / panel);

    private static void Help<T, TTiles>(Job<T> job, int home)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        Interlocked.Increment(ref job.ActiveHelpers);
        try
        {
            Work<T, TTiles>(job, home);
        }
        finally
        {
            Interlocked.Decrement(ref job.ActiveHelpers);
        }
    }

    /// <summary>Runs the tiles of home <paramref name="own"/> from the front, then steals from the back of the fullest other home until none is left.</summary>
    private static void Work<T, TTiles>(Job<T> job, int own)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        var packed = new ThreadPanels<T>(job, mr, nr);
        T* scratch = stackalloc T[mr * nr];
        int tile;
        while ((tile = job.Homes[own].Claim(fromBack: false)) >= 0)
        {
            RunTile<T, TTiles>(job, job.Homes[own], tile, packed, scratch);
        }

        while (true)
        {
            Home? victim = null;
            int most = 0;
            foreach (Home home in job.Homes)
            {
                int left = home.Left;
                if (left > most)
                {
                    (victim, most) = (home, left);
                }
            }

            if (victim is null)
            {
                return;
            }

            if ((tile = victim.Claim(fromBack: true)) >= 0)
            {
                RunTile<T, TTiles>(job, victim, tile, packed, scratch);
            }
        }
    }

    private static void RunTile<T, TTiles>(Job<T> job, Home home, int tile, ThreadPanels<T> packed, T* scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTiles : IGemmTiles<T>
    {
        int mr = TTiles.Rows, nr = TTiles.Columns;
        int m = job.M, n = job.N, k = job.K, kcMax = job.Kc;
        T* a = (T*)job.A, b = (T*)job.B, c = (T*)job.C;
        nint rsA = job.RsA, csA = job.CsA, rsB = job.RsB, csB = job.CsB, rsC = job.RsC;
        nint mPad = (nint)job.MPanels * mr, nPad = (nint)job.NPanels * nr;
        bool inPlace = GemmDriver.ReadsAInPlace(rsA, csA, n);
        T alpha = job.Alpha;

        // Tiles of a home go row by row: consecutive tiles share their A panels.
        int i0 = home.Row0 + (tile / home.TilesAcross * home.TileRows), i1 = Math.Min(home.Row1, i0 + home.TileRows);
        int j0 = home.Column0 + (tile % home.TilesAcross * home.TileColumns), j1 = Math.Min(home.Column1, j0 + home.TileColumns);
        for (int d = 0, pc = 0; pc < k; d++, pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            bool first = job.Overwrite && d == 0;
            T* aDepth = packed.A + (mPad * pc), bDepth = packed.B + (nPad * pc);
            for (int j = j0; j < j1; j++)
            {
                int width = Math.Min(nr, n - (j * nr));
                T* bPanel = bDepth + ((nint)j * nr * kc);
                ref bool bReady = ref packed.BReady[(d * job.NPanels) + j];
                if (!bReady)
                {
                    GemmDriver.PackB<T, TTiles>(kc, width, b + (pc * rsB) + (j * nr * csB), rsB, csB, bPanel);
                    bReady = true;
                }

                for (int i = i0; i < i1; i++)
                {
                    int height = Math.Min(mr, m - (i * mr));
                    bool half = height <= mr / 2;
                    // op(A) read in place (through its own strides) but for a ragged last panel, whose rows past m must
                    // read as zero: that one is copied to the only panel of the buffer, by rows (kc apart) for A, by
                    // columns for Aᵀ. A packed Aᵀ is packed by columns (MR or MR/2 values per depth step).
                    T* aPanel;
                    nint ars, acs;
                    if (inPlace && (height == mr || height == mr / 2))
                    {
                        aPanel = a + (i * mr * rsA) + (pc * csA);
                        (ars, acs) = (rsA, csA);
                    }
                    else
                    {
                        aPanel = inPlace ? packed.A + ((nint)mr * pc) : aDepth + ((nint)i * mr * kc);
                        (ars, acs) = csA == 1 ? (kc, 1) : (1, half ? mr / 2 : mr);
                        ref bool aReady = ref packed.AReady[(d * job.MPanels) + i];
                        if (!aReady)
                        {
                            GemmDriver.PackA(height, kc, a + (i * mr * rsA) + (pc * csA), rsA, csA, aPanel, mr, byRows: csA == 1);
                            aReady = true;
                        }
                    }

                    T* cTile = c + (i * mr * rsC) + (j * nr);
                    if (width == nr && (height == mr || height == mr / 2))
                    {
                        GemmDriver.RunTile<T, TTiles>(acs == 1, half, kc, aPanel, acs == 1 ? ars : acs, bPanel, nr, cTile, rsC, alpha, first);
                    }
                    else if (width <= TTiles.EdgeColumns)
                    {
                        TTiles.Edge(kc, aPanel, ars, acs, bPanel, nr, cTile, rsC, alpha, height, width, first);
                    }
                    else
                    {
                        GemmDriver.RunTile<T, TTiles>(acs == 1, half, kc, aPanel, acs == 1 ? ars : acs, bPanel, nr, scratch, nr, alpha, true);
                        for (int r = 0; r < height; r++)
                        {
                            T* cRow = cTile + (r * rsC);
                            T* tRow = scratch + (r * nr);
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

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>One thread's packed copies of op(A) and op(B) (its thread-static buffers) and which of their panels it has packed.</summary>
    private readonly struct ThreadPanels<T>
        where T : unmanaged
    {
        public ThreadPanels(Job<T> job, int mr, int nr)
        {
            // An op(A) read in place needs room for its ragged last panel only, one panel per depth block.
            A = PackBuffers<T>.ForWholeA((GemmDriver.ReadsAInPlace(job.RsA, job.CsA, job.N) ? 1 : job.MPanels) * mr * job.K);
            B = PackBuffers<T>.ForWholeB(job.NPanels * nr * job.K);
            int depthBlocks = (job.K + job.Kc - 1) / job.Kc;
            AReady = new bool[depthBlocks * job.MPanels];
            BReady = new bool[depthBlocks * job.NPanels];
        }

        public T* A { get; }

        public T* B { get; }

        public bool[] AReady { get; }

        public bool[] BReady { get; }
    }

    /// <summary>
    /// A thread's part of C: panels [Row0, Row1) × [Column0, Column1) in tiles of TileRows × TileColumns panels,
    /// numbered row by row. The unclaimed tiles are [front, back), both ends in one word so a claim is one CAS.
    /// </summary>
    private sealed class Home
    {
        public int Row0, Row1, Column0, Column1, TileRows, TileColumns, TilesAcross;

        /// <summary>front in the low 32 bits, back in the high 32.</summary>
        public long Ends;

        public int Left
        {
            get
            {
                long ends = Volatile.Read(ref Ends);
                return Math.Max(0, (int)(ends >> 32) - (int)ends);
            }
        }

        /// <summary>
        /// Claims the first unclaimed tile (the owner's claim) or, with <paramref name="fromBack"/>, the last (a
        /// thief's); -1 when none is left.
        /// </summary>
        public int Claim(bool fromBack)
        {
            while (true)
            {
                long ends = Volatile.Read(ref Ends);
                int front = (int)ends, back = (int)(ends >> 32);
                if (front >= back)
                {
                    return -1;
                }

                long claimed = fromBack ? ends - (1L << 32) : ends + 1;
                if (Interlocked.CompareExchange(ref Ends, claimed, ends) == ends)
                {
                    return fromBack ? back - 1 : front;
                }
            }
        }
    }

    private sealed class Job<T>
        where T : unmanaged
    {
        public int M, N, K, Kc, MPanels, NPanels;
        public int ActiveHelpers;
        public bool Overwrite;
        public T Alpha;
        public nint A, RsA, CsA, B, RsB, CsB, C, RsC;
        public Home[] Homes = [];
    }
}
