using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Kernels.Tests;

/// <summary>
/// The three GEMM forms against the textbook triple loop: every dimension 0..256 along one axis, shapes
/// that cross every blocking boundary and the parallel split, the mini-batch shapes, α/β and NaN rules.
/// The tolerance is the classical bound: 2(k+2)·ε·(|α|·Σ_p|a_ip||b_pj| + |β||c_ij|).
/// </summary>
public sealed class GemmTests
{
    public enum Form
    {
        Plain,
        TransposeA,
        TransposeB,
    }

    private static readonly Form[] s_forms = [Form.Plain, Form.TransposeA, Form.TransposeB];

    [TestCaseSource(nameof(s_forms))]
    public void Multiply_EveryColumnCountTo256_MatchesReference(Form form)
    {
        foreach (int n in TestData.AllLengths)
        {
            Check(form, 5, 7, n, seed: n);
            Check(form, 9, 3, n, seed: n, alpha: -1.5, beta: 0.25);
        }
    }

    [TestCaseSource(nameof(s_forms))]
    public void Multiply_EveryRowCountTo256_MatchesReference(Form form)
    {
        foreach (int m in TestData.AllLengths)
        {
            Check(form, m, 6, 27, seed: m);
        }
    }

    [TestCaseSource(nameof(s_forms))]
    public void Multiply_EveryDepthTo256_MatchesReference(Form form)
    {
        foreach (int k in TestData.AllLengths)
        {
            Check(form, 11, k, 25, seed: k);
        }
    }

    /// <summary>Shapes past every block size (kc up to 512, mc 96, nc up to 2048), big enough for two threads, and the MLP shapes.</summary>
    [TestCase(97, 300, 1030)]
    [TestCase(130, 513, 260)]
    [TestCase(20, 784, 200)]
    [TestCase(20, 200, 10)]
    [TestCase(784, 20, 200)]
    [TestCase(200, 20, 10)]
    [TestCase(20, 200, 784)]
    [TestCase(20, 10, 200)]
    [TestCase(128, 784, 200)]
    [TestCase(300, 300, 7)]
    [TestCase(1, 2000, 1)]
    [TestCase(255, 65, 257)]
    [TestCase(128, 200, 10)]
    [TestCase(200, 128, 10)]
    [TestCase(128, 10, 200)]
    [TestCase(20, 1300, 2100)]
    [TestCase(131, 600, 256)] // Aᵀ read in place (n ≤ 256) past a depth block, a 3-row ragged panel copied by columns
    [TestCase(163, 40, 200)]
    [TestCase(161, 40, 257)] // one column too wide: Aᵀ packed
    public void Multiply_LargeAndMiniBatchShapes_MatchReference(int m, int k, int n)
    {
        foreach (Form form in s_forms)
        {
            Check(form, m, k, n, seed: m + k + n, alpha: 0.75, beta: -0.5);
        }
    }

