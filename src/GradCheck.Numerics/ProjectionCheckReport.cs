using System.Globalization;
using System.Text;

namespace GradCheck.Numerics;

/// <summary>
/// The outcome of a fast check by random projections: each projection compares the claimed
/// derivative applied to a random direction z (independent entries uniform on [−√3, √3]) with a
/// finite-difference directional derivative along z.
/// </summary>
/// <remarks>
/// The chance of missing an error: if the claimed gradient differs from the true one by a vector e,
/// a projection passes only when |e·z| is within its tolerance τ plus the finite-difference error
/// (at most τ/Safety when the error estimate holds). The density of a sum of independent terms is
/// at most the density of any one of them, so the density of e·z is at most 1/(2√3·‖e‖∞) (that of
/// its largest term), and each projection misses with probability at most
/// (1 + 1/Safety)·τ/(√3·‖e‖∞); K independent projections with at most that to the K-th power
/// (<see cref="MissProbability"/>). In particular an entry wrong by δ is missed with probability at
/// most ((1 + 1/Safety)·τ/(√3·|δ|))^K. For a Jacobian the same holds row by row.
/// </remarks>
public sealed class ProjectionCheckReport
{
    internal ProjectionCheckReport(string subject, IReadOnlyList<EntryReport> projections, int projectionCount,
        double safety, long functionEvaluations, int maxEntriesInMessage)
    {
        Subject = subject;
        Projections = projections;
        ProjectionCount = projectionCount;
        _safety = safety;
        FunctionEvaluations = functionEvaluations;
        Passed = projections.All(p => p.IsAcceptable);
        NotDifferentiableHere = projections.Any(p => p.AtKink);
        Worst = GradientCheckReport.WorstOf(projections);
        // A wrong value could have passed at any stage, so the widest tolerance of each projection counts.
        DetectionScale = projections.All(p => p.Status != EntryStatus.NotFinite)
            ? projections.Select(p => p.WidestTolerance).DefaultIfEmpty(double.PositiveInfinity).Max()
            : double.PositiveInfinity;
        Message = Format(maxEntriesInMessage);
    }

    private readonly double _safety;

    /// <summary>What was checked.</summary>
    public string Subject { get; }

    /// <summary>True when every projection agreed.</summary>
    public bool Passed { get; }

    /// <summary>True when a projection crossed a kink (one-sided directional derivatives disagree).</summary>
    public bool NotDifferentiableHere { get; }

    /// <summary>The projection with the largest ratio (failures first).</summary>
    public EntryReport Worst { get; }

    /// <summary>Every projection (for a Jacobian, one entry per projection and output: index = k·outputs + r).</summary>
    public IReadOnlyList<EntryReport> Projections { get; }

    /// <summary>Number of random directions drawn.</summary>
    public int ProjectionCount { get; }

    /// <summary>
    /// τ: the widest tolerance any projection was measured against at any stage (quick estimate or
    /// Richardson; see <see cref="EntryReport.WidestTolerance"/>). Errors much larger than this (in ∞-norm) are caught.
    /// </summary>
    public double DetectionScale { get; }

    /// <summary>Calls of the function made by the check.</summary>
    public long FunctionEvaluations { get; }

    /// <summary>A readable account, including the stated chance of a miss.</summary>
    public string Message { get; }

    /// <summary>
    /// An upper bound on the probability that these projections pass although the claimed
    /// gradient is off by an error vector whose largest entry has magnitude <paramref name="errorNorm"/>:
    /// min(1, (1 + 1/Safety)·τ/(√3·‖e‖∞))^K.
    /// </summary>
    /// <param name="errorNorm">‖e‖∞ of the error in the claimed gradient (or in one Jacobian row): the size of the worst wrong entry.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="errorNorm"/> is negative or NaN.</exception>
    public double MissProbability(double errorNorm)
    {
        if (!(errorNorm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(errorNorm), errorNorm, "The error norm must be non-negative.");
        }

        var single = Math.Min(1.0, (1 + (1 / _safety)) * DetectionScale / (Math.Sqrt(3) * errorNorm));
        return Math.Pow(single, ProjectionCount);
    }

    /// <summary>The size of a wrong entry (‖e‖∞) above which a miss has probability at most <paramref name="probability"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in (0, 1].</exception>
    public double ErrorNormDetectedWithProbability(double probability)
    {
        if (!(probability > 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must be in (0, 1].");
        }

        return (1 + (1 / _safety)) * DetectionScale / (Math.Sqrt(3) * Math.Pow(probability, 1.0 / ProjectionCount));
    }

    /// <inheritdoc/>
    public override string ToString() => Message;

    private string Format(int maxEntries)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var failed = Projections.Count(p => !p.IsAcceptable);
        text.AppendLine(Passed
            ? string.Create(inv, $"Fast {Subject} check passed: {Projections.Count} random projections agree with finite differences.")
            : string.Create(inv, $"Fast {Subject} check FAILED: {failed} of {Projections.Count} random projections disagree with finite differences."));
        // The miss probability bounds a pass; after a failure it means nothing, and a projection mixes every entry.
        text.AppendLine(Passed
            ? string.Create(inv,
                $"An entry wrong by ≥ {GradientCheckReport.Short(ErrorNormDetectedWithProbability(1e-6))} (or any error with that ‖e‖∞) would be missed with probability ≤ 1e-6 ({ProjectionCount} projections, τ = {GradientCheckReport.Short(DetectionScale)}); {FunctionEvaluations} function evaluations.")
            : string.Create(inv,
                $"A projection mixes every entry, so it cannot say which is wrong: run the full check ({(Subject.Contains("Jacobian", StringComparison.OrdinalIgnoreCase) ? "JacobianChecker.Check" : "GradientChecker.Check")}) to find the entries; {FunctionEvaluations} function evaluations."));
        text.AppendLine(string.Create(inv, $"{"projection",-12} {"claimed",14} {"numeric",14} {"est. error",10} {"tolerance",10} {"ratio",10}  status"));
        foreach (var e in GradientCheckReport.Ranked(Projections).Take(maxEntries))
        {
            text.AppendLine(string.Create(inv,
                $"{"#" + e.Index.ToString(inv),-12} {GradientCheckReport.Number(e.Claimed),14} {GradientCheckReport.Number(e.Numeric),14} {GradientCheckReport.Short(e.ErrorEstimate),10} {GradientCheckReport.Short(e.Tolerance),10} {GradientCheckReport.Short(e.Ratio),10}  {GradientCheckReport.Status(e)}"));
        }

        return text.ToString().TrimEnd();
    }
}
