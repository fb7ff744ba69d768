#!/usr/bin/env python3
# Writes GemmMicroKernels.cs next to this script: register-tiled GEMM micro-kernels with every accumulator
# spelled out as its own local (RyuJIT does not unroll loops into registers). Run it after changing a tile shape:
#   python3 src/GradCheck.Kernels/Internal/generate-micro-kernels.py
def kernel(name, vec, rows, nv, doc, strided=False):
    W = f"{vec}<T>.Count"
    L = []
    L.append(f"    /// <summary>{doc}</summary>")
    L.append(f"    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    if strided:
        L.append(f"    public static void {name}<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite)")
    else:
        L.append(f"    public static void {name}<T>(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite)")
    L.append(f"        where T : unmanaged, IFloatingPointIeee754<T>")
    L.append("    {")
    L.append(f"        nint w = {W};")
    if strided:
        for r in range(rows):
            L.append(f"        T* a{r}p = a + ({r} * lda);" if r else "        T* a0p = a;")
    for r in range(rows):
        L.append("        " + " ".join(f"{vec}<T> c{r}{v} = default;" for v in range(nv)))
    L.append("        for (int p = 0; p < kc; p++)")
    L.append("        {")
    for v in range(nv):
        off = "" if v == 0 else (" + w" if v == 1 else f" + ({v} * w)")
        L.append(f"            {vec}<T> b{v} = {vec}.Load(b{off});")
    for r in range(rows):
        src = f"a{r}p[p]" if strided else f"a[{r}]"
        L.append(f"            {vec}<T> a{r} = {vec}.Create({src});")
        for v in range(nv):
            L.append(f"            c{r}{v} = VectorMath.MultiplyAdd(a{r}, b{v}, c{r}{v});")
    if not strided:
        L.append(f"            a += acs;")
    L.append("            b += ldb;")
    L.append("        }")
    L.append("")
    L.append(f"        {vec}<T> alphas = {vec}.Create(alpha);")
    for r in range(rows):
        L.append(f"        T* c{r} = c + ({r} * ldc);" if r else "        T* c0 = c;")
    L.append("        if (overwrite)")
    L.append("        {")
    for r in range(rows):
        for v in range(nv):
            off = "" if v == 0 else (" + w" if v == 1 else f" + ({v} * w)")
            L.append(f"            (alphas * c{r}{v}).Store(c{r}{off});")
    L.append("        }")
    L.append("        else")
    L.append("        {")
    for r in range(rows):
        for v in range(nv):
            off = "" if v == 0 else (" + w" if v == 1 else f" + ({v} * w)")
            L.append(f"            VectorMath.MultiplyAdd(alphas, c{r}{v}, {vec}.Load(c{r}{off})).Store(c{r}{off});")
    L.append("        }")
    L.append("    }")
    return "\n".join(L)

def scalar(name, rows, cols, doc, strided=False):
    L = []
    L.append(f"    /// <summary>{doc}</summary>")
    if strided:
        L.append(f"    public static void {name}<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite)")
    else:
        L.append(f"    public static void {name}<T>(int kc, T* a, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, bool overwrite)")
    L.append(f"        where T : unmanaged, IFloatingPointIeee754<T>")
    L.append("    {")
    for r in range(rows):
        L.append("        " + " ".join(f"T c{r}{j} = T.Zero;" for j in range(cols)))
    L.append("        for (int p = 0; p < kc; p++)")
    L.append("        {")
    L.append("            " + " ".join(f"T b{j} = b[{j}];" for j in range(cols)))
    for r in range(rows):
        src = f"a[({r} * lda) + p]" if strided else f"a[{r}]"
        L.append(f"            T a{r} = {src};")
        L.append("            " + " ".join(f"c{r}{j} += a{r} * b{j};" for j in range(cols)))
    if not strided:
        L.append(f"            a += acs;")
    L.append("            b += ldb;")
    L.append("        }")
    L.append("")
    for r in range(rows):
        L.append(f"        T* c{r} = c + ({r} * ldc);" if r else "        T* c0 = c;")
    L.append("        if (overwrite)")
    L.append("        {")
    for r in range(rows):
        L.append("            " + " ".join(f"c{r}[{j}] = alpha * c{r}{j};" for j in range(cols)))
    L.append("        }")
    L.append("        else")
    L.append("        {")
    for r in range(rows):
        L.append("            " + " ".join(f"c{r}[{j}] += alpha * c{r}{j};" for j in range(cols)))
    L.append("        }")
    L.append("    }")
    return "\n".join(L)

head = '''using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// GEMM micro-kernels: C[r, j] += α · Σ_p A[r, p] · B[p, j] (or = when overwrite: C is not read) over one register tile, with A as
/// kc columns of MR (or MR/2) contiguous values acs apart (packed: acs = MR or MR/2; a stored Aᵀ read in place: acs = its
/// row length) or, in the Strided variants, read in place with rows lda apart, contiguous along k; B as kc rows
/// of NR contiguous values ldb apart, and C row-major (ldc apart). Every accumulator is its own local, written out,
/// because the JIT does not unroll loops into registers. Generated by generate-micro-kernels.py (same folder).
/// </summary>
internal static unsafe class GemmMicroKernels
{
'''
parts = [
    kernel("Vector512Tile8", "Vector512", 8, 3, "8 rows × 3 Vector512 columns: 24 accumulators, 3 B loads and 8 broadcasts per step (fits the 32 zmm registers)."),
    kernel("Vector512Tile4", "Vector512", 4, 3, "4 rows × 3 Vector512 columns, for the last rows of a short matrix."),
    kernel("Vector256Tile6", "Vector256", 6, 2, "6 rows × 2 Vector256 columns: 12 accumulators, the classic AVX2 tile (fits the 16 ymm registers)."),
    kernel("Vector256Tile3", "Vector256", 3, 2, "3 rows × 2 Vector256 columns, for the last rows of a short matrix."),
    scalar("ScalarTile4", 4, 4, "4 × 4 scalar tile, where neither vector width is accelerated."),
    scalar("ScalarTile2", 2, 4, "2 × 4 scalar tile, for the last rows."),
    kernel("Vector512Tile8Strided", "Vector512", 8, 3, "<see cref=\"Vector512Tile8\"/> reading A in place: row r of the tile at a + r·lda, contiguous along k.", True),
    kernel("Vector512Tile4Strided", "Vector512", 4, 3, "<see cref=\"Vector512Tile4\"/> reading A in place.", True),
    kernel("Vector256Tile6Strided", "Vector256", 6, 2, "<see cref=\"Vector256Tile6\"/> reading A in place.", True),
    kernel("Vector256Tile3Strided", "Vector256", 3, 2, "<see cref=\"Vector256Tile3\"/> reading A in place.", True),
    scalar("ScalarTile4Strided", 4, 4, "<see cref=\"ScalarTile4\"/> reading A in place.", True),
    scalar("ScalarTile2Strided", 2, 4, "<see cref=\"ScalarTile2\"/> reading A in place.", True),
]
import os
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'GemmMicroKernels.cs'), 'w', encoding='utf-8').write(head + "\n\n".join(parts) + "\n}\n")