    /// <summary>
    /// The narrow path (n up to two vectors: 32 floats, 16 doubles; 8 without AVX-512, 4 scalars) and the edge kernels
    /// it runs: every width to 40 (one vector, exactly one, a full one plus a partial one, exactly two, past two) at
    /// row counts around the tile heights (8 and 4 with AVX-512, 6 and 3 with AVX2) and depths from 1 to past a block.
    /// </summary>
    [TestCaseSource(nameof(s_forms))]
    public void Multiply_NarrowOutputs_EveryWidthAndTileEdge_MatchReference(Form form)
    {
        int[] heights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 20, 25];
        int[] depths = [1, 2, 10, 37, 200];
        for (int n = 1; n <= 40; n++)
        {
            foreach (int m in heights)
            {
                foreach (int k in depths)
                {
                    Check(form, m, k, n, seed: (n * 1000) + (m * 10) + k, alpha: (n % 3 == 0) ? -0.5 : 1, beta: (m % 2 == 0) ? 0 : 1.5);
                }
            }
        }
    }

    /// <summary>
    /// The column panels of a narrow Aᵀ·B (depth from 32 on, widths that leave edge-kernel lanes idle: 10 of 16): every
    /// width to 40 (the 5-column groups, their narrower last group, and the widths that stay on the edge kernels) at
    /// row counts around the panel heights (16, 32 and 64 rows; one vector of 4, 8 or 16 lanes for the last rows, masked)
    /// and depths at the threshold, one past it and past a depth block, with α and β ≠ 0, 1.
    /// </summary>
    [Test]
    public void MultiplyTransposeA_NarrowColumnPanels_EveryWidthAndPanelEdge_MatchReference()
    {
        int[] heights = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 129];
        int depth = Internal.GemmDriver.ColumnPanelMinDepth;
        int[] depths = [depth, depth + 1, 600];
        for (int n = 1; n <= 40; n++)
        {
            foreach (int m in heights)
            {
                foreach (int k in depths)
                {
                    Check(Form.TransposeA, m, k, n, seed: (n * 1000) + m + k, alpha: (n % 3 == 0) ? -0.5 : 1, beta: (m % 2 == 0) ? 0 : 1.5);
                }
            }
        }
    }

    /// <summary>A NaN in column i of the stored Aᵀ reaches row i of C only, through the column panels and their masked last rows.</summary>
    [TestCase(200, 128, 10, 37)]
    [TestCase(200, 128, 10, 199)]
    [TestCase(13, 40, 7, 12)]
    public void MultiplyTransposeA_NaNInA_PropagatesToItsRowOnly(int m, int k, int n, int nanRow)
    {
        double[] a = TestData.Doubles(k * m, 1), b = TestData.Doubles(k * n, 2);
        a[(5 * m) + nanRow] = double.NaN;
        double[] c = new double[m * n];
        float[] cf = new float[m * n];
        Gemm.MultiplyTransposeA(a, b, c, m, k, n);
        Gemm.MultiplyTransposeA(Array.ConvertAll(a, v => (float)v), Array.ConvertAll(b, v => (float)v), cf, m, k, n);
        for (int i = 0; i < m; i++)
        {
            Assert.That(c.Skip(i * n).Take(n).All(double.IsNaN), Is.EqualTo(i == nanRow), $"double row {i}");
            Assert.That(c.Skip(i * n).Take(n).Any(double.IsNaN), Is.EqualTo(i == nanRow), $"double row {i}");
            Assert.That(cf.Skip(i * n).Take(n).All(float.IsNaN), Is.EqualTo(i == nanRow), $"float row {i}");
            Assert.That(cf.Skip(i * n).Take(n).Any(float.IsNaN), Is.EqualTo(i == nanRow), $"float row {i}");
        }
    }

    /// <summary>
    /// Products large enough for the parallel path (at least 4 M multiply-adds), with ragged last row and column panels,
    /// half-height panels, several depth blocks, and homes split by columns and by rows.
    /// </summary>
    [TestCase(1030, 41, 101)]
    [TestCase(100, 41, 1030)]
    [TestCase(301, 60, 250)]
    [TestCase(253, 100, 171)]
    [TestCase(61, 1100, 70)]
    [TestCase(260, 1025, 33)]
    [TestCase(128, 200, 784)]
    [TestCase(784, 128, 200)]
    public void Multiply_ParallelShapes_MatchReference(int m, int k, int n)
    {
        foreach (Form form in s_forms)
        {
            Check(form, m, k, n, seed: m + k + n, alpha: -1.25, beta: 0.5);
            Check(form, m, k, n, seed: m + k + n + 1);
        }
    }

    /// <summary>
    /// The schedule of a machine whose other cores never come free: no helper starts, so the caller runs its own home
    /// and then steals every tile of the others from the back (by columns and by rows, ragged panels included).
    /// </summary>
    [TestCase(1030, 41, 101)]
    [TestCase(100, 41, 1030)]
    [TestCase(253, 100, 171)]
    [TestCase(128, 784, 200)]
    public void Multiply_ParallelWithoutHelpers_CallerStealsEveryTile(int m, int k, int n)
    {
        try
        {
            Internal.GemmParallel.StartHelpers = false;
            foreach (Form form in s_forms)
            {
                Check(form, m, k, n, seed: m + k + n, alpha: 0.75, beta: 0);
                Check(form, m, k, n, seed: m + k + n + 1, alpha: 1, beta: -0.5);
            }
        }
        finally
        {
            Internal.GemmParallel.StartHelpers = true;
        }
    }

    /// <summary>
    /// More threads than this machine has cores (and work enough for each: 2 M multiply-adds a thread): 3 to 7 homes, some of them empty where panel rounding leaves a home
    /// nothing (3 homes over 3 column panels of 100 floats), each home's tiles run or stolen by whichever thread gets there.
    /// </summary>
    [TestCase(100, 700, 100, 3)] // 7 M multiply-adds: 3 threads at 2 M each
    [TestCase(1030, 101, 101, 5)]
    [TestCase(100, 150, 1030, 7)]
    [TestCase(60, 1200, 130, 4)]
    public void Multiply_MoreThreadsThanCores_MatchReference(int m, int k, int n, int threads)
    {
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = threads;
            foreach (Form form in s_forms)
            {
                Check(form, m, k, n, seed: m + k + n + threads, alpha: -0.5, beta: 1);
            }
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    /// <summary>Operands too large to pack whole go to the static split (each part blocks and packs on its own); the cap is lowered so ordinary sizes take that path.</summary>
    [TestCase(301, 60, 250)]
    [TestCase(100, 41, 1030)]
    [TestCase(20, 1300, 2100)]
    [TestCase(1000, 100, 50)] // float Aᵀ·B: a 48-column part and a 2-column one, whose column panels add into C rows 50 apart
    public void Multiply_StaticSplitForHugeOperands_MatchesReference(int m, int k, int n)
    {
        long saved = Internal.GemmParallel.MaxPackedElements;
        try
        {
            Internal.GemmParallel.MaxPackedElements = 1000;
            foreach (Form form in s_forms)
            {
                Check(form, m, k, n, seed: m + k + n, alpha: 0.5, beta: 1);
            }
        }
        finally
        {
            Internal.GemmParallel.MaxPackedElements = saved;
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Multiply_RandomShapesAndScalars_MatchReference()
    {
        var cases =
            from m in Gen.Choose(0, 70)
            from k in Gen.Choose(0, 70)
            from n in Gen.Choose(0, 110)
            from form in Gen.Elements(s_forms)
            from alpha in Gen.Elements(1.0, -1.0, 0.5, 3.0)
            from beta in Gen.Elements(0.0, 1.0, -0.5)
            from seed in Gen.Choose(0, 1 << 20)
            select (m, k, n, form, alpha, beta, seed);
        return Prop.ForAll(cases.ToArbitrary(), t =>
        {
            Check(t.form, t.m, t.k, t.n, t.seed, t.alpha, t.beta);
            return true;
        });
    }

    [Test]
    public void Multiply_BetaZero_OverwritesNaNInC()
    {
        double[] a = [1, 2, 3, 4], b = [1, 0, 0, 1];
        double[] c = [double.NaN, double.NaN, double.NaN, double.NaN];
        Gemm.Multiply(a, b, c, 2, 2, 2);
        Assert.That(c, Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0 }));
    }

    /// <summary>β = 0 stores into C without reading it on every path: narrow (edge kernels and column panels), small, ragged, swapped, parallel.</summary>
    [TestCase(20, 200, 10)]
    [TestCase(200, 20, 10)]
    [TestCase(20, 200, 784)]
    [TestCase(97, 300, 1030)]
    [TestCase(300, 300, 300)]
    [TestCase(13, 5, 61)]
    [TestCase(200, 128, 10)]
    [TestCase(33, 40, 3)]
    public void Multiply_BetaZero_OverwritesNaNInCOnEveryPath(int m, int k, int n)
    {
        foreach (Form form in s_forms)
        {
            double[] a = TestData.Doubles(m * k, 1), b = TestData.Doubles(k * n, 2);
            double[] c = Enumerable.Repeat(double.NaN, m * n).ToArray();
            Call(form, false, a, b, c, m, k, n, 1, 0);
            Assert.That(c.All(double.IsFinite), Is.True, $"{form} double");
            float[] cf = Enumerable.Repeat(float.NaN, m * n).ToArray();
            CallF(form, false, Array.ConvertAll(a, v => (float)v), Array.ConvertAll(b, v => (float)v), cf, m, k, n, 1, 0);
            Assert.That(cf.All(float.IsFinite), Is.True, $"{form} float");
        }
    }

    [Test]
    public void Multiply_AlphaZero_DoesNotReadNaNInputs()
    {
        double[] a = [double.NaN, 1, 1, 1], b = [1, 1, 1, double.NaN];
        double[] c = [1, 2, 3, 4];
        Gemm.Multiply(a, b, c, 2, 2, 2, alpha: 0, beta: 2);
        Assert.That(c, Is.EqualTo(new[] { 2.0, 4.0, 6.0, 8.0 }));
    }

    [Test]
    public void Multiply_NaNInA_PropagatesToItsRowOnly()
    {
        double[] a = TestData.Doubles(30 * 40, 1), b = TestData.Doubles(40 * 50, 2);
        a[(7 * 40) + 3] = double.NaN;
        double[] c = new double[30 * 50];
        Gemm.Multiply(a, b, c, 30, 40, 50);
        for (int i = 0; i < 30; i++)
        {
            Assert.That(c.Skip(i * 50).Take(50).All(double.IsNaN), Is.EqualTo(i == 7), $"row {i}");
        }
    }

    [Test]
    public void Multiply_KnownProduct_IsExact()
    {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] c = new float[4];
        Gemm.Multiply([1f, 2, 3, 4, 5, 6], [7f, 8, 9, 10, 11, 12], c, 2, 3, 2);
        Assert.That(c, Is.EqualTo(new[] { 58f, 64f, 139f, 154f }));
    }

    [Test]
    public void Multiply_ShapeMismatch_ThrowsWithShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[20 * 784], new double[784 * 201], new double[20 * 200], 20, 784, 200));
        Assert.That(ex!.Message, Does.Contain("k×n = 784×200").And.Contain("157584 elements"));
    }

    [Test]
    public void MultiplyTransposeA_ShapeMismatch_NamesTheStoredShape()
    {
        Assert.DoesNotThrow(() => Gemm.MultiplyTransposeA(new float[6], new float[6], new float[4], 2, 3, 2));
        var bad = Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeA(new float[7], new float[6], new float[4], 2, 3, 2));
        Assert.That(bad!.Message, Does.Contain("k×m = 3×2"));
    }

    [Test]
    public void Multiply_OutputOverlapsInput_Throws()
    {
        double[] buffer = new double[8];
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(buffer.AsSpan(0, 4), new double[4], buffer.AsSpan(2, 4), 2, 2, 2));
        Assert.That(ex!.Message, Does.Contain("overlaps"));
    }

    [Test]
    public void Multiply_NegativeDimension_Throws()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposeB(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, Span<double>.Empty, 0, -1, 0));
    }

    [Test]
    public void MaxDegreeOfParallelism_One_GivesTheSameProductOnOneThread()
    {
        double[] a = TestData.Doubles(150 * 200, 1), b = TestData.Doubles(200 * 170, 2);
        double[] parallel = new double[150 * 170], serial = new double[150 * 170];
        Gemm.Multiply(a, b, parallel, 150, 200, 170);
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 1;
            Gemm.Multiply(a, b, serial, 150, 200, 170);
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }

        // Each element is computed by one tile either way, so the split changes nothing bit for bit.
        Assert.That(serial, Is.EqualTo(parallel));
    }

    [Test]
    public void MaxDegreeOfParallelism_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxDegreeOfParallelism = 0);
    }

    private static void Check(Form form, int m, int k, int n, int seed, double alpha = 1, double beta = 0)
    {
        double[] a = TestData.Doubles(m * k, seed, -1, 1);
        double[] b = TestData.Doubles(k * n, seed + 1, -1, 1);
        double[] c0 = TestData.Doubles(m * n, seed + 2, -1, 1);
        string what = string.Create(CultureInfo.InvariantCulture, $"{form} m={m} k={k} n={n} α={alpha} β={beta}");

        double[] expected = (double[])c0.Clone(), actual = (double[])c0.Clone();
        Call(form, true, a, b, expected, m, k, n, alpha, beta);
        Call(form, false, a, b, actual, m, k, n, alpha, beta);
        double[] bound = Bound(form, a, b, c0, m, k, n, alpha, beta, 2.0 * (k + 2) * Math.Pow(2, -52));
        AssertWithin(actual, expected, bound, what + " double");

        float[] af = Array.ConvertAll(a, v => (float)v), bf = Array.ConvertAll(b, v => (float)v), cf = Array.ConvertAll(c0, v => (float)v);
        float[] expectedF = (float[])cf.Clone(), actualF = (float[])cf.Clone();
        CallF(form, true, af, bf, expectedF, m, k, n, (float)alpha, (float)beta);
        CallF(form, false, af, bf, actualF, m, k, n, (float)alpha, (float)beta);
        double[] boundF = Bound(form, a, b, c0, m, k, n, alpha, beta, 2.0 * (k + 2) * Math.Pow(2, -23));
        AssertWithin(Array.ConvertAll(actualF, v => (double)v), Array.ConvertAll(expectedF, v => (double)v), boundF, what + " float");
    }

    /// <summary>2(k+2)ε·(|α|·|op(A)|·|op(B)| + |β||C|), the worst-case rounding of both summation orders.</summary>
    private static double[] Bound(Form form, double[] a, double[] b, double[] c0, int m, int k, int n, double alpha, double beta, double factor)
    {
        double[] magnitude = Array.ConvertAll(c0, Math.Abs);
        Call(form, true, Array.ConvertAll(a, Math.Abs), Array.ConvertAll(b, Math.Abs), magnitude, m, k, n, Math.Abs(alpha), beta == 0 ? 0 : Math.Abs(beta));
        return Array.ConvertAll(magnitude, v => (factor * v) + 1e-300);
    }

    private static void AssertWithin(double[] actual, double[] expected, double[] bound, string what)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= bound[i]))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: element {i} is {actual[i]:R}, reference {expected[i]:R}, bound {bound[i]:R}"));
            }
        }
    }

    private static void Call(Form form, bool reference, double[] a, double[] b, double[] c, int m, int k, int n, double alpha, double beta)
    {
        // Operands are generated in the stored layout of each form: the same m·k and k·n numbers, read differently.
        switch (form, reference)
        {
            case (Form.Plain, true): Ref.Gemm.Multiply(a, b, c, m, k, n, alpha, beta); break;
            case (Form.Plain, false): Gemm.Multiply(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeA, true): Ref.Gemm.MultiplyTransposeA(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeA, false): Gemm.MultiplyTransposeA(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeB, true): Ref.Gemm.MultiplyTransposeB(a, b, c, m, k, n, alpha, beta); break;
            default: Gemm.MultiplyTransposeB(a, b, c, m, k, n, alpha, beta); break;
        }
    }

    private static void CallF(Form form, bool reference, float[] a, float[] b, float[] c, int m, int k, int n, float alpha, float beta)
    {
        switch (form, reference)
        {
            case (Form.Plain, true): Ref.Gemm.Multiply(a, b, c, m, k, n, alpha, beta); break;
            case (Form.Plain, false): Gemm.Multiply(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeA, true): Ref.Gemm.MultiplyTransposeA(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeA, false): Gemm.MultiplyTransposeA(a, b, c, m, k, n, alpha, beta); break;
            case (Form.TransposeB, true): Ref.Gemm.MultiplyTransposeB(a, b, c, m, k, n, alpha, beta); break;
            default: Gemm.MultiplyTransposeB(a, b, c, m, k, n, alpha, beta); break;
        }
    }
}
