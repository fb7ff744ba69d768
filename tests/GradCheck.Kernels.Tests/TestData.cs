using System.Globalization;

namespace GradCheck.Kernels.Tests;

/// <summary>Deterministic inputs and magnitude-scaled comparisons shared by the kernel tests.</summary>
internal static class TestData
{
    /// <summary>Every length 0..256: covers each vector width's main loop, every tail, and the empty span.</summary>
    public static IEnumerable<int> AllLengths => Enumerable.Range(0, 257);

    public static double[] Doubles(int length, int seed, double low = -10, double high = 10)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = low + ((high - low) * random.NextDouble());
        }

        return values;
    }

    public static float[] Floats(int length, int seed, double low = -10, double high = 10) =>
        Array.ConvertAll(Doubles(length, seed, low, high), v => (float)v);

    /// <summary>Asserts |actual − expected| ≤ tolerance · (|expected| + scale) element by element, naming the first failure.</summary>
    public static void AssertClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, double scale = 0, string what = "")
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), what);
        for (int i = 0; i < actual.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                Assert.That(a, Is.EqualTo(e), Describe(what, i, a, e));
                continue;
            }

            double bound = tolerance * (Math.Abs(e) + scale);
            if (!(Math.Abs(a - e) <= bound))
            {
                Assert.Fail(Describe(what, i, a, e) + string.Create(CultureInfo.InvariantCulture, $" (bound {bound:R})"));
            }
        }
    }

    public static void AssertClose(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double tolerance, double scale = 0, string what = "")
    {
        var a = new double[actual.Length];
        var e = new double[expected.Length];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = actual[i];
        }

        for (int i = 0; i < e.Length; i++)
        {
            e[i] = expected[i];
        }

        AssertClose(a, e, tolerance, scale, what);
    }

    private static string Describe(string what, int index, double actual, double expected) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} element {index}: got {actual:R}, expected {expected:R}");
}
