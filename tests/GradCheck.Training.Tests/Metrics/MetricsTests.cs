using System.Xml.Linq;
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
