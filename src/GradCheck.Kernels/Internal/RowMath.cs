using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// Reductions and sweeps over one row, shared by softmax, log-softmax and the fused cross-entropy.
/// Each runs Vector512, then Vector256, then scalar code over the tail, like <see cref="Elementwise"/>.
/// </summary>
internal static class RowMath
{
    /// <summary>The largest element (NaN-propagation is not needed: a NaN makes the row NaN through exp anyway).</summary>
    [MethodImpl(Kernel.Loop)]
    public static T Max<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        int i = 0;
        T max = T.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            // Four independent running maxima, so the loop is not one long chain of dependent max instructions.
            int w = Vector512<T>.Count;
            Vector512<T> m = Vector512.Create(T.NegativeInfinity), m1 = m, m2 = m, m3 = m;
            for (; i <= n - (4 * w); i += 4 * w)
            {
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref xs, (nuint)i));
                m1 = Vector512.MaxNative(m1, Vector512.LoadUnsafe(ref xs, (nuint)(i + w)));
                m2 = Vector512.MaxNative(m2, Vector512.LoadUnsafe(ref xs, (nuint)(i + (2 * w))));
                m3 = Vector512.MaxNative(m3, Vector512.LoadUnsafe(ref xs, (nuint)(i + (3 * w))));
            }

            for (; i <= n - w; i += w)
            {
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref xs, (nuint)i));
            }

            m = Vector512.MaxNative(Vector512.MaxNative(m, m1), Vector512.MaxNative(m2, m3));
            max = HorizontalMax(m);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> m = Vector256.Create(T.NegativeInfinity);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref xs, (nuint)i));
            }

            max = HorizontalMax(m);
        }

        for (; i < n; i++)
        {
            max = MaxStep(max, Unsafe.Add(ref xs, i));
        }

        return max;
    }

    /// <summary>
    /// y = exp(x − shift), returning Σ y, and the maximum of <paramref name="next"/> (the next row, as long as x).
    /// </summary>
    /// <remarks>
    /// Reading the next row here overlaps its trip from memory with this row's exp work; a separate max pass over a
    /// row that is not yet in cache is pure waiting (a fifth of softmax's time at 1024×1024). The last row passes
    /// itself as <paramref name="next"/>.
    /// </remarks>
    [MethodImpl(Kernel.Loop)]
    public static T ExpShiftedSum<T>(ReadOnlySpan<T> x, T shift, Span<T> y, ReadOnlySpan<T> next, out T nextMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T ns = ref MemoryMarshal.GetReference(next);
        int n = x.Length;
        int i = 0;
        T sum = T.Zero;
        nextMax = T.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            Vector512<T> s = Vector512.Create(shift);
            Vector512<T> acc = Vector512<T>.Zero, m = Vector512.Create(T.NegativeInfinity);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> e = VectorMath.Exp(Vector512.LoadUnsafe(ref xs, (nuint)i) - s);
                e.StoreUnsafe(ref ys, (nuint)i);
                acc += e;
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref ns, (nuint)i));
            }

            sum = Vector512.Sum(acc);
            nextMax = HorizontalMax(m);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> s = Vector256.Create(shift);
            Vector256<T> acc = Vector256<T>.Zero, m = Vector256.Create(T.NegativeInfinity);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> e = VectorMath.Exp(Vector256.LoadUnsafe(ref xs, (nuint)i) - s);
                e.StoreUnsafe(ref ys, (nuint)i);
                acc += e;
                m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref ns, (nuint)i));
            }

            sum = Vector256.Sum(acc);
            nextMax = HorizontalMax(m);
        }

        for (; i < n; i++)
        {
            T e = T.Exp(Unsafe.Add(ref xs, i) - shift);
            Unsafe.Add(ref ys, i) = e;
            sum += e;
            nextMax = MaxStep(nextMax, Unsafe.Add(ref ns, i));
        }

        return sum;
    }

    /// <summary>Σ exp(x − shift), nothing stored, and the maximum of <paramref name="next"/> as in <see cref="ExpShiftedSum{T}"/>.</summary>
    [MethodImpl(Kernel.Loop)]
    public static T SumExpShifted<T>(ReadOnlySpan<T> x, T shift, ReadOnlySpan<T> next, out T nextMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ns = ref MemoryMarshal.GetReference(next);
        int n = x.Length;
        int i = 0;
        T sum = T.Zero;
        nextMax = T.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            Vector512<T> s = Vector512.Create(shift);
            Vector512<T> acc = Vector512<T>.Zero, m = Vector512.Create(T.NegativeInfinity);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                acc += VectorMath.Exp(Vector512.LoadUnsafe(ref xs, (nuint)i) - s);
                m = Vector512.MaxNative(m, Vector512.LoadUnsafe(ref ns, (nuint)i));
            }

            sum = Vector512.Sum(acc);
            nextMax = HorizontalMax(m);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> s = Vector256.Create(shift);
            Vector256<T> acc = Vector256<T>.Zero, m = Vector256.Create(T.NegativeInfinity);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                acc += VectorMath.Exp(Vector256.LoadUnsafe(ref xs, (nuint)i) - s);
                m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref ns, (nuint)i));
            }

            sum = Vector256.Sum(acc);
            nextMax = HorizontalMax(m);
        }

        for (; i < n; i++)
        {
            sum += T.Exp(Unsafe.Add(ref xs, i) - shift);
            nextMax = MaxStep(nextMax, Unsafe.Add(ref ns, i));
        }

        return sum;
    }

    /// <summary>The next row for the fused max: row r + 1, or row r itself when it is the last.</summary>
    public static ReadOnlySpan<T> NextRow<T>(ReadOnlySpan<T> matrix, int r, int rows, int cols) =>
        matrix.Slice((r + 1 < rows ? r + 1 : r) * cols, cols);

    /// <summary>The running maximum after seeing v; a NaN wins so it reaches the row's output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxStep<T>(T max, T v)
        where T : unmanaged, IFloatingPointIeee754<T>
        => v > max || T.IsNaN(v) ? v : max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HorizontalMax<T>(Vector512<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
        => HorizontalMax(Vector256.MaxNative(v.GetLower(), v.GetUpper()));

    /// <summary>y = (x − first) − second, rounded in that order (the log-softmax's last pass).</summary>
    public static void SubtractTwice<T>(ReadOnlySpan<T> x, T first, T second, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Map(new SubtractTwiceOperator<T>(first, second), x, y);

    /// <summary>y = x · factor.</summary>
    public static void Scale<T>(ReadOnlySpan<T> x, T factor, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Map(new ScaleOperator<T>(factor), x, y);

    public static T HorizontalMax<T>(Vector256<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = v.GetElement(0);
        for (int j = 1; j < Vector256<T>.Count; j++)
        {
            max = MaxStep(max, v.GetElement(j));
        }

        return max;
    }

    private readonly struct ScaleOperator<T>(T factor) : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x * factor;

        public Vector256<T> Invoke(Vector256<T> x) => x * Vector256.Create(factor);

        public Vector512<T> Invoke(Vector512<T> x) => x * Vector512.Create(factor);
    }

    private readonly struct SubtractTwiceOperator<T>(T first, T second) : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => (x - first) - second;

        public Vector256<T> Invoke(Vector256<T> x) => (x - Vector256.Create(first)) - Vector256.Create(second);

        public Vector512<T> Invoke(Vector512<T> x) => (x - Vector512.Create(first)) - Vector512.Create(second);
    }
}
