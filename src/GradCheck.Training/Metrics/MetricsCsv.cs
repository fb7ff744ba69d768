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

    /// <summary>Writes <see cref="Format"/> to <paramref name="path"/> (UTF-8, no BOM).</summary>
    /// <param name="path">The destination.</param>
    /// <param name="history">The epochs.</param>
    public static void Write(string path, IEnumerable<EpochMetrics> history) =>
        File.WriteAllText(path, Format(history), new UTF8Encoding(false));
}
