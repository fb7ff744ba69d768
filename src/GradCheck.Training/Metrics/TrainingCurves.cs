namespace GradCheck.Training.Metrics;

/// <summary>Learning curves of training runs as SVG.</summary>
public static class TrainingCurves
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <summary>Loss and accuracy per epoch of one run, train / validation / test (absent splits are left out).</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="history">The run's epochs.</param>
    public static string ToSvg(string title, IReadOnlyList<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var splits = new (string Name, string Color, Func<EpochMetrics, SplitMetrics> Get)[]
        {
            ("train", Palette[0], m => m.Train),
            ("validation", Palette[3], m => m.Validation),
            ("test", Palette[2], m => m.Test),
        };
        var present = splits.Where(s => history.Any(m => !double.IsNaN(s.Get(m).Loss))).ToList();
        return LineChart.ToSvg(title, [
            new ChartPanel("loss (mean data loss)", "epoch", "loss",
                present.Select(s => new ChartSeries(s.Name, s.Color, history.Select(m => ((double)m.Epoch, s.Get(m).Loss)).ToList())).ToList()),
            new ChartPanel("accuracy", "epoch", "accuracy",
                present.Select(s => new ChartSeries(s.Name, s.Color, history.Select(m => ((double)m.Epoch, s.Get(m).Accuracy)).ToList())).ToList()),
        ]);
    }

    /// <summary>Several runs side by side: training loss (solid) and test accuracy per epoch, one colour per run.</summary>
    /// <param name="title">The figure's title.</param>
    /// <param name="runs">(label, history) per run.</param>
    public static string Compare(string title, IReadOnlyList<(string Label, IReadOnlyList<EpochMetrics> History)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var loss = new List<ChartSeries>();
        var accuracy = new List<ChartSeries>();
        for (var r = 0; r < runs.Count; r++)
        {
            var color = Palette[r % Palette.Length];
            var (label, history) = runs[r];
            loss.Add(new ChartSeries($"{label} train", color, history.Select(m => ((double)m.Epoch, m.Train.Loss)).ToList()));
            accuracy.Add(new ChartSeries($"{label} train", color, history.Select(m => ((double)m.Epoch, m.Train.Accuracy)).ToList(), Dashed: true));
            accuracy.Add(new ChartSeries($"{label} test", color, history.Select(m => ((double)m.Epoch, m.Test.Accuracy)).ToList()));
        }

        return LineChart.ToSvg(title, [
            new ChartPanel("training loss (mean data loss)", "epoch", "loss", loss),
            new ChartPanel("accuracy (dashed: train)", "epoch", "accuracy", accuracy),
        ]);
    }
}
