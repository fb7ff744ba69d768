using BenchmarkDotNet.Attributes;
using GradCheck.Kernels;
using GradCheck.Numerics;

namespace GradCheck.Benchmarks.Numerics;

/// <summary>
/// The gradient checker on the 243-parameter MLP (8-20-3, batch 20) that torch.autograd.gradcheck
/// checks in about 20 ms (fast mode about 1.2 ms) on this machine: the default check (central
/// differences, Richardson only where they do not settle an entry), Richardson for every entry,
/// and the fast random-projection check.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SmallMlpGradientCheckBenchmarks
{
    private DenseMlp _mlp = null!;
    private double[] _theta = [], _gradient = [];

    [GlobalSetup]
    public void Setup()
    {
        _mlp = new DenseMlp(8, 20, 3, 20, seed: 1);
        _theta = _mlp.Parameters;
        _gradient = _mlp.Gradient(_theta);
        var report = GradientChecker.Check(_mlp.Loss, _theta, _gradient);
        if (!report.Passed || _theta.Length != 243)
        {
            throw new InvalidOperationException("The benchmark's analytic gradient must pass:\n" + report.Message);
        }
    }

    [Benchmark(Baseline = true)]
    public bool Central() => GradientChecker.Check(_mlp.Loss, _theta, _gradient).Passed;

    [Benchmark]
    public bool Richardson() =>
        GradientChecker.Check(_mlp.Loss, _theta, _gradient, new GradientCheckOptions { Method = DifferenceMethod.Richardson }).Passed;

    [Benchmark]
    public bool Fast() => GradientChecker.CheckFast(_mlp.Loss, _theta, _gradient).Passed;
}

/// <summary>
/// The 784-200-10 MLP loss on a batch of 20 (159,010 parameters), which torch.autograd.gradcheck
/// checks in 35–57 s (fast mode about 10 ms). One forward pass, and the fast check, with a short job.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class LargeMlpFastCheckBenchmarks
{
    private DenseMlp _mlp = null!;
    private double[] _theta = [], _gradient = [];

    [GlobalSetup]
    public void Setup()
    {
        _mlp = new DenseMlp(784, 200, 10, 20, seed: 2);
        _theta = _mlp.Parameters;
        _gradient = _mlp.Gradient(_theta);
    }

    [Benchmark]
    public double Forward() => _mlp.Loss(_theta);

    [Benchmark]
    public bool Fast() => GradientChecker.CheckFast(_mlp.Loss, _theta, _gradient).Passed;
}

/// <summary>
/// The full entry-by-entry check of the 159,010-parameter 784-200-10 MLP (batch 20): central
/// differences with the GEMM using both cores, or with the checker running two entries at a time
/// (GEMM pinned to one core each), and Richardson on every 40th parameter (3,976 entries; the
/// report extrapolates its per-parameter cost). Each takes tens of seconds, so one iteration
/// without warm-up: a single measurement, not a distribution.
/// </summary>
[Config(typeof(SingleShotInProcessConfig))]
public class LargeMlpFullCheckBenchmarks
{
    private const int RichardsonStride = 40;
    private DenseMlp _mlp = null!;
    private double[] _theta = [], _gradient = [];
    private GradientCheckReport? _last;

    [GlobalSetup]
    public void Setup()
    {
        _mlp = new DenseMlp(784, 200, 10, 20, seed: 2);
        _theta = _mlp.Parameters;
        _gradient = _mlp.Gradient(_theta);
    }

    [Benchmark]
    public bool CentralGemmOnBothCores()
    {
        Gemm.MaxDegreeOfParallelism = 2;
        _last = GradientChecker.Check(_mlp.Loss, _theta, _gradient);
        return _last.Passed;
    }

    [Benchmark]
    public bool CentralTwoEntriesAtATime()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        _last = GradientChecker.Check(_mlp.Loss, _theta, _gradient, new GradientCheckOptions { MaxDegreeOfParallelism = 2 });
        return _last.Passed;
    }

    [Benchmark]
    public bool RichardsonEvery40thParameter()
    {
        Gemm.MaxDegreeOfParallelism = 1;
        var indices = Enumerable.Range(0, _theta.Length).Where(i => i % RichardsonStride == 0).ToArray();
        _last = GradientChecker.Check(_mlp.Loss, _theta, _gradient,
            new GradientCheckOptions { Method = DifferenceMethod.Richardson, MaxDegreeOfParallelism = 2, Entries = indices });
        return _last.Passed;
    }

    [IterationCleanup]
    public void Summarise()
    {
        if (_last is not null)
        {
            Console.WriteLine($"// check summary: passed={_last.Passed} entries={_last.Entries.Count} failed={_last.FailedCount} escalations={_last.Escalations} evaluations={_last.FunctionEvaluations}");
            if (!_last.Passed)
            {
                Console.WriteLine(_last.Message);
            }
        }
    }
}
