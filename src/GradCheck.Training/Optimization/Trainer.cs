using System.Diagnostics;
using System.Numerics;
using GradCheck.Training.Data;
using GradCheck.Training.Engine;
using GradCheck.Training.Metrics;
using GradCheck.Training.Models;

namespace GradCheck.Training.Optimization;

/// <summary>Where training is, reported a few hundred times per epoch for progress displays.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">The epoch budget.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningLoss">Mean data loss of this epoch's batches so far.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss);

/// <summary>The outcome of <see cref="Trainer.Fit{T}"/>.</summary>
/// <param name="History">One entry per epoch run.</param>
/// <param name="BestEpoch">The epoch whose weights the network holds at the end (the last, or the best
/// validation loss under early stopping).</param>
/// <param name="StoppedEarly">Whether patience ran out before the epoch budget.</param>
/// <param name="Diverged">Whether the training loss became NaN or infinite (training stops there).</param>
/// <param name="SamplesPerSecond">Training samples processed per second of SGD steps (evaluation excluded).</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, int BestEpoch, bool StoppedEarly, bool Diverged, double SamplesPerSecond)
{
    /// <summary>The metrics of <see cref="BestEpoch"/>: what the returned network scores.</summary>
    public EpochMetrics Final => History[BestEpoch - 1];
}

