using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// Lane masks and masked loads and stores for the GEMM edge kernels: lanes whose mask is set are read or written,
/// the others read as zero and are left alone in memory, and a masked-off lane never faults. Vector512 uses the
/// AVX-512 masked moves, Vector256 AVX's vmaskmov (the Vector256 path runs only where AVX2 does).
/// </summary>
internal static unsafe class EdgeMasks
{
    /// <summary>All bits set in the lanes below <paramref name="count"/>, zero above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Vector512Lanes<T>(int count)
        where T : unmanaged
    {
        if (sizeof(T) == 8)
        {
            return Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).As<long, T>();
        }

        return Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).As<int, T>();
    }

    /// <inheritdoc cref="Vector512Lanes{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Vector256Lanes<T>(int count)
        where T : unmanaged
    {
        if (sizeof(T) == 8)
        {
            return Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).As<long, T>();
        }

        return Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).As<int, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load<T>(Vector512<T> mask, T* address)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Avx512F.MaskLoad((double*)address, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Avx512F.MaskLoad((float*)address, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        }

        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector512<T> mask, T* address, Vector512<T> value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            Avx512F.MaskStore((double*)address, mask.AsDouble(), value.AsDouble());
        }
        else if (typeof(T) == typeof(float))
        {
            Avx512F.MaskStore((float*)address, mask.AsSingle(), value.AsSingle());
        }
        else
        {
            throw new NotSupportedException();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load<T>(Vector256<T> mask, T* address)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Avx.MaskLoad((double*)address, mask.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Avx.MaskLoad((float*)address, mask.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector256<T> mask, T* address, Vector256<T> value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            Avx.MaskStore((double*)address, mask.AsDouble(), value.AsDouble());
        }
        else if (typeof(T) == typeof(float))
        {
            Avx.MaskStore((float*)address, mask.AsSingle(), value.AsSingle());
        }
        else
        {
            throw new NotSupportedException();
        }
    }
}
