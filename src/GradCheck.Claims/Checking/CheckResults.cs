using GradCheck.Claims.Corrections;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Claims.Checking;

/// <summary>A point where the two sides of a step differ: every symbol's value and both sides' values;
/// or a point where one side is real and the other is not (<see cref="UndefinedSide"/>).</summary>
/// <param name="Values">Each symbol (as written, e.g. <c>z_1</c>) and its value.</param>
/// <param name="Left">The left side's value there (for a psd step: the smallest eigenvalue); NaN when the
/// left side is undefined there.</param>
/// <param name="Right">The right side's value there (for a psd step: 0); NaN when the right side is undefined there.</param>
/// <param name="Bound">The rounding-error bound of the comparison; |Left − Right| exceeds it (NaN for a
/// domain counterexample, where there is no difference to bound).</param>
public sealed record CounterexampleReport(IReadOnlyDictionary<string, double> Values, double Left, double Right, double Bound)
{
    /// <summary>For a domain counterexample, the side with no real value at the point ("left" or "right");
    /// null when both sides are real and differ.</summary>
    public string? UndefinedSide { get; init; }

    /// <summary>For a domain counterexample, why that side is undefined ("ln of a negative number",
    /// "division by 0", …); null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// For a counterexample decided in exact rational arithmetic (the sides differ by less than double
    /// precision shows, so <see cref="Left"/> and <see cref="Right"/> may print equal): left − right as an
    /// exact fraction (1/300000000000000000000); null otherwise.
    /// </summary>
    public Rational? ExactDifference { get; init; }

    /// <summary>The left side's exact value at the point when it is rational there (1/3); null otherwise.</summary>
    public Rational? ExactLeft { get; init; }

    /// <summary>The right side's exact value at the point when it is rational there; null otherwise.</summary>
    public Rational? ExactRight { get; init; }

    /// <summary>For a counterexample decided at high precision (the doubles' enclosures overlap, those at
    /// <see cref="PreciseBits"/> bits do not): the precision; 0 otherwise. <see cref="Left"/> and <see cref="Right"/>
    /// are then the high-precision midpoints.</summary>
    public int PreciseBits { get; init; }

    /// <summary>With <see cref="PreciseBits"/>: left − right at high precision (as a double).</summary>
    public double PreciseDifference { get; init; }
}

/// <summary>What the numeric checks saw for a step, over all its instances.</summary>
/// <param name="Points">Points sampled and compared conclusively (see <see cref="GradCheck.Symbolic.Proving.NumericAgreement"/>).</param>
/// <param name="MaxAbsDifference">The largest |left − right| seen at those points.</param>
/// <param name="MaxErrorBound">The largest rounding-error bound derived at those points.</param>
/// <param name="SkippedPoints">Sampled points (away from kinks) not compared: a side was not finite
/// there (undefined or unbounded), or the point was inconclusive (<see cref="InconclusivePoints"/>).</param>
public sealed record NumericEvidenceReport(int Points, double MaxAbsDifference, double MaxErrorBound, int SkippedPoints)
{
    /// <summary>Of the <see cref="SkippedPoints"/>, those where both sides were finite but their enclosures
    /// too wide, relative to the values, for their overlap to count as agreement.</summary>
    public int InconclusivePoints { get; init; }
}

/// <summary>The outcome of one step of a claim's chain, over every instance.</summary>
/// <param name="Index">The step's number (1 for the first '=').</param>
/// <param name="Verdict">The weakest verdict over the instances.</param>
/// <param name="Instance">The first instance with that verdict when it is not <c>proved</c> (sizes and
/// free index values), else null.</param>
/// <param name="Counterexample">For a refuted step, the point that refutes it.</param>
/// <param name="Left">The step's left expression as written.</param>
/// <param name="Right">The step's right expression as written (for a psd step, a description).</param>
/// <param name="Line">Line where the step's right side starts.</param>
/// <param name="Instances">Instances checked.</param>
/// <param name="ProvedInstances">Instances proved symbolically.</param>
/// <param name="RefutedInstances">Instances refuted.</param>
/// <param name="Evidence">Numeric evidence, when any instance was checked numerically.</param>
/// <param name="Method">How the verdict was reached, in words.</param>
/// <param name="IsPsd">True for a <c>psd over i, j</c> step.</param>
/// <param name="RefutedAt">Every refuted instance (sizes and free index values), in the order checked,
/// up to <see cref="StepResult.MaxListedInstances"/>; empty when none is refuted.</param>
public sealed record StepResult(
    int Index,
    Verdict Verdict,
    IReadOnlyDictionary<string, int>? Instance,
    CounterexampleReport? Counterexample,
    string Left,
    string Right,
    int Line,
    int Instances,
    int ProvedInstances,
    int RefutedInstances,
    NumericEvidenceReport? Evidence,
    string Method,
    bool IsPsd = false,
    IReadOnlyList<IReadOnlyDictionary<string, int>>? RefutedAt = null)
{
    /// <summary>The most refuted instances a step lists.</summary>
    public const int MaxListedInstances = 64;

    /// <summary>True when, beyond the sizes checked one by one, the step was proved for every size at once
    /// (every K at least the smallest in its <c>for</c> line) by the index calculus (<see cref="Symbolic.Indexed.IndexedProver"/>).
    /// A step that held numerically for each size and is proved for every size is <see cref="Verdict.Proved"/>: a proof
    /// for every size covers the sizes checked.</summary>
    public bool ProvedForEveryK { get; init; }

    /// <summary>For a claim in matrix notation, the step's shape as the JSON writes it (<c>scalar</c>,
    /// <c>K</c>, <c>K x K</c>); null for index notation.</summary>
    public string? Shape { get; init; }

    /// <summary>How the step was proved for every size, or why not; null when it was not attempted (no
    /// <c>for</c> line, a psd step, or a step that does not hold for the sizes checked).</summary>
    public string? EverySizeMethod { get; init; }

    /// <summary>For a refuted step, what it should have said: an expression proved equal to the left side at
    /// every instance, in the claim's own terms and as close to the written right side as found, with the
    /// difference in words; null for other steps, or when none was found (see <see cref="CheckOptions.Corrections"/>).</summary>
    public Correction? Correction { get; init; }
}

