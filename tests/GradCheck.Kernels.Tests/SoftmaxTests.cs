using FsCheck;
using FsCheck.Fluent;
using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Kernels.Tests;

/// <summary>Softmax, log-softmax and the fused cross-entropy against their references, plus the stability they promise.</summary>
public sealed class SoftmaxTests
{
    [Test]
    public void Rows_EveryWidthTo256_MatchesReference()
    {
        foreach (int cols in TestData.AllLengths)
        {
            const int rows = 3;
            double[] x = TestData.Doubles(rows * cols, cols, -50, 50);
            float[] xf = TestData.Floats(rows * cols, cols + 1, -50, 50);
            AssertSoftmaxAndLogSoftmaxMatchReference(x, xf, rows, cols, 50, $"cols={cols}");
        }
    }

    [Test]
    public void Rows_LogitsFarApart_StayFiniteWhereAnUnshiftedSoftmaxGivesNaN()
    {
        // TensorPrimitives.SoftMax does not subtract the maximum and returns NaN here.
        double[] x = [1000, 0, -1000];
        double[] y = new double[3];
        Softmax.Rows(x, y, 1, 3);
        Assert.That(y, Is.EqualTo(new[] { 1.0, 0.0, 0.0 }));

        float[] xf = [1000f, 0f, -1000f];
        float[] yf = new float[3];
        Softmax.Rows(xf, yf, 1, 3);
        Assert.That(yf, Is.EqualTo(new[] { 1f, 0f, 0f }));

        LogSoftmax.Rows(x, y, 1, 3);
        Assert.That(y, Is.EqualTo(new[] { 0.0, -1000.0, -2000.0 }));
    }

    [Test]
    public void AllRowKernels_RowsFarApartFromEachOther_EachUsesItsOwnMaximum()
    {
        // Each row's maximum is found during the previous row's pass; softmax is shift-invariant, so only rows
        // hundreds apart show a row shifted by another row's maximum (overflow to NaN, or underflow to 0/0).
        double[] offsets = [900, -900, 0, 500, -700, 650];
        foreach (int cols in (int[])[1, 3, 7, 8, 13, 16, 31, 40, 200])
        {
            int rows = offsets.Length;
            double[] x = TestData.Doubles(rows * cols, cols, -5, 5);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] += offsets[i / cols];
            }

