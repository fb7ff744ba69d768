using System.Globalization;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Tests;

/// <summary>
/// The inlined vector exp behind softmax, sigmoid and tanh, lane by lane against the scalar <c>Math.Exp</c> /
/// <c>MathF.Exp</c>, at both vector widths (each runs wherever it is accelerated, whichever the kernels pick).
/// </summary>
public sealed class VectorExpTests
{
    /// <summary>Relative bound, about 2 ulps (the polynomial's truncation is below 1 ulp, Horner's rounding adds about 1).</summary>
    private const double DoubleUlps = 4.5e-16;

    private const double FloatUlps = 2.4e-7;

    [Test]
    public void Double_SweepPastOverflowAndUnderflow_MatchesScalarExp()
    {
        // −760..760 in steps that hit the fast range, the subnormal results (−745..−708), overflow (> 709.78) and 0.
        double[] x = [.. Enumerable.Range(0, 16_000).Select(i => -760 + (i * 0.095)), .. DoubleEdges];
        CheckDouble(x);
    }

    [Test]
    public void Double_RandomInFastRange_MatchesScalarExp()
    {
        CheckDouble(TestData.Doubles(40_000, 11, -708, 708));
        CheckDouble(TestData.Doubles(40_000, 12, -1, 1));
    }

    [Test]
    public void Double_OneOutOfRangeLaneAmongNormalOnes_EveryLaneStillRight()
    {
        // The slow branch serves the whole vector: its normal lanes must be as good as the fast branch's.
        foreach (double odd in DoubleEdges)
        {
            double[] x = TestData.Doubles(16, 13, -20, 20);
            for (int lane = 0; lane < 8; lane++)
            {
                double[] mixed = (double[])x.Clone();
                mixed[lane] = odd;
                CheckDouble(mixed);
            }
        }
    }

    [Test]
    public void Single_SweepPastOverflowAndUnderflow_MatchesScalarExp()
    {
        float[] x = [.. Enumerable.Range(0, 16_000).Select(i => -110f + (i * 0.0128f)), .. SingleEdges];
        CheckSingle(x);
    }

    [Test]
    public void Single_RandomInFastRange_MatchesScalarExp()
    {
        CheckSingle(TestData.Floats(40_000, 21, -87, 87));
        CheckSingle(TestData.Floats(40_000, 22, -1, 1));
    }

    [Test]
    public void Single_OneOutOfRangeLaneAmongNormalOnes_EveryLaneStillRight()
    {
        foreach (float odd in SingleEdges)
        {
            float[] x = TestData.Floats(32, 23, -20, 20);
            for (int lane = 0; lane < 16; lane++)
            {
                float[] mixed = (float[])x.Clone();
                mixed[lane] = odd;
                CheckSingle(mixed);
            }
        }
    }

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

    private static void CheckDouble(double[] x)
    {
        double[] padded = Pad(x, 8, 0.0);
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 8)
            {
                Compare(VectorMath.Exp(Vector512.Create(padded.AsSpan(i, 8))), padded.AsSpan(i, 8), "Vector512<double>");
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 4)
            {
                Compare(VectorMath.Exp(Vector256.Create(padded.AsSpan(i, 4))), padded.AsSpan(i, 4), "Vector256<double>");
            }
        }

        static void Compare<TVector>(TVector result, ReadOnlySpan<double> input, string path)
            where TVector : struct
        {
            Span<double> lanes = stackalloc double[input.Length];
            switch (result)
            {
                case Vector512<double> v: v.CopyTo(lanes); break;
                case Vector256<double> v: v.CopyTo(lanes); break;
            }

            for (int lane = 0; lane < input.Length; lane++)
            {
                double expected = Math.Exp(input[lane]);
                AssertLane(lanes[lane], expected, Math.Abs(lanes[lane] - expected) <= (DoubleUlps * expected) + double.Epsilon, input[lane], path);
            }
        }
    }

    private static void CheckSingle(float[] x)
    {
        float[] padded = Pad(x, 16, 0f);
        if (Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 16)
            {
                Compare(VectorMath.Exp(Vector512.Create(padded.AsSpan(i, 16))), padded.AsSpan(i, 16), "Vector512<float>");
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 8)
            {
                Compare(VectorMath.Exp(Vector256.Create(padded.AsSpan(i, 8))), padded.AsSpan(i, 8), "Vector256<float>");
            }
        }

        static void Compare<TVector>(TVector result, ReadOnlySpan<float> input, string path)
            where TVector : struct
        {
            Span<float> lanes = stackalloc float[input.Length];
            switch (result)
            {
                case Vector512<float> v: v.CopyTo(lanes); break;
                case Vector256<float> v: v.CopyTo(lanes); break;
            }

            for (int lane = 0; lane < input.Length; lane++)
            {
                float expected = MathF.Exp(input[lane]);
                AssertLane(lanes[lane], expected, Math.Abs(lanes[lane] - expected) <= (FloatUlps * expected) + float.Epsilon, input[lane], path);
            }
        }
    }

    /// <summary>NaN must stay NaN and ∞ must be ∞ exactly; a finite value must be within the bound.</summary>
    private static void AssertLane(double actual, double expected, bool withinBound, double input, string path)
    {
        bool ok = double.IsNaN(expected) ? double.IsNaN(actual) : double.IsInfinity(expected) ? actual == expected : withinBound;
        if (!ok)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{path}: exp({input:R}) gave {actual:R}, scalar exp gives {expected:R}"));
        }
    }

    private static T[] Pad<T>(T[] x, int multiple, T filler)
    {
        T[] padded = new T[(x.Length + multiple - 1) / multiple * multiple];
        Array.Fill(padded, filler);
        x.CopyTo(padded, 0);
        return padded;
    }
}
