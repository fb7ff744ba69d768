namespace GradCheck.Training.Metrics;

/// <summary>Loss (mean data loss, no penalty) and accuracy of one split after an epoch; NaN when the split is absent.</summary>
/// <param name="Loss">Mean per-sample data loss.</param>
/// <param name="Accuracy">Fraction classified correctly, in [0, 1].</param>
public readonly record struct SplitMetrics(double Loss, double Accuracy)
{
    /// <summary>A split that was not measured.</summary>
    public static SplitMetrics Absent { get; } = new(double.NaN, double.NaN);
}

/// <summary>What one epoch produced.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Train">Metrics on the training set (a full evaluation pass after the epoch's updates).</param>
/// <param name="Validation">Metrics on the validation set, or <see cref="SplitMetrics.Absent"/>.</param>
/// <param name="Test">Metrics on the test set, or <see cref="SplitMetrics.Absent"/>.</param>
/// <param name="Penalty">The weight-decay penalty at the end of the epoch.</param>
/// <param name="TrainingSeconds">Wall time spent in the epoch's SGD steps (evaluation excluded).</param>
public sealed record EpochMetrics(int Epoch, SplitMetrics Train, SplitMetrics Validation, SplitMetrics Test, double Penalty, double TrainingSeconds);
