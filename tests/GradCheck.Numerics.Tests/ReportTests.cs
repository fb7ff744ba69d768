using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class ReportTests
{
    private static double Quadratic(double[] x) => x.Select((v, i) => (i + 1) * v * v).Sum();

    private static double[] QuadraticGradient(double[] x) => x.Select((v, i) => 2 * (i + 1) * v).ToArray();

    private static readonly double[] Point = [0.5, -1, 2, 0.25, -0.75, 1.5, 3, -2, 0.1, 0.9];

    [Test]
    public void Message_TwoWrongEntries_ListedFirstWorstFirst()
    {
        var claimed = QuadraticGradient(Point);
        claimed[3] += 1e-3;
        claimed[8] += 1e-1;
        var report = GradientChecker.Check(Quadratic, Point, claimed);
        var lines = report.Message.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.FailedCount, Is.EqualTo(2));
            Assert.That(report.Worst.Index, Is.EqualTo(8));
            Assert.That(lines[0], Does.StartWith("Gradient check FAILED: 2 of 10 entries"));
            Assert.That(lines[3], Does.StartWith("[8]"));
            Assert.That(lines[4], Does.StartWith("[3]"));
            Assert.That(report.Entries[8].Ratio, Is.GreaterThan(1));
            Assert.That(report.Entries[0].Ratio, Is.LessThanOrEqualTo(1));
        });
    }

    [Test]
    public void GradCheckAssert_Failure_ThrowsWithReportAndMessage()
    {
        var claimed = QuadraticGradient(Point);
        claimed[1] = -claimed[1];
        var e = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Gradient(Quadratic, Point, claimed));
        Assert.That(e!.Report, Is.Not.Null);
        Assert.That(e.Message, Does.StartWith("Gradient check FAILED"));
        Assert.That(e.Message, Does.Contain("[1]"));
        Assert.DoesNotThrow(() => GradCheckAssert.Gradient(Quadratic, Point, QuadraticGradient(Point)));
    }

    [Test]
    public void Check_ClaimedNaN_FailsAsNotFinite()
    {
        var claimed = QuadraticGradient(Point);
        claimed[4] = double.NaN;
        var report = GradientChecker.Check(Quadratic, Point, claimed);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Entries[4].Status, Is.EqualTo(EntryStatus.NotFinite));
        Assert.That(report.Message, Does.Contain("claimed value is not finite"));
    }

    [Test]
    public void Check_FunctionNaNAtPoint_FailsWithMessage()
    {
        var report = GradientChecker.Check(x => Math.Log(x[0]), [-1.0], [1.0]);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Message, Does.Contain("f(x) = NaN"));
    }

    [Test]
    public void Check_BadArguments_ThrowClearErrors()
    {
        var length = Assert.Throws<ArgumentException>(() => GradientChecker.Check(Quadratic, Point, new double[3]));
        Assert.That(length!.Message, Does.Contain("3 entries but 10 were expected"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(Quadratic, Point, QuadraticGradient(Point), new GradientCheckOptions { Safety = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(Quadratic, Point, QuadraticGradient(Point), new GradientCheckOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentNullException>(() => GradientChecker.Check(null!, Point, QuadraticGradient(Point)));
    }

    [Test]
    public void Check_UserTolerances_LoosenTheDecision()
    {
        var claimed = QuadraticGradient(Point);
        claimed[0] += 1e-6;
        Assert.That(GradientChecker.Check(Quadratic, Point, claimed).Passed, Is.False);
        Assert.That(GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { AbsoluteTolerance = 1e-5 }).Passed, Is.True);
        Assert.That(GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { RelativeTolerance = 1e-5 }).Passed, Is.True);
    }

    [Test]
    public void Check_Parallel_SameVerdictsAsSerial()
    {
        var model = new Mlp(4, 5, 3);
        var random = new Random(4);
        var batch = Batches.Random<double>(random, 3, 4, 3);
        var theta = model.Parameters(random);
        var claimed = model.Gradient(theta, batch, Bug.WrongIndex);
        double Loss(double[] t) => model.Loss<double>(t, batch);
        var serial = GradientChecker.Check(Loss, theta, claimed);
        var parallel = GradientChecker.Check(Loss, theta, claimed, new GradientCheckOptions { MaxDegreeOfParallelism = 2 });
        Assert.That(parallel.Entries.Select(e => e.Status), Is.EqualTo(serial.Entries.Select(e => e.Status)));
        Assert.That(parallel.Entries.Select(e => e.Numeric), Is.EqualTo(serial.Entries.Select(e => e.Numeric)));
        Assert.That(parallel.FunctionEvaluations, Is.EqualTo(serial.FunctionEvaluations));
    }

    [Test]
    public void Check_SelectedEntries_ChecksOnlyThoseWithOriginalIndices()
    {
        var claimed = QuadraticGradient(Point);
        claimed[6] += 1;
        var skipping = GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { Entries = [0, 2, 9] });
        Assert.That(skipping.Passed, Is.True, skipping.Message);
        Assert.That(skipping.Entries.Select(e => e.Index), Is.EqualTo(new[] { 0, 2, 9 }));
        Assert.That(skipping.FunctionEvaluations, Is.EqualTo(1 + (2 * 3)));

        var including = GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { Entries = [9, 6] });
        Assert.That(including.Passed, Is.False);
        Assert.That(including.Worst.Index, Is.EqualTo(6));

        Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { Entries = [10] }));
        var twice = Assert.Throws<ArgumentException>(() => GradientChecker.Check(Quadratic, Point, claimed, new GradientCheckOptions { Entries = [1, 1] }));
        Assert.That(twice!.Message, Does.Contain("twice"));
    }

    [Test]
    public void Check_DefaultCentral_EscalatesOnlyWhatItMust()
    {
        var report = GradientChecker.Check(Quadratic, Point, QuadraticGradient(Point));
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.Escalations, Is.Zero);
        Assert.That(report.FunctionEvaluations, Is.EqualTo(1 + (2 * Point.Length)));
    }
}