# Edge kernels (GemmEdgeKernels.cs): a tile of at most R rows (rows past `rows` repeat the last row and are not
# stored) by one or two vectors, the last one partial (lanes below `width` are loaded and stored with a mask, so
# B and C are read and written in place however narrow), A read through two strides: element (r, p) at
# a[r·ars + p·acs]. They serve products with few columns (the MLP's 10 logits) without packing anything, and
# the ragged last column panel of the blocked path.
def edge(name, vec, rows, nv, doc):
    L = []
    L.append(f"    /// <summary>{doc}</summary>")
    L.append(f"    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    L.append(f"    public static void {name}<T>(int kc, T* a, nint ars, nint acs, T* b, nint ldb, T* c, nint ldc, T alpha, int rows, int width, bool overwrite)")
    L.append(f"        where T : unmanaged, IFloatingPointIeee754<T>")
    L.append("    {")
    L.append(f"        nint w = {vec}<T>.Count;")
    last = nv - 1
    L.append(f"        {vec}<T> mask = EdgeMasks.{vec}Lanes<T>(width{'' if last == 0 else ' - (int)w'});")
    L.append("        T* a0p = a;")
    for r in range(1, rows):
        L.append(f"        T* a{r}p = a + (Math.Min({r}, rows - 1) * ars);")
    for r in range(rows):
        L.append("        " + " ".join(f"{vec}<T> c{r}{v} = default;" for v in range(nv)))
    L.append("        nint idx = 0;")
    L.append("        for (int p = 0; p < kc; p++)")
    L.append("        {")
    for v in range(nv):
        off = "b" if v == 0 else "b + w"
        if v == last:
            L.append(f"            {vec}<T> b{v} = EdgeMasks.Load(mask, {off});")
        else:
            L.append(f"            {vec}<T> b{v} = {vec}.Load({off});")
    for r in range(rows):
        L.append(f"            {vec}<T> a{r} = {vec}.Create(a{r}p[idx]);")
        for v in range(nv):
            L.append(f"            c{r}{v} = VectorMath.MultiplyAdd(a{r}, b{v}, c{r}{v});")
    L.append("            idx += acs;")
    L.append("            b += ldb;")
    L.append("        }")
    L.append("")
    L.append(f"        {vec}<T> alphas = {vec}.Create(alpha);")
    for r in range(rows):
        L.append(f"        if (rows > {r})")
        L.append("        {")
        L.append(f"            T* c{r} = c + ({r} * ldc);" if r else "            T* c0 = c;")
        for v in range(nv):
            off = f"c{r}" if v == 0 else f"c{r} + w"
            if v == last:
                L.append(f"            EdgeMasks.Store(mask, {off}, overwrite ? alphas * c{r}{v} : VectorMath.MultiplyAdd(alphas, c{r}{v}, EdgeMasks.Load(mask, {off})));")
            else:
                L.append(f"            (overwrite ? alphas * c{r}{v} : VectorMath.MultiplyAdd(alphas, c{r}{v}, {vec}.Load({off}))).Store({off});")
        L.append("        }")
        L.append("")
    L[-1:] = []
    L.append("    }")
    return "\n".join(L)

edge_head = '''using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// GEMM edge kernels: C[r, j] += α · Σ_p A[r, p] · B[p, j] (= when overwrite) for r &lt; rows (at most R) and j &lt; width (at most two
/// vectors), with A read in place through two strides (element (r, p) at a[r·ars + p·acs]: row-major, transposed
/// or packed alike), B as kc rows ldb apart and C row-major (ldc apart). The last vector of each row of B and C is
/// loaded and stored under a lane mask, so nothing past `width` is touched and nothing needs packing. Generated by
/// generate-micro-kernels.py (same folder).
/// </summary>
internal static unsafe class GemmEdgeKernels
{
'''
edge_parts = [
    edge("Vector512Edge8x1", "Vector512", 8, 1, "Up to 8 rows × one partial Vector512."),
    edge("Vector512Edge8x2", "Vector512", 8, 2, "Up to 8 rows × one full and one partial Vector512."),
    edge("Vector512Edge4x1", "Vector512", 4, 1, "Up to 4 rows × one partial Vector512."),
    edge("Vector512Edge4x2", "Vector512", 4, 2, "Up to 4 rows × one full and one partial Vector512."),
    edge("Vector256Edge6x1", "Vector256", 6, 1, "Up to 6 rows × one partial Vector256."),
    edge("Vector256Edge6x2", "Vector256", 6, 2, "Up to 6 rows × one full and one partial Vector256."),
    edge("Vector256Edge3x1", "Vector256", 3, 1, "Up to 3 rows × one partial Vector256."),
    edge("Vector256Edge3x2", "Vector256", 3, 2, "Up to 3 rows × one full and one partial Vector256."),
]
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'GemmEdgeKernels.cs'), 'w', encoding='utf-8').write(edge_head + "\n\n".join(edge_parts) + "\n}\n")


