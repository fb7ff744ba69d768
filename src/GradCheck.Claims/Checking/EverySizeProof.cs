using System.Collections.Immutable;
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Indexed;
using GradCheck.Symbolic.Limits;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Proving;

namespace GradCheck.Claims.Checking;

/// <summary>
/// The extension of the per-size check: for a claim with <c>for</c> lines, each step that holds for
/// every size checked is also given to <see cref="IndexedProver"/>, which may prove it for every size at
/// once. It adds <see cref="StepResult.ProvedForEveryK"/> and <see cref="StepResult.EverySizeMethod"/>, and a step
/// that held numerically for each size and is proved for every size becomes proved.
/// </summary>
internal static class EverySizeProof
{
    /// <summary>The steps with the every-size result added where the claim allows it; unchanged otherwise.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="steps">Its per-size step results.</param>
    /// <param name="options">The check's settings (the prover's are used for each case).</param>
    /// <param name="timeLeft">What is left of the claim's time limit; the attempt stops there ("not attempted").</param>
    public static List<StepResult> Annotate(ClaimSyntax claim, List<StepResult> steps, CheckOptions options, TimeSpan timeLeft)
    {
        using var deadline = new CancellationTokenSource(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.Zero);
        using var phase = WorkDeadline.Enter("the proof for every size");
        return [.. steps.Select(step =>
            step.IsPsd || step.Verdict is not (Verdict.Proved or Verdict.HoldsNumerically)
                || TryProveStep(claim, step.Index, options.Prover, deadline.Token) is not { } result
                ? step
                : Upgrade(step with { ProvedForEveryK = result.ProvedForEverySize, EverySizeMethod = result.Method }))];
    }

    // A proof for every size covers every size checked: "holds numerically; proved for every K ≥ 2" was a weaker
    // verdict than the claim had earned.
    private static StepResult Upgrade(StepResult step) =>
        step.ProvedForEveryK && step.Verdict == Verdict.HoldsNumerically
            ? step with { Verdict = Verdict.Proved, Method = step.Method + "; proved for every size by the index calculus" }
            : step;

    // The claim's limit reached here leaves the per-size verdicts standing: "not attempted", not an error.
    private static IndexedProofResult? TryProveStep(ClaimSyntax claim, int step, ProverOptions options, CancellationToken cancellation)
    {
        try
        {
            return ProveStep(claim, step, options, cancellation);
        }
        catch (WorkTimeLimitException e)
        {
            return new IndexedProofResult(false, "not attempted for every size: " + e.Message, 0);
        }
    }

    /// <summary>Step <paramref name="step"/> (1 for the first '=') given to <see cref="IndexedProver"/>, whatever its
    /// per-size verdict; null when the claim has no <c>for</c> line or cannot be stated for the index calculus.</summary>
    public static IndexedProofResult? ProveStep(ClaimSyntax claim, int step, ProverOptions options, CancellationToken cancellation = default)
    {
        if (claim.Fors.Count == 0 || Scope(claim) is not { } scope)
        {
            return null;
        }

        var (left, right) = (claim.Chain[step - 1], claim.Chain[step]);
        try
        {
            return IndexedProver.Prove(
                left.Parse(), right.Parse(), scope, options, cancellation);
        }
        catch (SymbolicSyntaxException e)
        {
            // The per-size binder accepted the text; a stricter reading here only means "not for every size".
            return new IndexedProofResult(false, "not attempted for every size: " + e.Reason, 0);
        }
    }

    /// <summary>"K ≥ 2" or "K ≥ 2, D ≥ 3": the sizes a proof for every size covers.</summary>
    public static string Sizes(ClaimSyntax claim) =>
        string.Join(", ", claim.Fors.Select(f => f.Size + " ≥ " + Smallest(f).ToString(CultureInfo.InvariantCulture)));

    // A size 0 has no indices to split on and empty sums; the calculus covers sizes from 1 (K = 0 is still checked per size).
    private static int Smallest(ForSyntax f) => Math.Max(1, f.From);

    /// <summary>The claim's sizes, ranges, definitions and assumptions for the index calculus; null when a
    /// range is neither 1..size nor fixed, or an assumption cannot be read (the per-size check reports it).</summary>
    private static IndexedScope? Scope(ClaimSyntax claim)
    {
        var scope = IndexedScope.Empty;
        foreach (var f in claim.Fors)
        {
            scope = scope.WithSize(f.Size, Smallest(f));
        }

        foreach (var index in claim.Indices)
        {
            IndexRange? range = (index.From, index.To) switch
            {
                ({ Value: 1 }, { Size: { } size }) => IndexRange.Symbolic(size),
                ({ Value: { } from }, { Value: { } to }) => IndexRange.Fixed(from, to),
                _ => null,
            };
            if (range is null)
            {
                return null;
            }

            scope = index.Names.Aggregate(scope, (s, name) => s.WithIndex(name, range));
        }

        foreach (var let in claim.Lets)
        {
            scope = scope.WithDefinition(new Definition(let.Name, let.IndexParameters, let.Body.Parse()));
        }

        foreach (var assume in claim.Assumptions)
        {
            switch (assume)
            {
                case IntervalAssumeSyntax interval when Bound(interval.Lower) is { } lo && Bound(interval.Upper) is { } hi:
                    var domain = SymbolInterval.FromRationals(lo.End, hi.End, interval.LowerOpen, interval.UpperOpen);
                    if (domain.IsEmpty || (scope.Intervals.TryGetValue(interval.Name, out var earlier) && earlier.Intersect(domain).IsEmpty))
                    {
                        return null;
                    }

                    scope = scope.WithInterval(interval.Name, domain);
                    break;
                case DiscreteAssumeSyntax discrete:
                    var values = discrete.Values.Select(v => Rational.TryParse(v, out var value) ? value : (Rational?)null).ToList();
                    if (values.Any(v => v is null))
                    {
                        return null;
                    }

                    scope = scope.WithDiscrete(discrete.Name, [.. values.Select(v => v!.Value)]);
                    break;
                case VectorAssumeSyntax { Index: { } over } vector:
                    scope = scope.WithUnitSum(vector.Name, over);
                    break;
                default:
                    return null;
            }
        }

        return scope;

        // null: unreadable (the per-size check reports it); End null: an infinite end.
        static (Rational? End, bool Read)? Bound(string? text) =>
            text is null ? (null, true) : Rational.TryParse(text, out var value) ? (value, true) : null;
    }
}
