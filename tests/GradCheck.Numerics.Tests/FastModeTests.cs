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

    private static (Mlp Model, Batch<double> Batch, double[] Theta) Mlp(int seed)
    {
        var model = new Mlp(6, 10, 4);
        var random = new Random(seed);
        return (model, Batches.Random<double>(random, 5, 6, 4), model.Parameters(random));
    }
}
