using BenchmarkDotNet.Attributes;
using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Benchmarks.Claims;

/// <summary>
/// The claims checker: parsing the whole catalogue, checking the softmax Jacobian claim (every entry
/// for K = 2..5, 54 instances), and checking the whole catalogue on one thread (what
/// <c>gradcheck verify</c> does, minus process start and the second core).
/// Short in-process job (the machine is shared; see docs/benchmarks.md).
/// </summary>
[Config(typeof(Numerics.ShortInProcessConfig))]
public class ClaimsBenchmarks
{
    private const string SoftmaxJacobian = """
        claim softmax-jacobian
          index i, j, k in 1..K
          for K in 2..5
          let s_i = exp(z_i) / sum(k, exp(z_k))
          d/dz_j s_i = s_i * (delta(i, j) - s_j)
        end
        """;

    private List<ClaimEntry> _catalogue = [];
    private ClaimEntry _jacobian = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = ClaimsCatalogue.Files.SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName)).ToList();
        _jacobian = ClaimsParser.Parse(SoftmaxJacobian, "bench.claims").Single();
    }

    [Benchmark]
    public int ParseCatalogue() => ClaimsCatalogue.Files.Sum(f => ClaimsParser.Parse(f.Text, f.FileName).Count);

    [Benchmark]
    public Verdict CheckSoftmaxJacobian() => ClaimChecker.Check(_jacobian).Verdict;

    [Benchmark]
    public int CheckCatalogueOneThread() => _catalogue.Count(e => ClaimChecker.Check(e).IsAcceptable);
}
