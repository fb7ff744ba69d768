using GradCheck.Numerics.Tests.Experiments;

namespace GradCheck.Numerics.Tests;

/// <summary>
/// Reproduces the tables of docs/numerics.md with fewer trials (set GRADCHECK_TRIALS=10000 and
/// GRADCHECK_POINTS=2500 for the full run; the tables print to the test output).
/// </summary>
[TestFixture]
public sealed class TableTests
{
    [Test]
    public void AccuracyTable_RichardsonOnSmoothFunctions_Within1e10AndEstimateBoundsErrorIn99Percent()
    {
        var rows = AccuracyExperiment.Run(Trials.FromEnvironment("GRADCHECK_TRIALS", 2000), seed: 20261122);
        TestContext.Out.WriteLine(AccuracyExperiment.ToMarkdown(rows));
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                Assert.That(row.MaxRelativeError, Is.LessThanOrEqualTo(1e-10), row.Function);
                Assert.That(row.Coverage, Is.GreaterThanOrEqualTo(0.99), row.Function);
            }
        });
    }

    [Test]
    public void MutationTable_InjectedBugs_AllDetectedWithoutFalseAlarms()
    {
        var rows = MutationExperiment.Run(Trials.FromEnvironment("GRADCHECK_POINTS", 250), seed: 7);
        TestContext.Out.WriteLine(MutationExperiment.ToMarkdown(rows));
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                Assert.That(row.FalseAlarms, Is.Zero, row.Model);
                foreach (var (bug, detected) in row.Detected)
                {
                    Assert.That(detected, Is.EqualTo(row.Points), $"{row.Model}: {bug}");
                }
            }
        });
    }

    [Test]
    public void MutationTable_WithRichardsonEverywhere_AllDetectedWithoutFalseAlarms()
    {
        var options = new GradientCheckOptions { Method = DifferenceMethod.Richardson };
        var rows = MutationExperiment.Run(Trials.FromEnvironment("GRADCHECK_POINTS", 100), seed: 11, options);
        TestContext.Out.WriteLine(MutationExperiment.ToMarkdown(rows));
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                Assert.That(row.FalseAlarms, Is.Zero, row.Model);
                Assert.That(row.Detected.Values, Is.All.EqualTo(row.Points), row.Model);
            }
        });
    }
}
