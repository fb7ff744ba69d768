using BenchmarkDotNet.Attributes;
using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Benchmarks.Claims;

/// <summary>
/// The cost of a refuted step's correction (issue #13: under 50 ms per step, in process): the catalogue's claims
/// that are expected to be refuted (11 claims, 15 refuted steps), checked with and without corrections; the
/// difference divided by the refuted steps is the cost of one correction. <c>LogSoftmaxSum*</c> is the dearest
/// single claim (its step 1 is corrected by the least-squares fit over the writer's atoms).
/// Short in-process job (the machine is shared; see docs/benchmarks.md).
/// </summary>
[Config(typeof(Numerics.ShortInProcessConfig))]
public class CorrectionBenchmarks
{
    private static readonly CheckOptions With = CheckOptions.Default;
    private static readonly CheckOptions Without = CheckOptions.Default with { Corrections = false };

    private List<ClaimSyntax> _refuted = [];
    private ClaimSyntax _logSoftmax = null!;

    /// <summary>Refuted steps over the claims of <see cref="RefutedWithCorrections"/>.</summary>
    public int RefutedSteps { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _refuted = [.. ClaimsCatalogue.Files.SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName))
            .Select(e => e.Claim!).Where(c => c.Expectation?.Outcome == ExpectedOutcome.Refuted)];
        _logSoftmax = _refuted.Single(c => c.Name == "log-softmax-sum-gradient-as-written");
        RefutedSteps = _refuted.Sum(c => ClaimChecker.Check(c, Without).Steps.Count(s => s.Verdict == Verdict.Refuted));
        Console.WriteLine($"// {_refuted.Count} claims, {RefutedSteps} refuted steps");
    }

    [Benchmark(Baseline = true)]
    public int RefutedWithoutCorrections() => _refuted.Sum(c => ClaimChecker.Check(c, Without).Steps.Count);

    [Benchmark]
    public int RefutedWithCorrections() => _refuted.Sum(c => ClaimChecker.Check(c, With).Steps.Count(s => s.Correction is not null));

    [Benchmark]
    public int LogSoftmaxSumWithoutCorrections() => ClaimChecker.Check(_logSoftmax, Without).Steps.Count;

    [Benchmark]
    public int LogSoftmaxSumWithCorrections() => ClaimChecker.Check(_logSoftmax, With).Steps.Count(s => s.Correction is not null);
}