/// <summary>Mini-batch stochastic gradient descent with seeded shuffling and early stopping.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place: each epoch shuffles the training set (seeded), takes SGD
    /// steps w ← w − η(∇J_batch + c·w) on batches (c the decay's gradient coefficient, biases excluded unless
    /// the decay includes them), then measures loss and accuracy on every split given. Deterministic: the
    /// same network, data and options give bit-identical weights on the same machine.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="network">The network, already initialised.</param>
    /// <param name="train">Training samples.</param>
    /// <param name="validation">Validation samples (needed for early stopping), or null.</param>
    /// <param name="test">Test samples, or null.</param>
    /// <param name="options">SGD settings.</param>
    /// <param name="progress">Called during each epoch with the running loss; may be null.</param>
    /// <param name="epochCompleted">Called after each epoch with its metrics; may be null.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">Feature counts or class counts do not fit the network, or patience without a validation set.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static TrainingResult Fit<T>(
        Network<T> network, Dataset train, Dataset? validation, Dataset? test, TrainingOptions options,
        Action<TrainingProgress>? progress = null, Action<EpochMetrics>? epochCompleted = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var set in new[] { train, validation, test })
        {
            CheckFits(network.Spec, set);
        }

        if (options.Patience is not null && validation is null)
        {
            throw new ArgumentException("early stopping (patience) needs a validation set.", nameof(validation));
        }

        var random = new Random(options.Seed);
        var history = new List<EpochMetrics>();
        var bestLoss = double.PositiveInfinity;
        var bestEpoch = 0;
        T[]? bestParameters = null;
        var stoppedEarly = false;
        var diverged = false;
        long samples = 0;
        var trainingTicks = 0L;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var started = Stopwatch.GetTimestamp();
            TrainEpoch(network, train, options, random, epoch, progress, cancellationToken);
            var elapsed = Stopwatch.GetTimestamp() - started;
            trainingTicks += elapsed;
            samples += train.Count;

            var metrics = new EpochMetrics(
                epoch,
                Evaluate(network, train, options.EvaluationBatchSize),
                validation is null ? SplitMetrics.Absent : Evaluate(network, validation, options.EvaluationBatchSize),
                test is null ? SplitMetrics.Absent : Evaluate(network, test, options.EvaluationBatchSize),
                double.CreateTruncating(network.Penalty()),
                (double)elapsed / Stopwatch.Frequency);
            history.Add(metrics);
            epochCompleted?.Invoke(metrics);

            if (!double.IsFinite(metrics.Train.Loss))
            {
                diverged = true;
                bestEpoch = epoch;
                break;
            }

            if (options.Patience is { } patience)
            {
                if (metrics.Validation.Loss < bestLoss)
                {
                    bestLoss = metrics.Validation.Loss;
                    bestEpoch = epoch;
                    bestParameters = network.Parameters.ToArray();
                }
                else if (epoch - bestEpoch >= patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
            else
            {
                bestEpoch = epoch;
            }
        }

        if (bestParameters is not null && !diverged)
        {
            bestParameters.CopyTo(network.Parameters);
        }

        var seconds = (double)trainingTicks / Stopwatch.Frequency;
        return new TrainingResult(history, bestEpoch, stoppedEarly, diverged, seconds > 0 ? samples / seconds : double.NaN);
    }

    /// <summary>
    /// One pass of mini-batch SGD over <paramref name="train"/>: shuffle with <paramref name="random"/> (if the
    /// options say so), then for each batch w ← w − η(∇J_batch + c·w) with c the decay's gradient coefficient
    /// (biases only if the decay includes them). Returns the mean data loss of the batches as they were trained.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="network">The network, updated in place.</param>
    /// <param name="train">Training samples.</param>
    /// <param name="options">Learning rate, batch size, shuffling.</param>
    /// <param name="random">The shuffling stream (one per run keeps runs reproducible).</param>
    /// <param name="epoch">The epoch number reported to <paramref name="progress"/>.</param>
    /// <param name="progress">Called a few hundred times per epoch; may be null.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public static double TrainEpoch<T>(
        Network<T> network, Dataset train, TrainingOptions options, Random random, int epoch = 1, Action<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        CheckFits(network.Spec, train);
        var spec = network.Spec;
        var outputs = spec.OutputSize;
        var batchSize = Math.Min(options.BatchSize, train.Count);
        var x = new T[batchSize * spec.InputSize];
        var y = new T[batchSize * outputs];
        var order = Enumerable.Range(0, train.Count).ToArray();
        if (options.Shuffle)
        {
            // a fresh identity permutation shuffled by the run's stream: epoch e's order depends only on the seed and e
            random.Shuffle(order);
        }

        var learningRate = T.CreateChecked(options.LearningRate);
        var weightDecay = T.CreateChecked(spec.Decay.GradientCoefficient);
        var biasDecay = spec.Decay.IncludeBiases ? weightDecay : T.Zero;
        var batches = (train.Count + batchSize - 1) / batchSize;
        var reportEvery = Math.Max(1, batches / 200);
        var runningLoss = 0.0;
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = b * batchSize;
            var count = Math.Min(batchSize, train.Count - start);
            train.Gather<T>(order.AsSpan(start, count), x, y, outputs);
            // one SGD step, w ← w − η(∂J/∂w + c·w), fused into backprop (biases decay only if the penalty covers them)
            var loss = network.TrainStep(x, y, count, learningRate, weightDecay, biasDecay);
            runningLoss += double.CreateTruncating(loss) * count;

            if (progress is not null && ((b + 1) % reportEvery == 0 || b + 1 == batches))
            {
                progress(new TrainingProgress(epoch, Math.Max(epoch, options.Epochs), b + 1, batches, runningLoss / (start + count)));
            }
        }

        return runningLoss / train.Count;
    }

    /// <summary>Mean data loss (no penalty) and accuracy of <paramref name="network"/> on <paramref name="data"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="data">The samples.</param>
    /// <param name="batchSize">Rows per forward pass.</param>
    /// <exception cref="ArgumentException">The data does not fit the network.</exception>
    public static SplitMetrics Evaluate<T>(Network<T> network, Dataset data, int batchSize = 500)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckFits(network.Spec, data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            return SplitMetrics.Absent;
        }

        var spec = network.Spec;
        var outputs = spec.OutputSize;
        batchSize = Math.Min(batchSize, data.Count);
        var x = new T[batchSize * spec.InputSize];
        var y = new T[batchSize * outputs];
        var predictions = new T[batchSize * outputs];
        var indices = new int[batchSize];
        var total = 0.0;
        var correct = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, data.Count - start);
            for (var i = 0; i < count; i++)
            {
                indices[i] = start + i;
            }

            data.Gather<T>(indices.AsSpan(0, count), x, y, outputs);
            total += double.CreateTruncating(network.EvaluateBatch(x, y, count, predictions));
            for (var i = 0; i < count; i++)
            {
                if (PredictedClass(spec, predictions.AsSpan(i * outputs, outputs)) == data.Labels[start + i])
                {
                    correct++;
                }
            }
        }

        return new SplitMetrics(total / data.Count, (double)correct / data.Count);
    }

    /// <summary>
    /// The class a row of outputs predicts: the argmax, or for a single output unit 1 when the logit is
    /// positive (BCE from logits) or the activation exceeds ½ (MSE).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="spec">The network's spec.</param>
    /// <param name="outputs">One row of outputs.</param>
    public static int PredictedClass<T>(NetworkSpec spec, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (outputs.Length == 1)
        {
            var threshold = spec.Loss == LossKind.MeanSquaredError ? T.CreateChecked(0.5) : T.Zero;
            return outputs[0] > threshold ? 1 : 0;
        }

        return LossMath.ArgMax(outputs);
    }

    private static void CheckFits(NetworkSpec spec, Dataset? data)
    {
        if (data is null)
        {
            return;
        }

        if (data.FeatureCount != spec.InputSize)
        {
            throw new ArgumentException($"data set '{data.Name}' has {data.FeatureCount} features per sample; the network expects {spec.InputSize}.", nameof(data));
        }

        if (spec.OutputSize != data.ClassCount && !(spec.OutputSize == 1 && data.ClassCount == 2))
        {
            throw new ArgumentException(
                $"data set '{data.Name}' has {data.ClassCount} classes; the network has {spec.OutputSize} outputs.", nameof(data));
        }
    }
}