/// <summary>The outcome of one claim.</summary>
/// <param name="Name">The claim's name.</param>
/// <param name="File">The file it came from.</param>
/// <param name="Line">Line of its <c>claim</c> keyword.</param>
/// <param name="Source">Its <c>source:</c> text, if any.</param>
/// <param name="Verdict">Its weakest step's verdict, or error.</param>
/// <param name="Expected">What the claim expects, or null.</param>
/// <param name="ExpectedStep">N in <c>expect refuted at step N</c>, or null.</param>
/// <param name="FirstRefutedStep">The first refuted step's number, or null.</param>
/// <param name="Steps">Every step's result (empty for an error).</param>
/// <param name="Error">Where and why the claim could not be read, or null.</param>
/// <param name="Syntax">The parsed claim (null when it did not parse).</param>
/// <param name="Elapsed">Time spent checking it.</param>
/// <param name="FiniteDifferenceChecks">Points where a derivative of the chain, as the symbolic engine
/// computed it, was compared with an independent finite-difference estimate (GradCheck.Numerics,
/// Richardson extrapolation) and agreed within the estimate's error.</param>
public sealed record ClaimResult(
    string Name,
    string File,
    int Line,
    string? Source,
    Verdict Verdict,
    ExpectedOutcome? Expected,
    int? ExpectedStep,
    int? FirstRefutedStep,
    IReadOnlyList<StepResult> Steps,
    SourceError? Error,
    ClaimSyntax? Syntax,
    TimeSpan Elapsed,
    int FiniteDifferenceChecks = 0)
{
    /// <summary>True or false when the claim expects something, null when it does not. <c>expect proved</c>
    /// is met by proved and holds numerically; <c>expect refuted</c> by refuted; <c>at step N</c> also
    /// needs N to be the first refuted step.</summary>
    public bool? ExpectationMet => Expected switch
    {
        null => null,
        ExpectedOutcome.Proved => Verdict is Verdict.Proved or Verdict.HoldsNumerically,
        _ => Verdict == Verdict.Refuted && (ExpectedStep is null || ExpectedStep == FirstRefutedStep),
    };

    /// <summary>True when the claim is acceptable: it meets its expectation, or expects nothing and
    /// is proved or holds numerically.</summary>
    public bool IsAcceptable => ExpectationMet ?? Verdict is Verdict.Proved or Verdict.HoldsNumerically;

    /// <summary>True when every step was proved for every size at once (see <see cref="StepResult.ProvedForEveryK"/>).</summary>
    public bool ProvedForEveryK => Steps.Count > 0 && Steps.All(s => s.ProvedForEveryK);

    /// <summary>
    /// The sizes a proof for every size covers, e.g. "K ≥ 2" or "K ≥ 2, D ≥ 3" (from the smallest size of each
    /// <c>for</c> line); null when the claim has no <c>for</c> line or did not parse.
    /// </summary>
    public string? EverySizeRange => Syntax is { Fors.Count: > 0 } syntax ? EverySizeProof.Sizes(syntax) : null;
}

/// <summary>Counts of claim verdicts.</summary>
/// <param name="Proved">Claims proved.</param>
/// <param name="HoldsNumerically">Claims that hold numerically.</param>
/// <param name="Refuted">Claims refuted.</param>
/// <param name="Error">Claims in error.</param>
public sealed record VerdictSummary(int Proved, int HoldsNumerically, int Refuted, int Error)
{
    /// <summary>Counts the verdicts of <paramref name="results"/>.</summary>
    /// <param name="results">Claim results.</param>
    public static VerdictSummary Of(IEnumerable<ClaimResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int p = 0, h = 0, r = 0, e = 0;
        foreach (var result in results)
        {
            switch (result.Verdict)
            {
                case Verdict.Proved: p++; break;
                case Verdict.HoldsNumerically: h++; break;
                case Verdict.Refuted: r++; break;
                default: e++; break;
            }
        }

        return new VerdictSummary(p, h, r, e);
    }
}

/// <summary>Exit codes of <c>gradcheck check</c> and <c>gradcheck verify</c> (claims-format.md).</summary>
public static class ExitCodes
{
    /// <summary>Every claim is proved or holds numerically, or meets its expectation.</summary>
    public const int Success = 0;

    /// <summary>A claim is refuted against expectation (or does not meet its expectation).</summary>
    public const int Refuted = 1;

    /// <summary>An input is in error.</summary>
    public const int Error = 2;

    /// <summary>The exit code for a set of results: 2 when any is in error, else 1 when any is not
    /// acceptable, else 0.</summary>
    /// <param name="results">Claim results.</param>
    public static int For(IEnumerable<ClaimResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results as IReadOnlyCollection<ClaimResult> ?? results.ToList();
        if (list.Any(r => r.Verdict == Verdict.Error))
        {
            return Error;
        }

        return list.All(r => r.IsAcceptable) ? Success : Refuted;
    }
}
