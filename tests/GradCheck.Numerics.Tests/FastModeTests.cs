using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class FastModeTests
{
    [Test]
    public void CheckFast_MlpCorrectGradient_PassesAndStatesMissProbability()
    {
        var (model, batch, theta) = Mlp(1);
        var report = GradientChecker.CheckFast(t => model.Loss<double>(t, batch), theta, model.Gradient(theta, batch));
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.Message, Does.Contain("missed with probability"));
        Assert.That(report.FunctionEvaluations, Is.LessThan(60));
    }

    [Test]
    public void CheckFast_MlpEveryInjectedBug_Detected()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var (model, batch, theta) = Mlp(seed);
            foreach (var bug in model.Bugs)
            {
                var report = GradientChecker.CheckFast(t => model.Loss<double>(t, batch), theta, model.Gradient(theta, batch, bug),
                    new GradientCheckOptions { Seed = seed });
                Assert.That(report.Passed, Is.False, $"seed {seed}: {bug}");
            }
        }
    }

    [Test]
    public void CheckFast_SingleWrongEntryInThousandDimensions_DetectedAndBoundIsTiny()
    {
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        double F(double[] v) => v.Select((e, i) => (1 + (i % 7)) * e * e).Sum();
        var gradient = x.Select((e, i) => 2 * (1 + (i % 7)) * e).ToArray();
        gradient[517] += 1e-3;
        for (var seed = 0; seed < 30; seed++)
        {
            var report = GradientChecker.CheckFast(F, x, gradient, new GradientCheckOptions { Seed = seed });
            Assert.That(report.Passed, Is.False, $"seed {seed}");
            Assert.That(report.MissProbability(1e-3), Is.LessThan(1e-2));
            Assert.That(report.MissProbability(1e-1), Is.LessThan(1e-6));
        }
    }

    [Test]
    public void MissProbability_GrowsAsTheErrorShrinks()
    {
        var (model, batch, theta) = Mlp(2);
        var report = GradientChecker.CheckFast(t => model.Loss<double>(t, batch), theta, model.Gradient(theta, batch));
        Assert.That(report.MissProbability(1e-3), Is.LessThan(report.MissProbability(1e-9)));
        Assert.That(report.MissProbability(0), Is.EqualTo(1));
        Assert.That(report.ErrorNormDetectedWithProbability(1e-6), Is.GreaterThan(report.DetectionScale));
        Assert.Throws<ArgumentOutOfRangeException>(() => report.MissProbability(-1));
    }

    [Test]
    public void MissProbability_EmpiricalMissRateOfASmallError_StaysUnderTheStatedBound()
    {
        // One entry wrong by δ ≈ τ, one projection: the bound is far from 0, so misses happen and
        // the empirical rate can be compared with it over many seeds.
        const int n = 50, runs = 400;
        var x = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
        double F(double[] v) => v.Sum(e => e * e * e);
        var exact = x.Select(e => 3 * e * e).ToArray();
        var probe = GradientChecker.CheckFast(F, x, exact, new GradientCheckOptions { Projections = 1 });
        var delta = probe.DetectionScale;
        var claimed = (double[])exact.Clone();
        claimed[7] += delta;
        double misses = 0, bound = 0;
        for (var seed = 0; seed < runs; seed++)
        {
            var report = GradientChecker.CheckFast(F, x, claimed, new GradientCheckOptions { Projections = 1, Seed = seed });
            misses += report.Passed ? 1 : 0;
            bound += report.MissProbability(delta);
        }

        TestContext.Out.WriteLine($"missed {misses} of {runs}; the bounds sum to {bound:F1}");
        Assert.That(misses, Is.GreaterThan(0), "δ ≈ τ should sometimes be missed, or the test says nothing");
        Assert.That(misses, Is.LessThanOrEqualTo(bound + (3 * Math.Sqrt(bound))));
    }

    [Test]
    public void ErrorNormDetectedWithProbability_InvertsMissProbability()
    {
        var (model, batch, theta) = Mlp(3);
        var report = GradientChecker.CheckFast(t => model.Loss<double>(t, batch), theta, model.Gradient(theta, batch));
        Assert.That(report.MissProbability(report.ErrorNormDetectedWithProbability(1e-6)), Is.EqualTo(1e-6).Within(1e-12));
    }

    private static (Mlp Model, Batch<double> Batch, double[] Theta) Mlp(int seed)
    {
        var model = new Mlp(6, 10, 4);
        var random = new Random(seed);
        return (model, Batches.Random<double>(random, 5, 6, 4), model.Parameters(random));
    }
}
