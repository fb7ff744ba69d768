using System.Xml.Linq;
using FsCheck;
using GradCheck.Training.Metrics;

namespace GradCheck.Training.Tests.Metrics;

[TestFixture]
public sealed class MetricsTests
{
    private static readonly EpochMetrics[] History =
    [
        new(1, new SplitMetrics(0.5, 0.8), SplitMetrics.Absent, new SplitMetrics(0.6, 0.75), 0.01, 1.5),
        new(2, new SplitMetrics(0.25, 0.9), SplitMetrics.Absent, new SplitMetrics(0.4, 0.85), 0.02, 1.25),
    ];

    [Test]
    public void Format_History_WritesHeaderAndInvariantRowsWithEmptyAbsentCells()
    {
        var lines = MetricsCsv.Format(History).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            MetricsCsv.Header,
            "1,0.5,0.8,,,0.6,0.75,0.01,1.5",
            "2,0.25,0.9,,,0.4,0.85,0.02,1.25",
        }));
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public bool Parse_WhatFormatWrote_GivesTheSameHistory(NormalFloat[] values)
    {
        var history = values.Chunk(8).Where(c => c.Length == 8).Select((c, i) => new EpochMetrics(
            i + 1, new SplitMetrics(c[0].Get, c[1].Get), i % 2 == 0 ? SplitMetrics.Absent : new SplitMetrics(c[2].Get, c[3].Get),
            new SplitMetrics(c[4].Get, c[5].Get), c[6].Get, c[7].Get)).ToList();
        var parsed = MetricsCsv.Parse(MetricsCsv.Format(history), "test.csv");
        return parsed.SequenceEqual(history, EqualityComparer<EpochMetrics>.Create(
            (a, b) => a!.Epoch == b!.Epoch && Same(a.Train, b.Train) && Same(a.Validation, b.Validation) && Same(a.Test, b.Test)
                && a.Penalty.Equals(b.Penalty) && a.TrainingSeconds.Equals(b.TrainingSeconds)));
    }

    [TestCase("epoch,loss\n1,2", "test.csv:1")]
    [TestCase(MetricsCsv.Header + "\n1,0.5,x,,,,,,", "test.csv:2: 'x'")]
    [TestCase(MetricsCsv.Header + "\n1,0.5", "test.csv:2: expected")]
    public void Parse_Malformed_SaysWhichLine(string text, string reason) =>
        Assert.That(() => MetricsCsv.Parse(text, "test.csv"), Throws.TypeOf<FormatException>().With.Message.Contains(reason));

    [Test]
    public void ToSvg_History_IsWellFormedSvgWithOneLinePerPresentSplitAndPanel()
    {
        var document = XDocument.Parse(TrainingCurves.ToSvg("run <1>", History));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.That(document.Root!.Name, Is.EqualTo(svg + "svg"));
        Assert.That(document.Descendants(svg + "polyline").Count(), Is.EqualTo(4));
        Assert.That(document.Descendants(svg + "text").Select(t => t.Value), Does.Contain("run <1>").And.Contain("test").And.Not.Contain("validation"));
    }

    [Test]
    public void Compare_TwoRuns_DrawsLossAndBothAccuracies()
    {
        var document = XDocument.Parse(TrainingCurves.Compare("compare", [("a", History), ("b", History)]));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.That(document.Descendants(svg + "polyline").Count(), Is.EqualTo(6));
    }

    private static bool Same(SplitMetrics a, SplitMetrics b) => a.Loss.Equals(b.Loss) && a.Accuracy.Equals(b.Accuracy);

    [TestCase(0.0, 1.0)]
    [TestCase(0.83, 0.87)]
    [TestCase(1, 20)]
    [TestCase(5, 5)]
    public void NiceTicks_AnyRange_CoverItWithRoundSteps(double min, double max)
    {
        var ticks = LineChart.NiceTicks(min, max);
        Assert.That(ticks[0], Is.LessThanOrEqualTo(min));
        Assert.That(ticks[^1], Is.GreaterThanOrEqualTo(max));
        Assert.That(ticks, Has.Length.InRange(3, 12));
    }
}
