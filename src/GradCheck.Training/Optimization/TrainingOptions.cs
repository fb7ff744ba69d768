using System.Globalization;

namespace GradCheck.Training.Optimization;

/// <summary>Mini-batch SGD settings.</summary>
/// <param name="LearningRate">η &gt; 0.</param>
/// <param name="BatchSize">Samples per step, ≥ 1; the gradient is the mean over the batch (the last batch may be smaller).</param>
/// <param name="Epochs">Maximum passes over the training set, ≥ 1.</param>
/// <param name="Seed">Seeds the per-epoch shuffling; the same seed and data give bit-identical weights.</param>
/// <param name="Patience">Stop after this many epochs without a lower validation loss and restore the best
/// weights; null trains every epoch. Needs a validation set.</param>
/// <param name="Shuffle">Whether to reshuffle the training set every epoch.</param>
/// <param name="EvaluationBatchSize">Rows per forward pass when measuring loss and accuracy.</param>
public sealed record TrainingOptions(
    double LearningRate, int BatchSize, int Epochs, int Seed = 0, int? Patience = null, bool Shuffle = true, int EvaluationBatchSize = 500)
{
    /// <summary>Throws on a setting out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message names the setting and its allowed range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be finite and > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(EvaluationBatchSize, 1);
        if (Patience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "patience must be ≥ 1 epoch (or absent).");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"lr {LearningRate}, batch {BatchSize}, {Epochs} epochs, seed {Seed}{(Patience is { } p ? $", patience {p}" : "")}");
}
