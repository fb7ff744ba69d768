using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Corrections;

/// <summary>
/// Adds to every refuted step (not a psd step) its <see cref="StepResult.Correction"/>, found by
/// <see cref="CorrectionSearch"/> from the instances the checker bound. A step whose correction cannot be
/// found or proved in the time left keeps none; the verdicts never change.
/// </summary>
internal static class StepCorrections
{
    /// <summary>The steps with corrections added where <see cref="CheckOptions.Corrections"/> asks for them.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="steps">Its step results.</param>
    /// <param name="instances">Every instance as the checker bound it.</param>
    /// <param name="options">The check's settings (the prover's are used for the proofs).</param>
    /// <param name="timeLeft">What is left of the claim's time limit.</param>
    public static List<StepResult> Annotate(ClaimSyntax claim, List<StepResult> steps, IReadOnlyList<InstanceContext> instances, CheckOptions options, TimeSpan timeLeft)
    {
        if (!options.Corrections || !steps.Any(s => s is { IsPsd: false, Verdict: Verdict.Refuted }))
        {
            return steps;
        }

        using var deadline = new CancellationTokenSource(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.Zero);
        return [.. steps.Select(step => step is { IsPsd: false, Verdict: Verdict.Refuted }
            ? step with { Correction = Find(claim, step, instances, options, deadline.Token) }
            : step)];
    }

    /// <summary>The correction of one refuted step, or null.</summary>
    public static Correction? Find(ClaimSyntax claim, StepResult step, IReadOnlyList<InstanceContext> instances, CheckOptions options, CancellationToken cancellation)
    {
        try
        {
            return new CorrectionSearch(claim, step, instances, options.Prover, cancellation).Find();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null; // out of time: the step keeps its verdict and counterexample, without a correction
        }
        catch (Exception e) when (e is SymbolicSyntaxException or ArithmeticException or ArgumentException or InvalidOperationException
                                      or InsufficientExecutionStackException)
        {
            // The search rewrites the writer's text in ways the checker never bound; a refusal there costs
            // only the correction, never the claim's result.
            return null;
        }
    }
}
