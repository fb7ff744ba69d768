using System.Globalization;
using System.Text;

namespace GradCheck.Training.Metrics;

/// <summary>Per-epoch metrics as CSV (invariant culture, one header row; an absent split leaves its cells empty).</summary>
public static class MetricsCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy,penalty,training_seconds";

    /// <summary>Formats the history as CSV text, rows in epoch order, "\n" line ends.</summary>
    /// <param name="history">The epochs.</param>
    public static string Format(IEnumerable<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var m in history)
        {
            text.Append(m.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (var value in new[] { m.Train.Loss, m.Train.Accuracy, m.Validation.Loss, m.Validation.Accuracy, m.Test.Loss, m.Test.Accuracy, m.Penalty, m.TrainingSeconds })
            {
                text.Append(',');
                if (!double.IsNaN(value))
                {
                    text.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads back what <see cref="Format"/> wrote (empty cells are absent splits, i.e. NaN).</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="FormatException">The header is not <see cref="Header"/> or a row is malformed; the message gives the line.</exception>
    public static IReadOnlyList<EpochMetrics> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || lines[0] != Header)
        {
            throw new FormatException($"{source}:1: expected the metrics header '{Header}'.");
        }

        var history = new List<EpochMetrics>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != 9 || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                throw new FormatException($"{source}:{i + 1}: expected an epoch number and 8 values, got '{lines[i]}'.");
            }

            var values = new double[8];
            for (var c = 0; c < 8; c++)
            {
                var cell = cells[c + 1];
                if (cell.Length == 0)
                {
                    values[c] = double.NaN;
                }
                else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                {
                    throw new FormatException($"{source}:{i + 1}: '{cell}' is not a number.");
                }
            }

            history.Add(new EpochMetrics(
                epoch, new SplitMetrics(values[0], values[1]), new SplitMetrics(values[2], values[3]), new SplitMetrics(values[4], values[5]), values[6], values[7]));
        }

        return history;
    }

    /// <summary>Writes <see cref="Format"/> to <paramref name="path"/> (UTF-8, no BOM).</summary>
    /// <param name="path">The destination.</param>
    /// <param name="history">The epochs.</param>
    public static void Write(string path, IEnumerable<EpochMetrics> history) =>
        File.WriteAllText(path, Format(history), new UTF8Encoding(false));
}