# Column-panel kernels for narrow products whose op(A) is stored transposed (Aᵀ·B, the weight gradient Hᵀ·δ): the
# vectors run down the rows of C, loaded from one stored row of Aᵀ per depth step, and the few columns of C are
# broadcasts of B, so every lane does useful work (the edge kernels fill only n of a vector's lanes: 10 of 16). The
# sums are C's tile transposed; they go to a scratch tile (column j at tile + j·ldt) that the
# driver adds into C.
def column_panel(name, vec, cols, nv, doc, masked=False):
    L = []
    L.append(f"    /// <summary>{doc}</summary>")
    L.append(f"    [MethodImpl(MethodImplOptions.AggressiveOptimization)]")
    rows_param = ", int rows" if masked else ""
    L.append(f"    public static void {name}<T>(int kc, T* a, nint lda, T* b, nint ldb, int columns{rows_param}, T* tile, nint ldt)")
    L.append(f"        where T : unmanaged, IFloatingPointIeee754<T>")
    L.append("    {")
    L.append(f"        nint w = {vec}<T>.Count;")
    if masked:
        L.append(f"        {vec}<T> mask = EdgeMasks.{vec}Lanes<T>(rows);")
    for j in range(1, cols):
        L.append(f"        nint b{j}i = Math.Min({j}, columns - 1);")
    for j in range(cols):
        L.append("        " + " ".join(f"{vec}<T> c{j}{v} = default;" for v in range(nv)))
    L.append("        for (int p = 0; p < kc; p++)")
    L.append("        {")
    for v in range(nv):
        off = "a" if v == 0 else ("a + w" if v == 1 else f"a + ({v} * w)")
        if masked:
            L.append(f"            {vec}<T> a{v} = EdgeMasks.Load(mask, {off});")
        else:
            L.append(f"            {vec}<T> a{v} = {vec}.Load({off});")
    for j in range(cols):
        L.append(f"            {vec}<T> b{j} = {vec}.Create(b[{'0' if j == 0 else f'b{j}i'}]);")
        for v in range(nv):
            L.append(f"            c{j}{v} = VectorMath.MultiplyAdd(b{j}, a{v}, c{j}{v});")
    L.append("            a += lda;")
    L.append("            b += ldb;")
    L.append("        }")
    L.append("")
    for j in range(cols):
        indent = "        " if j == 0 else "            "
        if j:
            L.append("")
            L.append(f"        if (columns > {j})")
            L.append("        {")
        for v in range(nv):
            column = "" if j == 0 else ("ldt" if j == 1 else f"({j} * ldt)")
            lanes = "" if v == 0 else ("w" if v == 1 else f"({v} * w)")
            off = " + ".join(x for x in (column, lanes) if x)
            L.append(f"{indent}c{j}{v}.Store({'tile + ' + off if off else 'tile'});")
        if j:
            L.append("        }")
    L.append("    }")
    return "\n".join(L)

