using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>Settings of <see cref="ClaimChecker"/>.</summary>
public sealed record CheckOptions
{
    /// <summary>The default settings.</summary>
    public static CheckOptions Default { get; } = new();

    /// <summary>Points compared by the numeric witnesses for each instance of a step the prover
    /// could not decide (default 24).</summary>
    public int WitnessPoints { get; init; } = 24;

    /// <summary>Seed of the witnesses' sampler; with the claim's name, step and instance it fixes
    /// every sampled point, so reports are reproducible (default 20261121).</summary>
    public int Seed { get; init; } = 20261121;

    /// <summary>Settings passed to <see cref="Prover.Prove"/>.</summary>
    public ProverOptions Prover { get; init; } = ProverOptions.Default with { EvidencePointsWhenProved = 2, SamplePoints = 32 };

    /// <summary>The longest one claim may take before it is reported as an error (default 30 s).</summary>
    public TimeSpan ClaimTimeLimit { get; init; } = TimeSpan.FromSeconds(30);
}
