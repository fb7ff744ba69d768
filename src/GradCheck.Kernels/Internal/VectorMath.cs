using System.Numerics;
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

    /// <summary>e^x per lane, inlined into the caller's loop (the BCL's Vector512.Exp is a call per vector).</summary>
    /// <remarks>
    /// <para>Range reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2 (n rounded by adding a shifter, so the integer lands
    /// in the low mantissa bits; r by a two-part Cody–Waite subtraction whose high part is exact), the Taylor
    /// polynomial of e^r by Horner's rule (fewest operations, so best throughput; degree 12 for double and 7 for
    /// float, truncation below 2e-16 and 6e-9 relative), and 2^n written into the exponent bits.</para>
    /// <para>A vector with a lane where 2^n would not be normal (|x| &gt; 708 double, 87 float), or a NaN, takes a
    /// slower branch that clamps x, applies 2^n in two halves (a subnormal result is rounded once, an overflow gives
    /// ∞, −∞ gives 0) and passes NaN through. That branch is vector code too: a call there, however rare, makes the
    /// JIT keep the loop's accumulators in memory across it.</para>
    /// <para>Each width and type has its own concrete body: generic helpers would each count against the JIT's
    /// inlining budget, and the drivers inline several copies of this.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Exp(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    /// <inheritdoc cref="Exp{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Exp(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Exp(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>log2(e): x·log2(e) is the power of two n to split off.</summary>
    private const double Log2E = 1.4426950408889634;

    /// <summary>1.5·2^52: x·log2(e) + this rounds to an integer n held in the low mantissa bits (as this constant's bits + n).</summary>
    private const double DoubleShifter = 6755399441055744.0;

    private const long DoubleShifterBits = 0x4338000000000000;

    /// <summary>1.5·2^23, the float shifter.</summary>
    private const float SingleShifter = 12582912f;

    private const int SingleShifterBits = 0x4B400000;

    /// <summary>ln 2 in 32 significant bits, so n·Ln2High is exact for every |n| ≤ 1024.</summary>
    private const double Ln2High = 0.693147180369123816490;

    /// <summary>ln 2 − Ln2High.</summary>
    private const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>ln 2 in 9 significant bits for float, exact times every |n| ≤ 128.</summary>
    private const float Ln2HighSingle = 0.693359375f;

    /// <summary>ln 2 − Ln2HighSingle.</summary>
    private const float Ln2LowSingle = -2.12194440e-4f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exp(Vector512<double> x)
    {
        bool normal = Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(708.0));
        Vector512<double> reduced = normal ? x : Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        Vector512<double> n = Vector512.FusedMultiplyAdd(reduced, Vector512.Create(Log2E), Vector512.Create(DoubleShifter));
        Vector512<long> k = n.AsInt64() - Vector512.Create(DoubleShifterBits);
        n -= Vector512.Create(DoubleShifter);
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), reduced);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<double> p = Vector512.Create(1.0 / 479001600);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0));
        if (normal)
        {
            return p * ((k + Vector512.Create(1023L)) << 52).AsDouble();
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector512<long> half = k >> 1;
        p *= ((half + Vector512.Create(1023L)) << 52).AsDouble();
        p *= ((k - half + Vector512.Create(1023L)) << 52).AsDouble();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exp(Vector256<double> x)
    {
        bool normal = Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(708.0));
        Vector256<double> reduced = normal ? x : Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        Vector256<double> n = Vector256.FusedMultiplyAdd(reduced, Vector256.Create(Log2E), Vector256.Create(DoubleShifter));
        Vector256<long> k = n.AsInt64() - Vector256.Create(DoubleShifterBits);
        n -= Vector256.Create(DoubleShifter);
        Vector256<double> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), reduced);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<double> p = Vector256.Create(1.0 / 479001600);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0));
        if (normal)
        {
            return p * ((k + Vector256.Create(1023L)) << 52).AsDouble();
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector256<long> half = k >> 1;
        p *= ((half + Vector256.Create(1023L)) << 52).AsDouble();
        p *= ((k - half + Vector256.Create(1023L)) << 52).AsDouble();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        bool normal = Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(87f));
        Vector512<float> reduced = normal ? x : Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-104f)), Vector512.Create(89f));
        Vector512<float> n = Vector512.FusedMultiplyAdd(reduced, Vector512.Create((float)Log2E), Vector512.Create(SingleShifter));
        Vector512<int> k = n.AsInt32() - Vector512.Create(SingleShifterBits);
        n -= Vector512.Create(SingleShifter);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2HighSingle), reduced);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2LowSingle), r);
        Vector512<float> p = Vector512.Create(1f / 5040);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f));
        if (normal)
        {
            return p * ((k + Vector512.Create(127)) << 23).AsSingle();
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector512<int> half = k >> 1;
        p *= ((half + Vector512.Create(127)) << 23).AsSingle();
        p *= ((k - half + Vector512.Create(127)) << 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        bool normal = Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(87f));
        Vector256<float> reduced = normal ? x : Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-104f)), Vector256.Create(89f));
        Vector256<float> n = Vector256.FusedMultiplyAdd(reduced, Vector256.Create((float)Log2E), Vector256.Create(SingleShifter));
        Vector256<int> k = n.AsInt32() - Vector256.Create(SingleShifterBits);
        n -= Vector256.Create(SingleShifter);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2HighSingle), reduced);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2LowSingle), r);
        Vector256<float> p = Vector256.Create(1f / 5040);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f));
        if (normal)
        {
            return p * ((k + Vector256.Create(127)) << 23).AsSingle();
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector256<int> half = k >> 1;
        p *= ((half + Vector256.Create(127)) << 23).AsSingle();
        p *= ((k - half + Vector256.Create(127)) << 23).AsSingle();
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p, x);
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
