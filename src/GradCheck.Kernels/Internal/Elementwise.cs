using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradCheck.Kernels.Internal;

/// <summary>An element-wise function with a scalar body and Vector256 / Vector512 bodies that must agree with it.</summary>
internal interface IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T x);

    Vector256<T> Invoke(Vector256<T> x);

    Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>A two-argument element-wise function (a backward pass, an update) in the same three bodies.</summary>
internal interface IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T x, T y);

    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}

/// <summary>
/// The drivers every element-wise kernel runs through: the widest accelerated vector first, then
/// Vector256 for what is left, then the scalar body for the last few elements (and for everything when
/// neither vector width is accelerated). Operators are structs so each instantiation is specialised.
/// </summary>
internal static class Elementwise
{
    [MethodImpl(Kernel.Loop)]
    public static void Map<T, TOperator>(TOperator op, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : struct, IUnaryOperator<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four vectors per trip: cheap operators (ReLU, a scale) would otherwise pay as much for the loop as for the work.
            int w = Vector512<T>.Count;
            for (; i <= n - (4 * w); i += 4 * w)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + w))).StoreUnsafe(ref ys, (nuint)(i + w));
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + (2 * w)))).StoreUnsafe(ref ys, (nuint)(i + (2 * w)));
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + (3 * w)))).StoreUnsafe(ref ys, (nuint)(i + (3 * w)));
            }

            for (; i <= n - w; i += w)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = op.Invoke(Unsafe.Add(ref xs, i));
        }
    }

    [MethodImpl(Kernel.Loop)]
    public static void Map<T, TOperator>(TOperator op, ReadOnlySpan<T> x, ReadOnlySpan<T> z, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : struct, IBinaryOperator<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T zs = ref MemoryMarshal.GetReference(z);
        ref T ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int w = Vector512<T>.Count;
            for (; i <= n - (4 * w); i += 4 * w)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref zs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + w)), Vector512.LoadUnsafe(ref zs, (nuint)(i + w))).StoreUnsafe(ref ys, (nuint)(i + w));
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + (2 * w))), Vector512.LoadUnsafe(ref zs, (nuint)(i + (2 * w)))).StoreUnsafe(ref ys, (nuint)(i + (2 * w)));
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)(i + (3 * w))), Vector512.LoadUnsafe(ref zs, (nuint)(i + (3 * w)))).StoreUnsafe(ref ys, (nuint)(i + (3 * w)));
            }

            for (; i <= n - w; i += w)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref zs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref zs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = op.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref zs, i));
        }
    }
}
