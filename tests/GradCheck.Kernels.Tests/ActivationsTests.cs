using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Kernels.Tests;

/// <summary>Every activation against its scalar reference at every length 0..256, both precisions.</summary>
public sealed class ActivationsTests
{
    private const double DoubleTolerance = 1e-14;
    private const double FloatTolerance = 2e-6;

    private delegate void UnaryD(ReadOnlySpan<double> x, Span<double> y);

    private delegate void UnaryF(ReadOnlySpan<float> x, Span<float> y);

    private delegate void BinaryD(ReadOnlySpan<double> x, ReadOnlySpan<double> u, Span<double> y);

    private delegate void BinaryF(ReadOnlySpan<float> x, ReadOnlySpan<float> u, Span<float> y);

    private static readonly (string Name, UnaryD Fast, UnaryD Slow, UnaryF FastF, UnaryF SlowF)[] s_unary =
    [
        ("Sigmoid", Activations.Sigmoid, Ref.Activations.Sigmoid, Activations.Sigmoid, Ref.Activations.Sigmoid),
        ("Tanh", Activations.Tanh, Ref.Activations.Tanh, Activations.Tanh, Ref.Activations.Tanh),
        ("Relu", Activations.Relu, Ref.Activations.Relu, Activations.Relu, Ref.Activations.Relu),
        ("ScaledRelu", (x, y) => Activations.ScaledRelu(x, y, 3.0), (x, y) => Ref.Activations.ScaledRelu(x, y, 3.0),
            (x, y) => Activations.ScaledRelu(x, y, 3f), (x, y) => Ref.Activations.ScaledRelu(x, y, 3f)),
        ("LeakyRelu", (x, y) => Activations.LeakyRelu(x, y, 0.01), (x, y) => Ref.Activations.LeakyRelu(x, y, 0.01),
            (x, y) => Activations.LeakyRelu(x, y, 0.01f), (x, y) => Ref.Activations.LeakyRelu(x, y, 0.01f)),
    ];

    private static readonly (string Name, BinaryD Fast, BinaryD Slow, BinaryF FastF, BinaryF SlowF)[] s_binary =
    [
        ("SigmoidBackward", Activations.SigmoidBackward, Ref.Activations.SigmoidBackward, Activations.SigmoidBackward, Ref.Activations.SigmoidBackward),
        ("TanhBackward", Activations.TanhBackward, Ref.Activations.TanhBackward, Activations.TanhBackward, Ref.Activations.TanhBackward),
        ("ReluBackward", Activations.ReluBackward, Ref.Activations.ReluBackward, Activations.ReluBackward, Ref.Activations.ReluBackward),
        ("ScaledReluBackward", (x, u, y) => Activations.ScaledReluBackward(x, u, y, 3.0), (x, u, y) => Ref.Activations.ScaledReluBackward(x, u, y, 3.0),
            (x, u, y) => Activations.ScaledReluBackward(x, u, y, 3f), (x, u, y) => Ref.Activations.ScaledReluBackward(x, u, y, 3f)),
        ("LeakyReluBackward", (x, u, y) => Activations.LeakyReluBackward(x, u, y, 0.01), (x, u, y) => Ref.Activations.LeakyReluBackward(x, u, y, 0.01),
            (x, u, y) => Activations.LeakyReluBackward(x, u, y, 0.01f), (x, u, y) => Ref.Activations.LeakyReluBackward(x, u, y, 0.01f)),
    ];

    private static IEnumerable<string> UnaryNames => s_unary.Select(u => u.Name);

    private static IEnumerable<string> BinaryNames => s_binary.Select(u => u.Name);

    [TestCaseSource(nameof(UnaryNames))]
    public void Unary_EveryLengthTo256_MatchesReference(string name)
    {
        var (_, fast, slow, fastF, slowF) = s_unary.Single(u => u.Name == name);
        foreach (int n in TestData.AllLengths)
        {
            // Wide range (−30..30) reaches saturation; a narrow one (−0.3..0.3) the small-|x| branch of tanh.
            double[] x = n % 2 == 0 ? TestData.Doubles(n, n, -30, 30) : TestData.Doubles(n, n, -0.3, 0.3);
            double[] expected = new double[n], actual = new double[n];
            slow(x, expected);
            fast(x, actual);
            TestData.AssertClose(actual, expected, DoubleTolerance, 1e-300, $"{name} double n={n}");

            float[] xf = TestData.Floats(n, n + 1000, -30, 30);
            float[] expectedF = new float[n], actualF = new float[n];
            slowF(xf, expectedF);
            fastF(xf, actualF);
            TestData.AssertClose(actualF, expectedF, FloatTolerance, 1e-37, $"{name} float n={n}");
        }
    }

