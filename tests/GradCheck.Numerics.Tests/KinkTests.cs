using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class KinkTests
{
    private static double Relu(double[] x) => Math.Max(x[0], 0);

    [Test]
    public void Check_ReluAtZero_ReportedNotDifferentiableWithOneSidedDerivatives()
    {
        var report = GradientChecker.Check(Relu, [0.0], [0.0]);
        var entry = report.Entries[0];
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.True, report.Message);
            Assert.That(report.NotDifferentiableHere, Is.True);
            Assert.That(entry.Status, Is.EqualTo(EntryStatus.NotDifferentiable));
            Assert.That(entry.LeftDerivative, Is.EqualTo(0).Within(1e-12));
            Assert.That(entry.RightDerivative, Is.EqualTo(1).Within(1e-12));
            Assert.That(report.Message, Does.Contain("not differentiable here"));
        });
    }

    [TestCase(SubgradientConvention.Left, 0.0, true)]
    [TestCase(SubgradientConvention.Left, 1.0, false)]
    [TestCase(SubgradientConvention.Right, 1.0, true)]
    [TestCase(SubgradientConvention.Right, 0.0, false)]
    [TestCase(SubgradientConvention.EitherSide, 0.0, true)]
    [TestCase(SubgradientConvention.EitherSide, 1.0, true)]
    [TestCase(SubgradientConvention.EitherSide, 0.5, false)]
    [TestCase(SubgradientConvention.Between, 0.5, true)]
    [TestCase(SubgradientConvention.Between, 1.5, false)]
    public void Check_ReluAtZeroWithConvention_ChecksTheChosenSubgradient(SubgradientConvention convention, double claimed, bool passes)
    {
        var report = GradientChecker.Check(Relu, [0.0], [claimed], new GradientCheckOptions { Subgradient = convention });
        Assert.That(report.Passed, Is.EqualTo(passes), report.Message);
        Assert.That(report.NotDifferentiableHere, Is.True);
    }

    [Test]
    public void Check_TieInMax_ReportedNotDifferentiable()
    {
        var report = GradientChecker.Check(v => Math.Max(v[0], v[1]), [1.0, 1.0], [1.0, 0.0]);
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.NotDifferentiableHere, Is.True);
        Assert.That(report.KinkCount, Is.EqualTo(2));
    }

    [Test]
    public void Check_SmoothFunctionWhoseOneSidedTableauMisreadsItsError_IsNotCalledAKink()
    {
        // Found by CI: one right-sided tableau read its error as 1.6e-11 while it was off by
        // 3.3e-10, the 3e-10 gap between the sides passed for a kink, and a gradient wrong by one
        // part in a million was excused as "not differentiable here".
        double[] z = [-2.8416561875492334, -2.9224309120327234];
        var softmax0 = 1 / (1 + Math.Exp(z[1] - z[0]));
        double[] wrong = [softmax0, softmax0 - 1 + (1e-6 * softmax0)];
        var report = GradientChecker.Check(v => LogSumExp(v) - v[1], z, wrong);
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False, report.Message);
            Assert.That(report.NotDifferentiableHere, Is.False, report.Message);
            Assert.That(report.Worst.Index, Is.EqualTo(1));
        });
    }

    private static double LogSumExp(double[] v)
    {
        var max = v.Max();
        return max + Math.Log(v.Sum(e => Math.Exp(e - max)));
    }

    [Test]
    public void Check_AbsJustOffItsKink_PassesWithoutFalseAlarm()
    {
        // 1e-3 from the kink: the large Richardson steps cross it, the small ones do not.
        var report = GradientChecker.Check(v => Math.Abs(v[0]), [1e-3], [1.0], new GradientCheckOptions { Method = DifferenceMethod.Richardson });
        Assert.That(report.Passed, Is.True, report.Message);
    }

    [TestCase(DifferenceMethod.Central)]
    [TestCase(DifferenceMethod.Richardson)]
    public void Check_ReluNetworkAtRandomPoints_NeverFailsBecauseOfKinks(DifferenceMethod method)
    {
        var model = new Mlp(4, 8, 3, relu: true);
        var random = new Random(3);
        var options = new GradientCheckOptions { Method = method };
        var kinks = 0;
        for (var trial = 0; trial < 150; trial++)
        {
            var batch = Batches.Random<double>(random, 4, model.Features, model.Classes);
            var theta = model.Parameters(random);
            var report = GradientChecker.Check(t => model.Loss<double>(t, batch), theta, model.Gradient(theta, batch), options);
            Assert.That(report.Passed, Is.True, report.Message);
            kinks += report.KinkCount;
        }

        TestContext.Out.WriteLine($"{kinks} kink entries met in 150 random points");
    }

    [Test]
    public void Check_ReluNetworkExactlyOnKink_ReportsKinkAndChecksEitherSide()
    {
        var (model, batch, theta, unit) = OnKink();
        Assert.That(model.PreActivation(theta, batch.Inputs, unit), Is.Zero, "the hidden unit must sit exactly on its kink");
        var claimed = model.Gradient(theta, batch);
        double Loss(double[] t) => model.Loss<double>(t, batch);

        var report = GradientChecker.Check(Loss, theta, claimed);
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.NotDifferentiableHere, Is.True, report.Message);
        Assert.That(report.Entries[model.HiddenBiasIndex(unit)].AtKink, Is.True);

        var either = new GradientCheckOptions { Subgradient = SubgradientConvention.EitherSide };
        Assert.That(GradientChecker.Check(Loss, theta, claimed, either).Passed, Is.True);

        // A backward pass that used ReLU′(0) = ½ matches neither one-sided derivative.
        var half = (double[])claimed.Clone();
        half[model.HiddenBiasIndex(unit)] = 0.5 * (report.Entries[model.HiddenBiasIndex(unit)].LeftDerivative
            + report.Entries[model.HiddenBiasIndex(unit)].RightDerivative);
        var wrong = GradientChecker.Check(Loss, theta, half, either);
        Assert.That(wrong.Passed, Is.False, wrong.Message);
        Assert.That(wrong.Message, Does.Contain("matches no allowed subgradient"));
    }

    private static (Mlp Model, Batch<double> Batch, double[] Theta, int Unit) OnKink()
    {
        var model = new Mlp(4, 3, 2, relu: true);
        var theta = model.Parameters(new Random(9));
        const int unit = 1;
        // Dyadic inputs and weights: every product and partial sum is exact, so z = 0 exactly.
        double[] x = [0.5, -0.25, 1, 0.75];
        double[] w = [0.5, 0.5, -0.25, 0.25];
        for (var d = 0; d < 4; d++)
        {
            theta[(unit * 4) + d] = w[d];
        }

        theta[model.HiddenBiasIndex(unit)] = -0.0625;
        return (model, new Batch<double>(1, 4, x, [1], 2), theta, unit);
    }
}
