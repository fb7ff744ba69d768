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

    /// <summary>tanh x per lane: sign(x)·(−u)/(u + 2) with u = e^(−2|x|) − 1, branch-free.</summary>
    /// <remarks>
    /// u comes from the same reduction as <see cref="Exp{T}(Vector512{T})"/> as 2^n·(e^r − 1) + (2^n − 1), where
    /// e^r − 1 = r·P(r) keeps full relative accuracy as |x| → 0 (so no separate small-|x| polynomial and no
    /// branch), and 2^n − 1 is exact. −2|x| is clamped at −40 (−20 float), where e^(−2|x|) is already below half
    /// an ulp of 1, so 2^n stays normal; ±∞ give ±1, ±0 keeps its sign and NaN passes through.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Tanh(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Tanh(x.AsSingle()).As<float, T>();
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    /// <inheritdoc cref="Tanh{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tanh<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Tanh(x.AsDouble()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Tanh(x.AsSingle()).As<float, T>();
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

    /// <summary>x = n·ln 2 + r; returns P with e^r = 1 + r·P(r), and n as an integer in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Reduce(Vector512<double> x, out Vector512<double> r, out Vector512<long> k)
    {
        Vector512<double> n = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(DoubleShifter));
        k = n.AsInt64() - Vector512.Create(DoubleShifterBits);
        n -= Vector512.Create(DoubleShifter);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
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
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exp(Vector512<double> x)
    {
        bool normal = Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(708.0));
        Vector512<double> reduced = normal ? x : Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        Vector512<double> p = Vector512.FusedMultiplyAdd(Reduce(reduced, out Vector512<double> r, out Vector512<long> k), r, Vector512<double>.One);
        if (normal)
        {
            return p * PowerOfTwo(k);
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector512<long> half = k >> 1;
        p = p * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Tanh(Vector512<double> x)
    {
        Vector512<double> y = Vector512.MaxNative(Vector512.Abs(x) * Vector512.Create(-2.0), Vector512.Create(-40.0));
        Vector512<double> p = Reduce(y, out Vector512<double> r, out Vector512<long> k);
        Vector512<double> scale = PowerOfTwo(k);
        Vector512<double> u = Vector512.FusedMultiplyAdd(scale, p * r, scale - Vector512<double>.One);
        Vector512<double> magnitude = u / (Vector512.Create(-2.0) - u);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.CopySign(magnitude, x), x);
    }

    /// <summary>2^k for k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowerOfTwo(Vector512<long> k) => ((k + Vector512.Create(1023L)) << 52).AsDouble();

    /// <summary>x = n·ln 2 + r; returns P with e^r = 1 + r·P(r), and n as an integer in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Reduce(Vector256<double> x, out Vector256<double> r, out Vector256<long> k)
    {
        Vector256<double> n = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(DoubleShifter));
        k = n.AsInt64() - Vector256.Create(DoubleShifterBits);
        n -= Vector256.Create(DoubleShifter);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
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
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exp(Vector256<double> x)
    {
        bool normal = Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(708.0));
        Vector256<double> reduced = normal ? x : Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        Vector256<double> p = Vector256.FusedMultiplyAdd(Reduce(reduced, out Vector256<double> r, out Vector256<long> k), r, Vector256<double>.One);
        if (normal)
        {
            return p * PowerOfTwo(k);
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector256<long> half = k >> 1;
        p = p * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Tanh(Vector256<double> x)
    {
        Vector256<double> y = Vector256.MaxNative(Vector256.Abs(x) * Vector256.Create(-2.0), Vector256.Create(-40.0));
        Vector256<double> p = Reduce(y, out Vector256<double> r, out Vector256<long> k);
        Vector256<double> scale = PowerOfTwo(k);
        Vector256<double> u = Vector256.FusedMultiplyAdd(scale, p * r, scale - Vector256<double>.One);
        Vector256<double> magnitude = u / (Vector256.Create(-2.0) - u);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.CopySign(magnitude, x), x);
    }

    /// <summary>2^k for k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<long> k) => ((k + Vector256.Create(1023L)) << 52).AsDouble();

    /// <summary>x = n·ln 2 + r; returns P with e^r = 1 + r·P(r), and n as an integer in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reduce(Vector512<float> x, out Vector512<float> r, out Vector512<int> k)
    {
        Vector512<float> n = Vector512.FusedMultiplyAdd(x, Vector512.Create((float)Log2E), Vector512.Create(SingleShifter));
        k = n.AsInt32() - Vector512.Create(SingleShifterBits);
        n -= Vector512.Create(SingleShifter);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2HighSingle), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2LowSingle), r);
        Vector512<float> p = Vector512.Create(1f / 5040);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f));
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        bool normal = Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(87f));
        Vector512<float> reduced = normal ? x : Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-104f)), Vector512.Create(89f));
        Vector512<float> p = Vector512.FusedMultiplyAdd(Reduce(reduced, out Vector512<float> r, out Vector512<int> k), r, Vector512<float>.One);
        if (normal)
        {
            return p * PowerOfTwo(k);
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector512<int> half = k >> 1;
        p = p * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> y = Vector512.MaxNative(Vector512.Abs(x) * Vector512.Create(-2f), Vector512.Create(-20f));
        Vector512<float> p = Reduce(y, out Vector512<float> r, out Vector512<int> k);
        Vector512<float> scale = PowerOfTwo(k);
        Vector512<float> u = Vector512.FusedMultiplyAdd(scale, p * r, scale - Vector512<float>.One);
        Vector512<float> magnitude = u / (Vector512.Create(-2f) - u);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.CopySign(magnitude, x), x);
    }

    /// <summary>2^k for k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PowerOfTwo(Vector512<int> k) => ((k + Vector512.Create(127)) << 23).AsSingle();

    /// <summary>x = n·ln 2 + r; returns P with e^r = 1 + r·P(r), and n as an integer in <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce(Vector256<float> x, out Vector256<float> r, out Vector256<int> k)
    {
        Vector256<float> n = Vector256.FusedMultiplyAdd(x, Vector256.Create((float)Log2E), Vector256.Create(SingleShifter));
        k = n.AsInt32() - Vector256.Create(SingleShifterBits);
        n -= Vector256.Create(SingleShifter);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2HighSingle), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2LowSingle), r);
        Vector256<float> p = Vector256.Create(1f / 5040);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f));
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        bool normal = Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(87f));
        Vector256<float> reduced = normal ? x : Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-104f)), Vector256.Create(89f));
        Vector256<float> p = Vector256.FusedMultiplyAdd(Reduce(reduced, out Vector256<float> r, out Vector256<int> k), r, Vector256<float>.One);
        if (normal)
        {
            return p * PowerOfTwo(k);
        }

        // 2^n in two normal halves, so a subnormal result is rounded once and an overflow becomes ∞; NaN passes through.
        Vector256<int> half = k >> 1;
        p = p * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), p, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> y = Vector256.MaxNative(Vector256.Abs(x) * Vector256.Create(-2f), Vector256.Create(-20f));
        Vector256<float> p = Reduce(y, out Vector256<float> r, out Vector256<int> k);
        Vector256<float> scale = PowerOfTwo(k);
        Vector256<float> u = Vector256.FusedMultiplyAdd(scale, p * r, scale - Vector256<float>.One);
        Vector256<float> magnitude = u / (Vector256.Create(-2f) - u);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), Vector256.CopySign(magnitude, x), x);
    }

    /// <summary>2^k for k in the normal exponent range, built in the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowerOfTwo(Vector256<int> k) => ((k + Vector256.Create(127)) << 23).AsSingle();
}