column_head = '''using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// GEMM column-panel kernels for narrow products with op(A) stored transposed: tile[j·ldt + i] = Σ_p A[i, p] · B[p, j]
/// for i below the kernel's vectors × lanes and j &lt; columns ≤ 5 (the loop repeats the last column in place of missing
/// ones; only the first `columns` are stored), A element (i, p) at a[i + p·lda] (a row of the stored Aᵀ per depth
/// step), B as kc rows ldb apart. Every lane of every multiply-add is a row of C, where the edge kernels fill only n
/// of a vector's lanes. The tile is C's block transposed, unscaled; the caller adds it into C. Generated by
/// generate-micro-kernels.py (same folder).
/// </summary>
internal static unsafe class GemmColumnKernels
{
    /// <summary>Columns of C one kernel call computes at most.</summary>
    public const int Columns = 5;

'''
column_parts = [
    column_panel("Vector512Columns5x4", "Vector512", 5, 4, "4 Vector512 of rows × up to 5 columns: 20 accumulators, 4 loads and 5 broadcasts per step."),
    column_panel("Vector512Columns5x1", "Vector512", 5, 1, "Up to one Vector512 of rows (masked) × up to 5 columns: the last rows of a panel.", masked=True),
    column_panel("Vector256Columns5x2", "Vector256", 5, 2, "2 Vector256 of rows × up to 5 columns: 10 accumulators, 2 loads and 5 broadcasts per step (fits the 16 ymm registers)."),
    column_panel("Vector256Columns5x1", "Vector256", 5, 1, "Up to one Vector256 of rows (masked) × up to 5 columns: the last rows of a panel.", masked=True),
]
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'GemmColumnKernels.cs'), 'w', encoding='utf-8').write(column_head + "\n\n".join(column_parts) + "\n}\n")
