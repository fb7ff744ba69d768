using GradCheck.Numerics.Tests.Experiments;
using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class Float32Tests
{
    private static IEnumerable<Model> Models => MutationExperiment.Models;

    [TestCaseSource(nameof(Models))]
    public void Check_Float32CorrectGradient_PassesAtRandomPoints(Model model)
    {
        var random = new Random(17);
        for (var trial = 0; trial < 100; trial++)
        {
            var (batch32, theta32, reference) = Point(model, random);
            var claimed = new float[theta32.Length];
            model.Gradient<float>(theta32, batch32, claimed);
            var report = GradientChecker.Check(t => model.Loss<float>(t, batch32), theta32, claimed, reference);
            Assert.That(report.Passed, Is.True, report.Message);
        }
    }

    [TestCaseSource(nameof(Models))]
    public void Check_Float32GradientWithBug_Fails(Model model)
    {
        var random = new Random(23);
        for (var trial = 0; trial < 20; trial++)
        {
            var (batch32, theta32, reference) = Point(model, random);
            foreach (var bug in model.Bugs)
            {
                var claimed = new float[theta32.Length];
                model.Gradient<float>(theta32, batch32, claimed, bug);
                var report = GradientChecker.Check(t => model.Loss<float>(t, batch32), theta32, claimed, reference);
                Assert.That(report.Passed, Is.False, $"{model} {bug} went undetected");
            }
        }
    }

    [Test]
    public void Check_Float32ForwardDisagreesWithReference_FailsWithValueMessage()
    {
        var model = new SoftmaxCe(4, 3);
        var (batch32, theta32, reference) = Point(model, new Random(5));
        var claimed = new float[theta32.Length];
        model.Gradient<float>(theta32, batch32, claimed);
        var report = GradientChecker.Check(t => 1.001f * model.Loss<float>(t, batch32), theta32, claimed, reference);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Message, Does.Contain("disagrees with its float64 reference"));
    }

    [Test]
    public void Check_Float32ErrorBelowFloat64ButAboveFloat32Rounding_Fails()
    {
        // A relative error of 1e-4 in one entry is far above float32 rounding, so it must fail.
        var model = new Mlp(4, 5, 3);
        var (batch32, theta32, reference) = Point(model, new Random(8));
        var claimed = new float[theta32.Length];
        model.Gradient<float>(theta32, batch32, claimed);
        var max = claimed.Max(MathF.Abs);
        claimed[7] += 1e-4f * max;
        var report = GradientChecker.Check(t => model.Loss<float>(t, batch32), theta32, claimed, reference);
        Assert.That(report.Passed, Is.False, report.Message);
        Assert.That(report.Worst.Index, Is.EqualTo(7));
    }

    private static (Batch<float> Batch, float[] Theta, Func<double[], double> Reference) Point(Model model, Random random)
    {
        var batch64 = Batches.Random<double>(random, 4, model.Features, model.Classes);
        var batch32 = batch64.Convert<float>();
        var theta32 = model.Parameters(random).Select(v => (float)v).ToArray();
        // The reference sees exactly the float32 data, widened.
        var wide = batch32.Convert<double>();
        return (batch32, theta32, t => model.Loss<double>(t, wide));
    }
}
