using System.Globalization;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Tests;

/// <summary>
/// The inlined vector exp and tanh behind softmax, sigmoid and tanh, lane by lane against the scalar
/// <c>Math.Exp</c> / <c>MathF.Exp</c> / <c>Math.Tanh</c>, at both vector widths (each runs wherever it is
/// accelerated, whichever the kernels pick).
/// </summary>
public sealed class VectorMathTests
{
    /// <summary>Relative bound, about 2 ulps (the polynomial's truncation is below 1 ulp, Horner's rounding adds about 1).</summary>
    private const double DoubleUlps = 4.5e-16;

    private const double FloatUlps = 2.4e-7;

    /// <summary>tanh, about 3 ulps: e^(−2|x|) − 1 to about 2, then a subtraction and a division rounding once each.</summary>
    private const double TanhDoubleUlps = 6.7e-16;

    private const double TanhFloatUlps = 3.6e-7;

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

    [Test]
    public void Tanh_EveryMagnitudeBothSigns_FullRelativeAccuracy()
    {
        // |x| from 1e-300 through the old small-argument threshold (1/8) to saturation, both signs, plus specials.
        double[] magnitudes = [.. Enumerable.Range(0, 4000).Select(i => Math.Pow(10, -12 + (i * 0.00365))), 1e-300, 0.125, 19, 20, 40, 1000];
        double[] x = [.. magnitudes, .. magnitudes.Select(m => -m), 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        double[] padded = Pad(x, 8, 0.0);
        float[] xf = Pad(Array.ConvertAll(x, v => (float)v), 16, 0f);
        foreach (int width in (int[])[8, 4])
        {
            if ((width == 8 && !Vector512.IsHardwareAccelerated) || (width == 4 && !Vector256.IsHardwareAccelerated))
            {
                continue;
            }

            double[] actual = new double[padded.Length];
            float[] actualF = new float[xf.Length];
            for (int i = 0; i < padded.Length; i += width)
            {
                if (width == 8)
                {
                    VectorMath.Tanh(Vector512.Create(padded.AsSpan(i, 8))).CopyTo(actual.AsSpan(i));
                }
                else
                {
                    VectorMath.Tanh(Vector256.Create(padded.AsSpan(i, 4))).CopyTo(actual.AsSpan(i));
                }
            }

            for (int i = 0; i < xf.Length; i += 2 * width)
            {
                if (width == 8)
                {
                    VectorMath.Tanh(Vector512.Create(xf.AsSpan(i, 16))).CopyTo(actualF.AsSpan(i));
                }
                else
                {
                    VectorMath.Tanh(Vector256.Create(xf.AsSpan(i, 8))).CopyTo(actualF.AsSpan(i));
                }
            }

            for (int i = 0; i < padded.Length; i++)
            {
                double expected = Math.Tanh(padded[i]);
                AssertLane(actual[i], expected, Math.Abs(actual[i] - expected) <= TanhDoubleUlps * Math.Abs(expected), padded[i], $"Vector{width * 64}<double> tanh");
                Assert.That(double.IsNegative(actual[i]), Is.EqualTo(double.IsNegative(expected)).Or.EqualTo(double.IsNaN(expected)), $"sign of tanh({padded[i]:R})");
            }

            for (int i = 0; i < xf.Length; i++)
            {
                float expected = MathF.Tanh(xf[i]);
                AssertLane(actualF[i], expected, Math.Abs(actualF[i] - expected) <= TanhFloatUlps * Math.Abs(expected), xf[i], $"Vector{width * 64}<float> tanh");
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
                Compare(VectorMath.Exp(Vector512.Create(padded.AsSpan(i, 8))), padded.AsSpan(i, 8), "Vector512<double> exp");
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 4)
            {
                Compare(VectorMath.Exp(Vector256.Create(padded.AsSpan(i, 4))), padded.AsSpan(i, 4), "Vector256<double> exp");
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
                Compare(VectorMath.Exp(Vector512.Create(padded.AsSpan(i, 16))), padded.AsSpan(i, 16), "Vector512<float> exp");
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < padded.Length; i += 8)
            {
                Compare(VectorMath.Exp(Vector256.Create(padded.AsSpan(i, 8))), padded.AsSpan(i, 8), "Vector256<float> exp");
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
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{path}({input:R}) gave {actual:R}, the scalar function gives {expected:R}"));
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
