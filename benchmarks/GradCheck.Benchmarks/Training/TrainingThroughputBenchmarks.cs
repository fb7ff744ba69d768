using BenchmarkDotNet.Attributes;
using GradCheck.Training.Data;
using GradCheck.Training.Models;
using GradCheck.Training.Optimization;

namespace GradCheck.Benchmarks.Training;

/// <summary>
/// Training throughput of seed 000's network: a 784-200-10 sigmoid MLP with softmax cross-entropy and weight
/// decay, one epoch of mini-batch SGD over 8,000 samples held in memory (the MNIST split's size; the values are
/// seeded pseudo-random pixels, which cost the same arithmetic as real ones). Reported per sample
/// (OperationsPerInvoke = 8,000): samples/s = 1 / (time per sample). Min is reported beside Mean because on a
/// shared machine the mean measures the neighbours as much as the engine.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MaxColumn]
public class TrainingThroughputBenchmarks
{
    private const int Samples = 8000;
    private Dataset _data = null!;
    private Network<float> _single = null!;
    private Network<double> _double = null!;
    private TrainingOptions _options = null!;
    private Random _random = null!;

    /// <summary>Mini-batch size: seed 000's 20, and 128.</summary>
    [Params(20, 128)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var features = new float[Samples * 784];
        for (var i = 0; i < features.Length; i++)
        {
            // MNIST-like: most pixels dark, the rest in (0, 1]
            features[i] = random.NextDouble() < 0.8 ? 0f : (float)random.NextDouble();
        }

        var labels = Enumerable.Range(0, Samples).Select(i => i % 10).ToArray();
        _data = new Dataset("synthetic 784-pixel digits", features, labels, 784, 10);
        var spec = NetworkSpec.Mlp(784, [200], 10, Activation.Sigmoid, decay: new WeightDecay(1e-4));
        _single = Network.Create<float>(spec, Initialization.XavierUniform, 0);
        _double = Network.Create<double>(spec, Initialization.XavierUniform, 0);
        _options = new TrainingOptions(0.25, BatchSize, 1);
        _random = new Random(2);
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public double EpochFloat32() => Trainer.TrainEpoch(_single, _data, _options, _random);

    [Benchmark(OperationsPerInvoke = Samples)]
    public double EpochFloat64() => Trainer.TrainEpoch(_double, _data, _options, _random);
}
