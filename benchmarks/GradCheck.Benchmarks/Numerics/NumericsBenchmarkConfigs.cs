using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GradCheck.Benchmarks.Numerics;

/// <summary>
/// A short job run in process: on the shared machine BenchmarkDotNet's per-benchmark rebuild can
/// exceed its 2-minute build timeout, and these benchmarks need no isolation beyond a fresh JIT.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// One measured invocation, no warm-up, in process: for checks that take tens of seconds each.
/// Cold start, so BenchmarkDotNet does not first run the check once more to jit it (the JIT cost
/// is milliseconds against tens of seconds). The figure is a single measurement, not a distribution.
/// </summary>
public sealed class SingleShotInProcessConfig : ManualConfig
{
    public SingleShotInProcessConfig() =>
        AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
}
