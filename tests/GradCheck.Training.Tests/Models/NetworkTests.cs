using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Models;

[TestFixture]
public sealed class NetworkTests
{
    [Test]
    public void Penalty_SquaredNormConvention_IsLambdaTimesSumOfSquaredWeightsWithoutBiases()
    {
        var spec = new NetworkSpec(2, [new LayerSpec(2, Activation.Identity)], LossKind.SoftmaxCrossEntropy, new WeightDecay(0.5, WeightDecayConvention.SquaredNorm));
        var network = new Network<double>(spec);
        double[] parameters = [1, 2, 3, 4, /* biases */ 10, 20];
        parameters.CopyTo(network.Parameters);
        Assert.That(network.Penalty(), Is.EqualTo(0.5 * 30).Within(1e-12));
    }

    [Test]
    public void Penalty_HalfConventionWithBiases_IsHalfLambdaTimesEverySquare()
    {
        var spec = new NetworkSpec(2, [new LayerSpec(2, Activation.Identity)], LossKind.SoftmaxCrossEntropy, new WeightDecay(0.5, WeightDecayConvention.HalfSquaredNorm, IncludeBiases: true));
        var network = new Network<double>(spec);
        double[] parameters = [1, 2, 3, 4, 10, 20];
        parameters.CopyTo(network.Parameters);
        Assert.That(network.Penalty(), Is.EqualTo(0.25 * 530).Within(1e-12));
    }

    [Test]
    public void Loss_BceFromHugeLogits_StaysFiniteAndExact()
    {
        var spec = NetworkSpec.BinaryLogisticRegression(1);
        var network = new Network<float>(spec);
        network.Parameters[0] = 1;
        double[] inputs = [1000, -1000];
        var loss = network.Loss([1000f, -1000f], [0f, 1f], 2);

        // each sample is wrong by a logit of 1000: C = 1000 each, no overflow to ∞
        Assert.That(loss, Is.EqualTo(1000f).Within(1e-3));
        Assert.That(inputs, Has.Length.EqualTo(2));
    }

    [Test]
    public void LossAndGradient_SoftmaxWithHugeLogits_IsFiniteAndEqualsSoftmaxMinusTarget()
    {
        var spec = NetworkSpec.MultinomialLogisticRegression(1, 3);
        var network = new Network<float>(spec);
        float[] weights = [1000, 0, -1000];
        weights.CopyTo(network.Parameters);
        var gradient = new float[spec.ParameterCount];
        var loss = network.LossAndGradient([1f], [0f, 1f, 0f], 1, gradient);
        Assert.That(loss, Is.EqualTo(1000f).Within(1e-3));
        Assert.That(gradient[..3], Is.EqualTo(new[] { 1f, -1f, 0f }).Within(1e-6));
    }

    [Test]
    public void LossAndGradient_PerceptronMistake_IsRosenblattsUpdate()
    {
        var spec = NetworkSpec.Perceptron(2, 3);
        var network = new Network<double>(spec);
        double[] weights = [0, 0, 1, 1, 0, 0];
        weights.CopyTo(network.Parameters);
        var gradient = new double[spec.ParameterCount];
        double[] x = [0.5, 2];
        network.LossAndGradient(x, [0.0, 0, 1], 1, gradient);

        // predicted class 1, true class 2: w_1 -= x, w_2 += x after a step of η = 1
        Assert.That(gradient, Is.EqualTo(new[] { 0, 0, 0.5, 2, -0.5, -2, 0, 1, -1 }));
    }

    [Test]
    public void LossAndGradient_BatchGradient_IsTheMeanOfPerSampleGradients()
    {
        var spec = NetworkSpec.Mlp(3, [4], 2, Activation.Tanh);
        var network = Network.Create<double>(spec, Initialization.XavierNormal, seed: 5);
        double[] x = [0.1, -0.4, 0.9, 0.7, 0.2, -0.3];
        double[] y = [1, 0, 0, 1];
        var batch = new double[spec.ParameterCount];
        var first = new double[spec.ParameterCount];
        var second = new double[spec.ParameterCount];
        var batchLoss = network.LossAndGradient(x, y, 2, batch);
        var loss1 = network.LossAndGradient(x.AsSpan(0, 3), y.AsSpan(0, 2), 1, first);
        var loss2 = network.LossAndGradient(x.AsSpan(3, 3), y.AsSpan(2, 2), 1, second);
        Assert.That(batchLoss, Is.EqualTo((loss1 + loss2) / 2).Within(1e-14));
        Assert.That(batch, Is.EqualTo(first.Zip(second, (a, b) => (a + b) / 2)).Within(1e-14));
    }

