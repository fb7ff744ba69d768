using FsCheck;
using FsCheck.Fluent;
using GradCheck.TestSupport;

namespace GradCheck.Numerics.Tests;

/// <summary>The TestSupport generators keep their promises (every test project leans on them).</summary>
[TestFixture]
public sealed class TestSupportTests
{
    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool OneHotTargets_HaveExactlyOneOne(OneHotTarget y) =>
        y.Values.Count(v => v == 1) == 1 && y.Values.Count(v => v == 0) == y.Values.Length - 1 && y.Values[y.Label] == 1;

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool KinkFreePoints_KeepTheirMargin(KinkFreePoint p) => Generators.KinkDistance(p.Values) >= 0.05;

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool WellConditionedPoints_StayInTheBox(WellConditionedPoint p) =>
        p.Values.Length is >= 1 and <= 8 && p.Values.All(v => Math.Abs(v) <= 3);

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool SmallMatrices_HoldRowsTimesColumnsEntries(SmallMatrix m) =>
        m.Value.Values.Length == m.Value.Rows * m.Value.Columns && m.Value.Values.All(v => Math.Abs(v) <= 1);

    [Test]
    public void Matrix_OfAShape_HasThatShape()
    {
        var m = Generators.Matrix(3, 7, 0.5).SampleOne(seed: 4);
        Assert.That((m.Rows, m.Columns, m.Values.Length), Is.EqualTo((3, 7, 21)));
        Assert.That(m.Values, Is.All.InRange(-0.5, 0.5));
        Assert.That(m[2, 6], Is.EqualTo(m.Values[20]));
    }

    [Test]
    public void SampleOne_SameSeed_SameValue()
    {
        var gen = Generators.ProbabilityVector(5);
        var first = gen.SampleOne(11);
        var second = gen.SampleOne(11);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(gen.SampleOne(12), Is.Not.EqualTo(first));
    }

    [Test]
    public void Tolerance_Helpers_MeasureWhatTheySay()
    {
        Assert.That(Tolerance.UlpDistance(1.0, Math.BitIncrement(1.0)), Is.EqualTo(1));
        Assert.That(Tolerance.UlpDistance(-0.0, 0.0), Is.Zero);
        Assert.That(Tolerance.UlpDistance(double.NaN, 1), Is.EqualTo(long.MaxValue));
        Assert.That(Tolerance.UlpDistance(-double.Epsilon, double.Epsilon), Is.EqualTo(2));
        // Opposite huge values are about 2^63 ulps apart: the distance saturates instead of wrapping.
        Assert.That(Tolerance.UlpDistance(double.MaxValue, -double.MaxValue), Is.EqualTo(long.MaxValue));
        Assert.That(Tolerance.UlpDistance(-1e300, 1e300), Is.GreaterThan(Tolerance.UlpDistance(0, 1e300)));
        Assert.That(Tolerance.RelativeError(1.1, 1.0), Is.EqualTo(0.1).Within(1e-15));
        Assert.That(Tolerance.NormwiseRelativeError([1, 2.5], [1, 2]), Is.EqualTo(0.25));
        Assert.Throws<ArgumentException>(() => Tolerance.NormwiseRelativeError([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => Generators.Uniform(1, 0));
    }
}
