using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GradCheck.Kernels.Internal;

/// <summary>
/// The few vector operations the kernels need that the BCL only offers per element type (FMA, exp),
/// lifted to the generic <c>T</c> the drivers are written in. Each <c>typeof(T)</c> test is a JIT-time
/// constant, so every instantiation compiles to the single instruction sequence for its type.
/// </summary>
internal static class VectorMath
{
    /// <summary>Whether Vector256 has fused multiply-add in hardware (the BCL otherwise emulates it slowly).</summary>
    public static bool HasFma256 => Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (Fma.IsSupported)
        {
            if (typeof(T) == typeof(double))
            {
                return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }

            if (typeof(T) == typeof(float))
            {
                return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            }
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector512.Exp(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector256.Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector256.Exp(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.Log(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector512.Log(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Vector256.Log(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Vector256.Log(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }
}