    [Test]
    public void Create_TorchDefault_DrawsWeightsAndBiasesUniformOnPlusMinusOneOverRootFanIn()
    {
        var spec = NetworkSpec.Mlp(400, [300], 10, Activation.Sigmoid);
        var network = Network.Create<double>(spec, Initialization.TorchDefault, 7);
        for (var l = 0; l < 2; l++)
        {
            var r = 1 / Math.Sqrt(network.FanIn(l));
            var weights = network.LayerWeights(l).ToArray();
            var biases = network.LayerBiases(l).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(weights.Concat(biases), Is.All.InRange(-r, r), $"layer {l}");
                Assert.That(biases.Count(b => b != 0), Is.EqualTo(biases.Length), $"layer {l}: biases are drawn too");
                // U(−r, r) has variance r²/3.
                Assert.That(weights.Select(w => w * w).Average(), Is.EqualTo(r * r / 3).Within(0.05 * r * r / 3), $"layer {l}");
            });
        }
    }

    [Test]
    public void Create_SameSeed_GivesIdenticalWeights_AndHeNormalHasTheRightScale()
    {
        var spec = NetworkSpec.Mlp(400, [300], 10, Activation.Relu);
        var a = Network.Create<double>(spec, Initialization.HeNormal, 42);
        var b = Network.Create<double>(spec, Initialization.HeNormal, 42);
        Assert.That(a.Parameters.ToArray(), Is.EqualTo(b.Parameters.ToArray()));
        var first = a.LayerWeights(0).ToArray();
        var variance = first.Select(w => w * w).Average();
        Assert.That(variance, Is.EqualTo(2.0 / 400).Within(0.05 * 2 / 400));
        Assert.That(a.LayerBiases(0).ToArray(), Is.All.EqualTo(0));
    }

    [Test]
    public void Create_XavierUniform_StaysInsideItsBound()
    {
        var spec = NetworkSpec.Mlp(50, [30], 10, Activation.Sigmoid);
        var network = Network.Create<float>(spec, Initialization.XavierUniform, 1);
        var bound = (float)Math.Sqrt(6.0 / 80);
        Assert.That(network.LayerWeights(0).ToArray(), Is.All.InRange(-bound, bound));
        Assert.That(network.LayerWeights(0).ToArray().Max(), Is.GreaterThan(0.9f * bound));
    }

    [TestCase(0, "input size")]
    [TestCase(-1, "width")]
    public void Constructor_BadSizes_SayWhich(int which, string reason)
    {
        var spec = which == 0
            ? new NetworkSpec(0, [new LayerSpec(2, Activation.Identity)], LossKind.SoftmaxCrossEntropy, WeightDecay.None)
            : new NetworkSpec(3, [new LayerSpec(0, Activation.Relu), new LayerSpec(2, Activation.Identity)], LossKind.SoftmaxCrossEntropy, WeightDecay.None);
        Assert.That(() => new Network<double>(spec), Throws.ArgumentException.With.Message.Contains(reason));
    }

    [Test]
    public void Constructor_MoreParametersThanAnArrayHolds_SaysSo() =>
        Assert.That(
            () => new Network<float>(NetworkSpec.Mlp(784, [3_000_000], 10, Activation.Relu)),
            Throws.ArgumentException.With.Message.Contains("parameters").And.Message.Contains("784-3000000"));

    [Test]
    public void Constructor_SoftmaxOnSigmoidOutputs_IsRejected() =>
        Assert.That(
            () => new Network<double>(new NetworkSpec(3, [new LayerSpec(2, Activation.Sigmoid)], LossKind.SoftmaxCrossEntropy, WeightDecay.None)),
            Throws.ArgumentException.With.Message.Contains("must be identity"));

    [Test]
    public void Constructor_NegativeDecay_IsRejected() =>
        Assert.That(() => new Network<double>(NetworkSpec.MultinomialLogisticRegression(2, 2, new WeightDecay(-1))), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Loss_ShortInput_SaysTheShape()
    {
        var network = new Network<double>(NetworkSpec.MultinomialLogisticRegression(3, 2));
        Assert.That(() => network.Loss(new double[5], new double[4], 2), Throws.ArgumentException.With.Message.Contains("batch × 3 = 6"));
    }

    [TestCase("relu", ActivationKind.Relu, 0)]
    [TestCase("scaled-relu", ActivationKind.ScaledRelu, 3)]
    [TestCase("leaky-relu:0.2", ActivationKind.LeakyRelu, 0.2)]
    [TestCase("Sigmoid", ActivationKind.Sigmoid, 0)]
    public void ActivationParse_KnownNames_RoundTrip(string text, ActivationKind kind, double parameter)
    {
        var activation = Activation.Parse(text);
        Assert.That(activation, Is.EqualTo(new Activation(kind, parameter)));
        Assert.That(Activation.Parse(activation.ToString()), Is.EqualTo(activation));
    }

    [TestCase("softsign")]
    [TestCase("leaky-relu:x")]
    public void ActivationParse_Unknown_IsAFormatError(string text) =>
        Assert.That(() => Activation.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains(text));
}
