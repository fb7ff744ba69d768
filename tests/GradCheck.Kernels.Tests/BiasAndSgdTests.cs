using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Kernels.Tests;

/// <summary>Bias add, column sums and the SGD step against their references.</summary>
public sealed class BiasAndSgdTests
{
    [Test]
    public void AddRows_EveryWidthTo256_MatchesReference()
    {
        foreach (int cols in TestData.AllLengths)
        {
            const int rows = 3;
            double[] m = TestData.Doubles(rows * cols, cols), b = TestData.Doubles(cols, cols + 1);
            double[] expected = (double[])m.Clone();
            Ref.Bias.AddRows(expected, b, rows, cols);
            Bias.AddRows(m, b, rows, cols);
            Assert.That(m, Is.EqualTo(expected), $"cols={cols}");

            float[] mf = TestData.Floats(rows * cols, cols), bf = TestData.Floats(cols, cols + 1);
            float[] expectedF = (float[])mf.Clone();
            Ref.Bias.AddRows(expectedF, bf, rows, cols);
            Bias.AddRows(mf, bf, rows, cols);
            Assert.That(mf, Is.EqualTo(expectedF), $"float cols={cols}");
        }
    }

    [Test]
    public void ColumnSums_EveryWidthTo256_MatchesReference()
    {
        foreach (int cols in TestData.AllLengths)
        {
            int rows = 1 + (cols % 23);
            double[] m = TestData.Doubles(rows * cols, cols);
            double[] expected = new double[cols], actual = Enumerable.Repeat(double.NaN, cols).ToArray();
            Ref.Bias.ColumnSums(m, expected, rows, cols);
            Bias.ColumnSums(m, actual, rows, cols);
            TestData.AssertClose(actual, expected, 1e-15 * rows, 10, $"cols={cols}");

            float[] mf = TestData.Floats(rows * cols, cols);
            float[] expectedF = new float[cols], actualF = new float[cols];
            Ref.Bias.ColumnSums(mf, expectedF, rows, cols);
            Bias.ColumnSums(mf, actualF, rows, cols);
            TestData.AssertClose(actualF, expectedF, 1e-7 * rows, 10, $"float cols={cols}");
        }
    }

    [Test]
    public void ColumnSums_NoRows_GivesZeros()
    {
        double[] sums = [1, 2, 3];
        Bias.ColumnSums(ReadOnlySpan<double>.Empty, sums, 0, 3);
        Assert.That(sums, Is.EqualTo(new[] { 0.0, 0.0, 0.0 }));
    }

    [Test]
    public void AddRows_BiasOfWrongLength_ThrowsWithShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Bias.AddRows(new double[12], new double[3], 3, 4));
        Assert.That(ex!.Message, Does.Contain("bias").And.Contain("cols = 4"));
    }

    [Test]
    public void Step_EveryLengthTo256_MatchesReference()
    {
        foreach (int n in TestData.AllLengths)
        {
            double[] w = TestData.Doubles(n, n), g = TestData.Doubles(n, n + 3);
            double[] expected = (double[])w.Clone();
            Ref.Sgd.Step(expected, g, 0.1, 2e-4);
            Sgd.Step(w, g, 0.1, 2e-4);
            TestData.AssertClose(w, expected, 1e-15, 1, $"n={n}");

            float[] wf = TestData.Floats(n, n), gf = TestData.Floats(n, n + 3);
            float[] expectedF = (float[])wf.Clone();
            Ref.Sgd.Step(expectedF, gf, 0.1f, 2e-4f);
            Sgd.Step(wf, gf, 0.1f, 2e-4f);
            TestData.AssertClose(wf, expectedF, 1e-6, 1, $"float n={n}");
        }
    }

    [Test]
    public void Step_KnownValues_AppliesDecayInsideTheGradient()
    {
        double[] w = [1.0, -2.0];
        Sgd.Step(w, [0.5, 0.5], learningRate: 0.1, decay: 0.2);
        // 1 − 0.1·(0.5 + 0.2·1) = 0.93 ; −2 − 0.1·(0.5 − 0.4) = −2.01
        Assert.That(w[0], Is.EqualTo(0.93).Within(1e-15));
        Assert.That(w[1], Is.EqualTo(-2.01).Within(1e-15));
    }

    [Test]
    public void Step_GradientAliasingWeights_Throws()
    {
        double[] w = new double[8];
        Assert.Throws<ArgumentException>(() => Sgd.Step(w, w, 0.1, 0));
    }
}