    [TestCaseSource(nameof(BinaryNames))]
    public void Binary_EveryLengthTo256_MatchesReference(string name)
    {
        var (_, fast, slow, fastF, slowF) = s_binary.Single(u => u.Name == name);
        foreach (int n in TestData.AllLengths)
        {
            double[] x = TestData.Doubles(n, n, -1, 1), u = TestData.Doubles(n, n + 7);
            double[] expected = new double[n], actual = new double[n];
            slow(x, u, expected);
            fast(x, u, actual);
            TestData.AssertClose(actual, expected, DoubleTolerance, 1e-300, $"{name} double n={n}");

            float[] xf = TestData.Floats(n, n, -1, 1), uf = TestData.Floats(n, n + 7);
            float[] expectedF = new float[n], actualF = new float[n];
            slowF(xf, uf, expectedF);
            fastF(xf, uf, actualF);
            TestData.AssertClose(actualF, expectedF, FloatTolerance, 1e-37, $"{name} float n={n}");
        }
    }

    [TestCaseSource(nameof(UnaryNames))]
    public void Unary_InPlace_SameAsSeparateOutput(string name)
    {
        var (_, fast, _, _, _) = s_unary.Single(u => u.Name == name);
        double[] x = TestData.Doubles(203, 5);
        double[] separate = new double[x.Length];
        fast(x, separate);
        fast(x, x);
        Assert.That(x, Is.EqualTo(separate));
    }

    [Test]
    public void Unary_SpecialValues_FollowTheNaNPolicy()
    {
        // Long enough for the vector body and the scalar tail both to see every special value.
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e-300, -1e-300, 800, -800];
        double[] x = [.. specials, .. specials, .. specials, .. specials];
        foreach (var (name, fast, slow, _, _) in s_unary)
        {
            double[] expected = new double[x.Length], actual = new double[x.Length];
            slow(x, expected);
            fast(x, actual);
            TestData.AssertClose(actual, expected, DoubleTolerance, 1e-300, name);
            for (int i = 0; i < x.Length; i += specials.Length)
            {
                Assert.That(actual[i], Is.NaN, $"{name}(NaN) must stay NaN");
            }
        }
    }

    [Test]
    public void Sigmoid_Saturation_ReachesZeroAndOneExactly()
    {
        double[] x = [-1000, -800, 800, 1000, 0, 0, 0, 0, 0];
        double[] y = new double[x.Length];
        Activations.Sigmoid(x, y);
        Assert.That(y[..4], Is.EqualTo(new[] { 0.0, 0.0, 1.0, 1.0 }));
        Assert.That(y[4], Is.EqualTo(0.5));
    }

    [Test]
    public void Tanh_TinyArguments_KeepFullRelativeAccuracy()
    {
        double[] x = [.. Enumerable.Range(1, 40).Select(i => Math.Pow(10, -i / 4.0) * (i % 2 == 0 ? 1 : -1))];
        double[] y = new double[x.Length];
        Activations.Tanh(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.That(y[i], Is.EqualTo(Math.Tanh(x[i])).Within(6e-16 * Math.Abs(x[i])), $"tanh({x[i]:R})");
        }
    }

    [Test]
    public void ReluBackward_AtZeroAndNaN_GivesZeroAndNaN()
    {
        double[] x = [0.0, -0.0, double.NaN, 2, -2, 0, 0, 0, 0, 0];
        double[] u = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
        double[] r = new double[x.Length];
        Activations.ReluBackward(x, u, r);
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.Zero);
            Assert.That(r[1], Is.Zero);
            Assert.That(r[2], Is.NaN);
            Assert.That(r[3], Is.EqualTo(5));
            Assert.That(r[4], Is.Zero);
        });
    }

    [Test]
    public void Sigmoid_LengthMismatch_ThrowsWithLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Activations.Sigmoid(new double[5], new double[4]));
        Assert.That(ex!.Message, Does.Contain("4").And.Contain("5").And.Contain("Sigmoid"));
    }

    [Test]
    public void Relu_PartlyOverlappingOutput_Throws()
    {
        double[] buffer = new double[20];
        var ex = Assert.Throws<ArgumentException>(() => Activations.Relu(buffer.AsSpan(0, 10), buffer.AsSpan(3, 10)));
        Assert.That(ex!.Message, Does.Contain("overlaps"));
    }

    [Test]
    public void TanhBackward_ResultOverlapsUpstreamPartly_Throws()
    {
        float[] buffer = new float[30];
        Assert.Throws<ArgumentException>(() => Activations.TanhBackward(new float[10], buffer.AsSpan(0, 10), buffer.AsSpan(5, 10)));
    }
}
