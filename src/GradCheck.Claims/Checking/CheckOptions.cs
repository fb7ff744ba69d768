using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>Settings of <see cref="ClaimChecker"/>.</summary>
public sealed record CheckOptions
{
    /// <summary>The default settings.</summary>
    public static CheckOptions Default { get; } = new();

    /// <summary>Points sampled for each instance of a <c>psd</c> check (default 24); at least half must be
    /// conclusive for it to hold numerically. (For a step the prover cannot decide, the numeric evidence is
    /// the prover's own: <see cref="ProverOptions.SamplePoints"/> of <see cref="Prover"/>, of which at
    /// least half must be conclusive.)</summary>
    public int WitnessPoints { get; init; } = 24;

    /// <summary>Seed of the finite-difference and psd checks' sampler; with the claim's name, step and
    /// instance it fixes every point they sample, so reports are reproducible (default 20261121). The
    /// prover's points are fixed by <see cref="ProverOptions.Seed"/>.</summary>
    public int Seed { get; init; } = 20261121;

    /// <summary>Settings passed to <see cref="Prover"/>; its sample points are the numeric evidence of
    /// a step it cannot decide.</summary>
    public ProverOptions Prover { get; init; } = ProverOptions.Default with { EvidencePointsWhenProved = 2, SamplePoints = 32 };

    /// <summary>The longest one claim may take before it is reported as an error (default 30 s).</summary>
    public TimeSpan ClaimTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a refuted step gets its <see cref="StepResult.Correction"/> (default true). The search
    /// keeps every instance's bound chain until the claim is checked.</summary>
    public bool Corrections { get; init; } = true;
}
