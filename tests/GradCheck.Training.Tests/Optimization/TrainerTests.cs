using System.Numerics;
using GradCheck.Training.Data;
using GradCheck.Training.Models;
using GradCheck.Training.Optimization;

namespace GradCheck.Training.Tests.Optimization;

[TestFixture]
public sealed class TrainerTests
{
    /// <summary>Three Gaussian blobs in 4-D: linearly separable up to a little overlap.</summary>
    internal static Dataset Blobs(int count, int seed, string name = "blobs")
    {
        var random = new Random(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 3;
            labels[i] = label;
            for (var f = 0; f < 4; f++)
            {
                var center = f == label ? 0.8 : 0.2;
                features[(i * 4) + f] = (float)(center + (0.12 * (random.NextDouble() - 0.5)));
            }
        }

        return new Dataset(name, features, labels, 4, 3);
    }

    [Test]
    public void Fit_SameSeedTwice_GivesBitIdenticalWeights_Float32AndFloat64()
    {
        AssertReproducible<float>();
        AssertReproducible<double>();
    }

    [Test]
    public void Fit_SeedZeroNetworkLargeEnoughForParallelGemm_IsStillBitIdentical()
    {
        // 20 × 784 × 200 multiply-adds per product: above Gemm's threshold for a second thread
        var random = new Random(3);
        var features = Enumerable.Range(0, 100 * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var data = new Dataset("pixels", features, Enumerable.Range(0, 100).Select(i => i % 10).ToArray(), 784, 10);
        var spec = NetworkSpec.Mlp(784, [200], 10, Activation.Sigmoid, decay: new WeightDecay(1e-4));
        float[] Run()
        {
            var network = Network.Create<float>(spec, Initialization.XavierUniform, 11);
            Trainer.Fit(network, data, null, null, new TrainingOptions(0.25, 20, 2, Seed: 5));
            return network.Parameters.ToArray();
        }

        var first = Run();
        var second = Run();
        Assert.That(first, Is.EqualTo(second));
    }

    [Test]
    public void Fit_DifferentSeeds_GiveDifferentWeights()
    {
        var spec = NetworkSpec.Mlp(4, [5], 3, Activation.Tanh);
        var a = Train<double>(spec, seed: 1);
        var b = Train<double>(spec, seed: 2);
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [TestCase(LossKind.SoftmaxCrossEntropy)]
    [TestCase(LossKind.MeanSquaredError)]
    [TestCase(LossKind.BinaryCrossEntropyWithLogits)]
    public void Fit_SeparableBlobs_ReachesHighTestAccuracy(LossKind loss)
    {
        var spec = NetworkSpec.Mlp(4, [8], 3, Activation.Sigmoid, loss);
        var network = Network.Create<double>(spec, Initialization.XavierUniform, 3);
        var result = Trainer.Fit(network, Blobs(300, 1), null, Blobs(150, 2, "test"), new TrainingOptions(loss == LossKind.MeanSquaredError ? 3 : 1, 10, 60, Seed: 4));
        Assert.That(result.Final.Test.Accuracy, Is.GreaterThan(0.95), result.Final.ToString());
        Assert.That(result.History[^1].Train.Loss, Is.LessThan(result.History[0].Train.Loss));
    }

    [Test]
    public void Fit_Perceptron_SeparatesTheBlobs()
    {
        var spec = NetworkSpec.Perceptron(4, 3);
        var network = Network.Create<float>(spec, Initialization.Zeros, 0);
        var result = Trainer.Fit(network, Blobs(300, 1), null, Blobs(150, 2, "test"), new TrainingOptions(1, 1, 30, Seed: 4));
        Assert.That(result.Final.Test.Accuracy, Is.GreaterThan(0.95));
    }

    [Test]
    public void Fit_BinaryLogisticRegression_OnTwoSelectedClasses_Learns()
    {
        var train = Blobs(300, 1).SelectClasses([0, 2]);
        var spec = NetworkSpec.BinaryLogisticRegression(4, new WeightDecay(1e-3, WeightDecayConvention.SquaredNorm));
        var network = Network.Create<double>(spec, Initialization.XavierUniform, 0);
        var result = Trainer.Fit(network, train, null, Blobs(150, 2).SelectClasses([0, 2]), new TrainingOptions(1, 5, 40));
        Assert.That(result.Final.Test.Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public void Fit_PatienceWithRisingValidationLoss_StopsEarlyAndRestoresTheBestEpoch()
    {
        // labels of the validation set are permuted: as the model learns the true rule its validation loss rises
        var train = Blobs(90, 1);
        var shuffledLabels = Blobs(60, 2).Labels.ToArray().Select(l => (l + 1) % 3).ToArray();
        var validation = new Dataset("wrong", Blobs(60, 2).Features.ToArray(), shuffledLabels, 4, 3);
        var spec = NetworkSpec.MultinomialLogisticRegression(4, 3);
        var network = Network.Create<double>(spec, Initialization.Zeros, 0);
        var result = Trainer.Fit(network, train, validation, null, new TrainingOptions(1, 10, 50, Patience: 3));
        Assert.Multiple(() =>
        {
            Assert.That(result.StoppedEarly, Is.True);
            Assert.That(result.History, Has.Count.EqualTo(result.BestEpoch + 3));
            Assert.That(Trainer.Evaluate(network, validation).Loss, Is.EqualTo(result.Final.Validation.Loss).Within(1e-12));
        });
    }

    [Test]
    public void Fit_HugeLearningRate_ReportsDivergenceInsteadOfLooping()
    {
        var spec = NetworkSpec.Mlp(4, [8], 3, Activation.Identity, LossKind.MeanSquaredError, output: Activation.Identity);
        var network = Network.Create<float>(spec, Initialization.XavierUniform, 0);
        var result = Trainer.Fit(network, Blobs(60, 1), null, null, new TrainingOptions(1e6, 5, 20));
        Assert.That(result.Diverged, Is.True);
        Assert.That(result.History, Has.Count.LessThan(20));
    }

    [Test]
    public void Fit_WrongFeatureCount_SaysBothCounts()
    {
        var network = new Network<double>(NetworkSpec.MultinomialLogisticRegression(5, 3));
        Assert.That(
            () => Trainer.Fit(network, Blobs(30, 1), null, null, new TrainingOptions(0.1, 5, 1)),
            Throws.ArgumentException.With.Message.Contains("4 features").And.Message.Contains("expects 5"));
    }

    [Test]
    public void Fit_PatienceWithoutValidation_IsRejected()
    {
        var network = new Network<double>(NetworkSpec.MultinomialLogisticRegression(4, 3));
        Assert.That(() => Trainer.Fit(network, Blobs(30, 1), null, null, new TrainingOptions(0.1, 5, 1, Patience: 2)), Throws.ArgumentException);
    }

    [Test]
    public void Fit_WeightDecayOnly_ShrinksWeightsButNotBiasesByDefault()
    {
        // λ = 1 with the half convention: one step of η = 0.1 scales every weight by (1 − 0.1) on top of the data gradient
        var spec = new NetworkSpec(4, [new LayerSpec(3, Activation.Identity)], LossKind.SoftmaxCrossEntropy, new WeightDecay(1));
        var withDecay = Network.Create<double>(spec, Initialization.XavierUniform, 0);
        var without = Network.Create<double>(spec with { Decay = WeightDecay.None }, Initialization.XavierUniform, 0);
        withDecay.LayerBiases(0).Fill(1);
        without.LayerBiases(0).Fill(1);
        var before = withDecay.Parameters.ToArray();
        var options = new TrainingOptions(0.1, 30, 1, Shuffle: false);
        Trainer.Fit(withDecay, Blobs(30, 1), null, null, options);
        Trainer.Fit(without, Blobs(30, 1), null, null, options);
        var w = spec.WeightCount;
        for (var i = 0; i < w; i++)
        {
            Assert.That(withDecay.Parameters[i], Is.EqualTo(without.Parameters[i] - (0.1 * before[i])).Within(1e-12));
        }

        Assert.That(withDecay.Parameters[w..].ToArray(), Is.EqualTo(without.Parameters[w..].ToArray()));
    }

    private static void AssertReproducible<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var spec = NetworkSpec.Mlp(4, [6, 5], 3, Activation.Relu, decay: new WeightDecay(1e-3));
        var first = Train<T>(spec, seed: 7);
        var second = Train<T>(spec, seed: 7);
        Assert.That(first, Is.EqualTo(second));
    }

    private static T[] Train<T>(NetworkSpec spec, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = Network.Create<T>(spec, Initialization.HeNormal, seed);
        Trainer.Fit(network, Blobs(100, 1), null, null, new TrainingOptions(0.1, 7, 3, Seed: seed));
        return network.Parameters.ToArray();
    }
}
