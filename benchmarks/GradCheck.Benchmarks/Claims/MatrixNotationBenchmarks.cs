using BenchmarkDotNet.Attributes;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Matrix;
using GradCheck.Claims.Syntax;

namespace GradCheck.Benchmarks.Claims;

/// <summary>
/// Matrix notation (issue: BP1–BP4 of a two-layer network proved for every size in under 100 ms, the
/// softmax Jacobian as <c>diag(s) - s*s'</c> for every K in under 20 ms). Each claim is measured twice:
/// the proof for every size alone (lowering plus the index calculus, what "proved for every size" costs),
/// and the whole check a user runs (every size and entry instance, the finite-difference cross-check and
/// the proof for every size).
/// </summary>
[Config(typeof(Numerics.ShortInProcessConfig))]
public class MatrixNotationBenchmarks
{
    private const string SoftmaxJacobian = """
        claim softmax-jacobian-matrix
          vector z in R^K
          for K in 2..4
          let s = softmax(z)
          d/dz s = diag(s) - s*s'
        end
        """;

    // BP1–BP4 of a general two-layer network, sizes D, H, K independent (checked at 1..2 each per size).
    private const string BackpropTwoLayers = """
        claim bp-two-layers
          vector x in R^D
          matrix W1 in R^(H x D)
          vector b1 in R^H
          matrix W2 in R^(K x H)
          vector b2 in R^K
          vector y in R^K
          for D in 1..2
          for H in 1..2
          for K in 1..2
          let z1 = W1*x + b1
          let a1 = sigmoid(z1)
          let z2 = W2*a1 + b2
          let a2 = sigmoid(z2)
          let C = norm(a2 - y)^2/2
          let delta2 = (a2 - y) .* a2 .* (1 - a2)
          let delta1 = (W2'*delta2) .* a1 .* (1 - a1)
          d/dz2 C = delta2
        end
        """;

    private static readonly string[] BackpropEquations =
    [
        "d/dz2 C = delta2",                 // BP1
        "d/dz1 C = delta1",                 // BP2
        "d/db1 C = delta1",                 // BP3
        "d/dW1 C = delta1*x'",              // BP4
    ];

    private ClaimSyntax _jacobian = null!;
    private ClaimSyntax _jacobianLowered = null!;
    private List<ClaimSyntax> _backprop = [];
    private List<ClaimSyntax> _backpropLowered = [];

    [GlobalSetup]
    public void Setup()
    {
        _jacobian = ClaimsParser.Parse(SoftmaxJacobian, "bench.claims").Single().Claim!;
        _jacobianLowered = MatrixLowering.Lower(_jacobian);
        _backprop = [.. BackpropEquations.Select(e => ClaimsParser.Parse(BackpropTwoLayers.Replace("d/dz2 C = delta2", e, StringComparison.Ordinal), "bench.claims").Single().Claim!)];
        _backpropLowered = [.. _backprop.Select(MatrixLowering.Lower)];
        foreach (var claim in _backpropLowered.Append(_jacobianLowered))
        {
            if (EverySizeProof.ProveStep(claim, 1, CheckOptions.Default.Prover) is not { ProvedForEverySize: true })
            {
                throw new InvalidOperationException($"not proved for every size: {claim.Chain[1].Text}");
            }
        }
    }

    /// <summary>The softmax Jacobian proved for every K (lowering + index calculus).</summary>
    [Benchmark]
    public bool SoftmaxJacobianEveryK() =>
        EverySizeProof.ProveStep(MatrixLowering.Lower(_jacobian), 1, CheckOptions.Default.Prover)!.ProvedForEverySize;

    /// <summary>The whole check of the softmax Jacobian: K = 2..4, every entry, and every K.</summary>
    [Benchmark]
    public Verdict SoftmaxJacobianCheck() => ClaimChecker.Check(_jacobian).Verdict;

    /// <summary>BP1–BP4 proved for every D, H, K (lowering + index calculus, the four claims).</summary>
    [Benchmark]
    public int BackpropEverySize() =>
        _backprop.Count(c => EverySizeProof.ProveStep(MatrixLowering.Lower(c), 1, CheckOptions.Default.Prover)!.ProvedForEverySize);

    /// <summary>The whole check of BP1–BP4: D, H, K in 1..2, every entry, and every size.</summary>
    [Benchmark]
    public int BackpropCheck() => _backprop.Count(c => ClaimChecker.Check(c).Verdict == Verdict.Proved);
}
