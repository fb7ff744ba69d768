using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Tests;

/// <summary>
/// The inlined vector exp and tanh behind softmax, sigmoid and tanh, lane by lane against the scalar
/// <c>T.Exp</c> / <c>T.Tanh</c>, at both vector widths (each runs wherever it is accelerated, whichever the
/// kernels pick) and both precisions.
/// </summary>
public sealed class VectorMathTests
{
    /// <summary>exp, about 2 ulps (the polynomial's truncation is below 1 ulp, Horner's rounding adds about 1).</summary>
    private const double ExpDoubleBound = 4.5e-16;

    private const double ExpFloatBound = 2.4e-7;

    /// <summary>tanh, about 3 ulps: e^(−2|x|) − 1 to about 2, then a subtraction and a division rounding once each.</summary>
    private const double TanhDoubleBound = 6.7e-16;

    private const double TanhFloatBound = 3.6e-7;

    private static double[] DoubleEdges =>
    [
        708, -708, 708.0000001, -708.0000001, 709.78, 709.79, 710, 711, -744.44, -745.13, -745.14, -746, -800,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1e-300, -1e-300, Math.Log(2) / 2, -Math.Log(2) / 2,
    ];

    private static float[] SingleEdges =>
    [
        87f, -87f, 87.00001f, -87.00001f, 88.72f, 88.73f, 89f, 90f, -103.27f, -103.97f, -104f, -105f, -200f,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, float.Epsilon, -float.Epsilon,
        float.MaxValue, float.MinValue, 1e-30f, -1e-30f, MathF.Log(2) / 2, -MathF.Log(2) / 2,
    ];

    [Test]
    public void Exp_SweepPastOverflowAndUnderflow_MatchesScalarExp()
    {
        // Steps through the fast range, the subnormal results (double −745..−708, float −104..−87), overflow and 0.
        CheckExp([.. Enumerable.Range(0, 16_000).Select(i => -760 + (i * 0.095)), .. DoubleEdges], ExpDoubleBound);
        CheckExp([.. Enumerable.Range(0, 16_000).Select(i => -110f + (i * 0.0128f)), .. SingleEdges], ExpFloatBound);
    }

    [Test]
    public void Exp_RandomInFastRange_MatchesScalarExp()
    {
        CheckExp(TestData.Doubles(40_000, 11, -708, 708), ExpDoubleBound);
        CheckExp(TestData.Doubles(40_000, 12, -1, 1), ExpDoubleBound);
        CheckExp(TestData.Floats(40_000, 21, -87, 87), ExpFloatBound);
        CheckExp(TestData.Floats(40_000, 22, -1, 1), ExpFloatBound);
    }

    [Test]
    public void Exp_OneOutOfRangeLaneAmongNormalOnes_EveryLaneStillRight()
    {
        // The slow branch serves the whole vector: its normal lanes must be as good as the fast branch's.
        foreach (double odd in DoubleEdges)
        {
            CheckExp(WithOddLanes(TestData.Doubles(16, 13, -20, 20), odd, 8), ExpDoubleBound);
        }

        foreach (float odd in SingleEdges)
        {
            CheckExp(WithOddLanes(TestData.Floats(32, 23, -20, 20), odd, 16), ExpFloatBound);
        }
    }

    [Test]
    public void Tanh_EveryMagnitudeBothSigns_FullRelativeAccuracy()
    {
        // |x| from 1e-300 through the old small-argument threshold (1/8) to saturation, both signs, plus specials.
        double[] magnitudes = [.. Enumerable.Range(0, 4000).Select(i => Math.Pow(10, -12 + (i * 0.00365))), 1e-300, 0.125, 19, 20, 40, 1000];
        double[] x = [.. magnitudes, .. magnitudes.Select(m => -m), 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        CheckLanes(x, VectorMath.Tanh, VectorMath.Tanh, double.Tanh, TanhDoubleBound, "tanh");
        CheckLanes(Array.ConvertAll(x, v => (float)v), VectorMath.Tanh, VectorMath.Tanh, float.Tanh, TanhFloatBound, "tanh");
    }

    private static void CheckExp<T>(T[] x, double bound)
        where T : unmanaged, IFloatingPointIeee754<T>
        => CheckLanes(x, VectorMath.Exp, VectorMath.Exp, T.Exp, bound, "exp");

    /// <summary>
    /// Every lane of both vector widths against the scalar function: NaN stays NaN, ±∞ exactly, the sign kept, and a
    /// finite value within bound·|expected| plus the smallest subnormal (a subnormal result rounds to its own grid).
    /// </summary>
    private static void CheckLanes<T>(T[] x, Func<Vector512<T>, Vector512<T>> wide, Func<Vector256<T>, Vector256<T>> narrow, Func<T, T> scalar, double bound, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] padded = new T[(x.Length + Vector512<T>.Count - 1) / Vector512<T>.Count * Vector512<T>.Count];
        x.CopyTo(padded, 0);
        var results = new List<(string Path, T[] Lanes)>();
        if (Vector512.IsHardwareAccelerated)
        {
            T[] lanes = new T[padded.Length];
            for (int i = 0; i < padded.Length; i += Vector512<T>.Count)
            {
                wide(Vector512.Create<T>(padded.AsSpan(i))).CopyTo(lanes.AsSpan(i));
            }

            results.Add(($"Vector512<{typeof(T).Name}> {name}", lanes));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            T[] lanes = new T[padded.Length];
            for (int i = 0; i < padded.Length; i += Vector256<T>.Count)
            {
                narrow(Vector256.Create<T>(padded.AsSpan(i))).CopyTo(lanes.AsSpan(i));
            }

            results.Add(($"Vector256<{typeof(T).Name}> {name}", lanes));
        }

        foreach (var (path, lanes) in results)
        {
            for (int i = 0; i < padded.Length; i++)
            {
                double input = double.CreateTruncating(padded[i]), actual = double.CreateTruncating(lanes[i]), expected = double.CreateTruncating(scalar(padded[i]));
                bool ok = double.IsNaN(expected)
                    ? double.IsNaN(actual)
                    : (double.IsInfinity(expected) ? actual == expected : Math.Abs(actual - expected) <= (bound * Math.Abs(expected)) + double.CreateTruncating(T.Epsilon))
                      && double.IsNegative(actual) == double.IsNegative(expected);
                if (!ok)
                {
                    Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{path}({input:R}) gave {actual:R}, the scalar function gives {expected:R}"));
                }
            }
        }
    }

    /// <summary>The values twice over, with one lane of each vector-width block replaced by an odd value in turn.</summary>
    private static T[] WithOddLanes<T>(T[] x, T odd, int lanes)
    {
        var all = new List<T>();
        for (int lane = 0; lane < lanes; lane++)
        {
            T[] mixed = (T[])x.Clone();
            mixed[lane] = odd;
            all.AddRange(mixed);
        }

        return [.. all];
    }
}