            // Float logits a third as far apart: still far past float's exp range (±88).
            float[] xf = Array.ConvertAll(x, v => (float)(v / 3));
            AssertSoftmaxAndLogSoftmaxMatchReference(x, xf, rows, cols, 10, $"cols={cols}");
            AssertCrossEntropyMatchesReference(x, xf, Targets(rows, cols, cols), rows, cols, 10, $"cols={cols}");
        }
    }

    [Test]
    public void Rows_NegativeInfinityAndNaN_FollowTheDocumentedPolicy()
    {
        double[] x = [double.NegativeInfinity, 0, 0, /* row 2 */ double.NaN, 1, 2, /* row 3 */ double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        double[] y = new double[9];
        Softmax.Rows(x, y, 3, 3);
        Assert.That(y[..3], Is.EqualTo(new[] { 0.0, 0.5, 0.5 }));
        Assert.That(y[3..], Has.All.NaN);
    }

    [Test]
    public void Rows_InPlace_SameAsSeparateOutput()
    {
        double[] x = TestData.Doubles(7 * 37, 3);
        double[] separate = new double[x.Length], logSeparate = new double[x.Length];
        Softmax.Rows(x, separate, 7, 37);
        LogSoftmax.Rows(x, logSeparate, 7, 37);
        double[] copy = (double[])x.Clone();
        Softmax.Rows(x, x, 7, 37);
        LogSoftmax.Rows(copy, copy, 7, 37);
        Assert.That(x, Is.EqualTo(separate));
        Assert.That(copy, Is.EqualTo(logSeparate));
    }

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property Rows_AnyRowShift_LeavesSoftmaxUnchangedAndRowsSumToOne()
    {
        var shapes = Gen.Choose(1, 5).SelectMany(r => Gen.Choose(1, 90).SelectMany(c => Gen.Choose(-600, 600).SelectMany(s => Gen.Choose(0, 1 << 20).Select(seed => (r, c, s, seed)))));
        return Prop.ForAll(shapes.ToArbitrary(), t =>
        {
            var (rows, cols, shift, seed) = t;
            double[] x = TestData.Doubles(rows * cols, seed, -20, 20);
            double[] shifted = Array.ConvertAll(x, v => v + shift);
            double[] y = new double[x.Length], ys = new double[x.Length];
            Softmax.Rows(x, y, rows, cols);
            Softmax.Rows(shifted, ys, rows, cols);
            bool sumsToOne = Enumerable.Range(0, rows).All(r => Math.Abs(y.Skip(r * cols).Take(cols).Sum() - 1) < 1e-13);
            bool invariant = y.Zip(ys).All(p => Math.Abs(p.First - p.Second) <= 1e-10 * (p.First + 1e-300));
            return sumsToOne && invariant;
        });
    }

    [Test]
    public void Rows_WrongLength_ThrowsWithShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Softmax.Rows(new double[11], new double[12], 3, 4));
        Assert.That(ex!.Message, Does.Contain("3×4").And.Contain("11"));
    }

    [Test]
    public void Rows_NegativeRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => LogSoftmax.Rows(ReadOnlySpan<float>.Empty, Span<float>.Empty, -1, 0));
    }

    [Test]
    public void LossAndGradient_EveryWidthTo256_MatchesReference()
    {
        foreach (int cols in TestData.AllLengths)
        {
            const int rows = 4;
            double[] x = TestData.Doubles(rows * cols, cols, -30, 30);
            AssertCrossEntropyMatchesReference(x, Array.ConvertAll(x, v => (float)v), Targets(rows, cols, cols), rows, cols, 30, $"cols={cols}");
        }
    }

    [Test]
    public void LossAndGradient_ConfidentPrediction_KeepsTinyLossAccurate()
    {
        // Correct class ahead by 40: loss = ln(1 + 2e^−40) ≈ 8.5e−18, which (max + ln Σ) − x_true would round to 0.
        double[] x = [40, 0, 0];
        double[] y = [1, 0, 0];
        double[] g = new double[3];
        double loss = SoftmaxCrossEntropy.LossAndGradient(x, y, g, 1, 3);
        Assert.That(loss, Is.EqualTo(Math.Log(1 + (2 * Math.Exp(-40)))).Within(1e-30));
    }

    [Test]
    public void LossAndGradient_TargetZeroWhereLogitIsMinusInfinity_ContributesZero()
    {
        double[] x = [double.NegativeInfinity, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        double[] y = new double[x.Length];
        y[5] = 1;
        double[] g = new double[x.Length];
        double loss = SoftmaxCrossEntropy.LossAndGradient(x, y, g, 1, x.Length);
        double[] expected = new double[x.Length];
        double expectedLoss = Ref.SoftmaxCrossEntropy.LossAndGradient(x, y, expected, 1, x.Length);
        Assert.That(double.IsFinite(loss), Is.True);
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-12));
        Assert.That(g[0], Is.Zero);
    }

    [Test]
    public void LossAndGradient_TargetsOverlapGradient_Throws()
    {
        double[] buffer = new double[6];
        var ex = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.LossAndGradient(new double[6], buffer, buffer, 2, 3));
        Assert.That(ex!.Message, Does.Contain("targets"));
    }

    [Test]
    public void LossAndGradient_GradientInPlaceOfLogits_SameAsSeparate()
    {
        double[] x = TestData.Doubles(5 * 19, 9);
        double[] y = Targets(5, 19, 2);
        double[] separate = new double[x.Length];
        double loss = SoftmaxCrossEntropy.LossAndGradient(x, y, separate, 5, 19);
        double lossInPlace = SoftmaxCrossEntropy.LossAndGradient(x, y, x, 5, 19);
        Assert.That(lossInPlace, Is.EqualTo(loss));
        Assert.That(x, Is.EqualTo(separate));
    }

    /// <summary>Softmax and log-softmax, double and float, against the references; logScale bounds |log-softmax| for its absolute slack.</summary>
    private static void AssertSoftmaxAndLogSoftmaxMatchReference(double[] x, float[] xf, int rows, int cols, double logScale, string what)
    {
        double[] expected = new double[x.Length], actual = new double[x.Length];
        Ref.Softmax.Rows(x, expected, rows, cols);
        Softmax.Rows(x, actual, rows, cols);
        TestData.AssertClose(actual, expected, 1e-13, 1e-300, $"softmax double {what}");
        Ref.LogSoftmax.Rows(x, expected, rows, cols);
        LogSoftmax.Rows(x, actual, rows, cols);
        TestData.AssertClose(actual, expected, 1e-14, logScale, $"log-softmax double {what}");

        float[] expectedF = new float[xf.Length], actualF = new float[xf.Length];
        Ref.Softmax.Rows(xf, expectedF, rows, cols);
        Softmax.Rows(xf, actualF, rows, cols);
        TestData.AssertClose(actualF, expectedF, 5e-6, 1e-37, $"softmax float {what}");
        Ref.LogSoftmax.Rows(xf, expectedF, rows, cols);
        LogSoftmax.Rows(xf, actualF, rows, cols);
        TestData.AssertClose(actualF, expectedF, 1e-6, logScale, $"log-softmax float {what}");
    }

    /// <summary>The fused loss and gradient, double and float, against the reference; the loss may be off by a few ulps of rows·magnitude.</summary>
    private static void AssertCrossEntropyMatchesReference(double[] x, float[] xf, double[] targets, int rows, int cols, double magnitude, string what)
    {
        double[] expected = new double[x.Length], actual = new double[x.Length];
        double expectedLoss = Ref.SoftmaxCrossEntropy.LossAndGradient(x, targets, expected, rows, cols);
        double loss = SoftmaxCrossEntropy.LossAndGradient(x, targets, actual, rows, cols);
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-13 * (Math.Abs(expectedLoss) + (rows * magnitude))), $"loss double {what}");
        TestData.AssertClose(actual, expected, 1e-13, 1, $"gradient double {what}");

        float[] targetsF = Array.ConvertAll(targets, v => (float)v);
        float[] expectedF = new float[x.Length], actualF = new float[x.Length];
        float expectedLossF = Ref.SoftmaxCrossEntropy.LossAndGradient(xf, targetsF, expectedF, rows, cols);
        float lossF = SoftmaxCrossEntropy.LossAndGradient(xf, targetsF, actualF, rows, cols);
        Assert.That(lossF, Is.EqualTo(expectedLossF).Within(2e-6 * (Math.Abs(expectedLossF) + (rows * magnitude))), $"loss float {what}");
        TestData.AssertClose(actualF, expectedF, 2e-6, 1, $"gradient float {what}");
    }

    /// <summary>One-hot rows, except every third row which is a smoothed distribution (still summing to 1).</summary>
    private static double[] Targets(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var y = new double[rows * cols];
        for (int r = 0; r < rows && cols > 0; r++)
        {
            if (r % 3 == 2)
            {
                for (int c = 0; c < cols; c++)
                {
                    y[(r * cols) + c] = 1.0 / cols;
                }
            }
            else
            {
                y[(r * cols) + random.Next(cols)] = 1;
            }
        }

        return y;
    }
}
