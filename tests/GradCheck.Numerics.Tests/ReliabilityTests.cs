namespace GradCheck.Numerics.Tests;

/// <summary>Regressions of issue #14: a gradient check never passes on no evidence.</summary>
public class ReliabilityTests
{
    [Test]
    public void Check_FunctionThatChangesItsArgument_DoesNotPass()
    {
        // The case: v[0] += 1 inside f drifted the point, and a wrong claimed gradient passed.
        Func<double[], double> f = v =>
        {
            v[0] += 1;
            return v[0] * v[1];
        };
        var e = Assert.Throws<InvalidOperationException>(() => GradientChecker.Check(f, [0.3, -1.2], [-1.2, 1]));
        Assert.That(e!.Message, Does.Contain("modified its argument"));
        Assert.That(() => GradCheckAssert.Gradient(f, [0.3, -1.2], [-1.2, 1]), Throws.Exception);
    }

    [Test]
    public void Check_FunctionThatChangesOtherEntries_DoesNotPass()
    {
        Func<double[], double> f = v =>
        {
            v[^1] *= 1.0000001;
            return v.Sum();
        };
        Assert.Throws<InvalidOperationException>(() => GradientChecker.Check(f, [1, 2, 3], [1, 1, 1]));
        Assert.Throws<InvalidOperationException>(() => GradientChecker.CheckFast(f, [1, 2, 3], [1, 1, 1]));
    }

    [Test]
    public void Check_EstimateLessCertainThanTheValue_IsInconclusiveAndFails()
    {
        var random = new Random(7);
        double F(double[] v) => (v[0] * v[1]) + (random.NextDouble() * 1e-4);
        var report = GradientChecker.Check(F, [0.3, -1.2], [1, 0.3]);
        Assert.That(report.Passed, Is.False, report.Message);
        Assert.That(report.Entries.Any(e => e.Status is EntryStatus.Inconclusive or EntryStatus.Failed), Is.True);
    }

    [Test]
    public void Check_ZeroDerivative_IsNotInconclusive()
    {
        var report = GradientChecker.Check(v => (v[0] * v[0]) + v[1], [0, 2], [0, 1]);
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.Entries.All(e => e.Status == EntryStatus.Passed), Is.True, report.Message);
    }

    [Test]
    public void Check_ClaimedHalfAtReluKink_IsReportedAsAKink()
    {
        // The central difference at 0 is exactly 1/2, the mean of the one-sided slopes: it passed with no note.
        var report = GradientChecker.Check(v => Math.Max(v[0], 0) + (v[1] * v[1]), [0, 1.5], [0.5, 3]);
        Assert.That(report.NotDifferentiableHere, Is.True, report.Message);
        Assert.That(report.Entries[0].Status, Is.EqualTo(EntryStatus.NotDifferentiable), report.Message);
        Assert.That(report.Message, Does.Contain("kink"));
    }

    [Test]
    public void CheckFast_Failed_NamesTheFullCheckNotAMissProbability()
    {
        var report = GradientChecker.CheckFast(v => v[0] * v[1], [0.3, -1.2], [5, 5]);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Message, Does.Not.Contain("missed with probability"));
        Assert.That(report.Message, Does.Contain("run the full check (GradientChecker.Check)"));
    }
}
