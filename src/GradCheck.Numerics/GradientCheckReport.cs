using System.Globalization;
using System.Text;

namespace GradCheck.Numerics;

/// <summary>
/// The outcome of a gradient, Jacobian or Hessian check: whether it passed, whether the function
/// has a kink at the point, the worst entry, every entry, and a readable message listing the
/// worst entries first.
/// </summary>
public sealed class GradientCheckReport
{
    internal GradientCheckReport(string subject, IReadOnlyList<EntryReport> entries, int columns,
        long functionEvaluations, int escalations, int maxEntriesInMessage, string? extraFailure = null,
        Func<int, string>? labels = null)
    {
        _maxEntriesInMessage = maxEntriesInMessage;
        _extraFailure = extraFailure;
        _labels = labels;
        Subject = subject;
        Entries = entries;
        Columns = columns;
        FunctionEvaluations = functionEvaluations;
        Escalations = escalations;
        FailedCount = entries.Count(e => !e.IsAcceptable);
        KinkCount = entries.Count(e => e.AtKink);
        Passed = FailedCount == 0 && extraFailure is null;
        NotDifferentiableHere = KinkCount > 0;
        Worst = WorstOf(entries);
        Message = Format(extraFailure, maxEntriesInMessage);
    }

    private readonly int _maxEntriesInMessage;
    private readonly string? _extraFailure;
    private readonly Func<int, string>? _labels;

    /// <summary>What was checked ("gradient", "Jacobian", "Hessian", …).</summary>
    public string Subject { get; }

    /// <summary>True when no entry failed (kink entries without a subgradient convention do not fail).</summary>
    public bool Passed { get; }

    /// <summary>True when at least one entry sits at a kink (one-sided derivatives disagree).</summary>
    public bool NotDifferentiableHere { get; }

    /// <summary>The worst entry: the failed entry with the largest ratio, or the largest ratio overall when none failed.</summary>
    public EntryReport Worst { get; }

    /// <summary>Every entry in index order.</summary>
    public IReadOnlyList<EntryReport> Entries { get; }

    /// <summary>Number of columns when the checked object is a matrix (row-major indices), 0 for a vector.</summary>
    public int Columns { get; }

    /// <summary>Entries that failed or were not finite.</summary>
    public int FailedCount { get; }

    /// <summary>Entries at a kink.</summary>
    public int KinkCount { get; }

    /// <summary>Calls of the function made by the check.</summary>
    public long FunctionEvaluations { get; }

    /// <summary>Entries whose quick estimate did not settle them and were re-estimated by Richardson extrapolation.</summary>
    public int Escalations { get; }

    /// <summary>A readable account: the verdict, then a table of the worst entries, failures first.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;

    /// <summary>The failed entry with the largest ratio, or the largest ratio overall when none failed (NaN counts as ∞).</summary>
    internal static EntryReport WorstOf(IReadOnlyList<EntryReport> entries)
    {
        static double Key(EntryReport e) => double.IsNaN(e.Ratio) ? double.PositiveInfinity : e.Ratio;
        var failed = entries.Where(e => !e.IsAcceptable).ToList();
        return failed.Count > 0 ? failed.MaxBy(Key)! : entries.MaxBy(Key)!;
    }

    /// <summary>Failures first (largest ratio first), then kinks, then the rest by ratio.</summary>
    internal static IEnumerable<EntryReport> Ranked(IEnumerable<EntryReport> entries) =>
        entries.OrderBy(e => e.IsAcceptable ? 1 : 0)
            .ThenBy(e => e.AtKink ? 0 : 1)
            .ThenByDescending(e => double.IsNaN(e.Ratio) ? double.PositiveInfinity : e.Ratio)
            .ThenBy(e => e.Index);

    /// <summary>The same report with entries named by <paramref name="labels"/> (for example <c>W[1, 2]</c>, <c>b[0]</c>).</summary>
    internal GradientCheckReport WithLabels(Func<int, string> labels) =>
        new(Subject, Entries, Columns, FunctionEvaluations, Escalations, _maxEntriesInMessage, _extraFailure, labels);

    internal string Label(int index) => _labels is not null ? _labels(index) : Columns > 0
        ? string.Create(CultureInfo.InvariantCulture, $"({index / Columns}, {index % Columns})")
        : string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    private string Format(string? extraFailure, int maxEntries)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (Passed)
        {
            text.Append(inv, $"{Capitalised(Subject)} check passed: {Count(Entries.Count, "entry agrees", "entries agree")} with finite differences (worst ratio {Number(Worst.Ratio)} at {Label(Worst.Index)})");
            text.Append(KinkCount > 0 ? string.Create(inv, $"; {Count(KinkCount, "entry is", "entries are")} not differentiable here (kink)") : string.Empty);
            text.AppendLine(".");
        }
        else
        {
            text.Append(inv, $"{Capitalised(Subject)} check FAILED: {FailedCount} of {Count(Entries.Count, "entry", "entries")} {(FailedCount == 1 ? "disagrees" : "disagree")} with finite differences");
            text.AppendLine(FailedCount > 0 ? string.Create(inv, $" (worst ratio {Number(Worst.Ratio)} at {Label(Worst.Index)}).") : ".");
            if (extraFailure is not null)
            {
                text.AppendLine(extraFailure);
            }
        }

        text.AppendLine(inv, $"{FunctionEvaluations} function evaluations, {Count(Escalations, "entry", "entries")} re-estimated by Richardson extrapolation; pass when |claimed − numeric| ≤ tolerance.");
        var shown = Ranked(Entries).Take(maxEntries).ToList();
        if (shown.Count == 0)
        {
            return text.ToString().TrimEnd();
        }

        text.AppendLine(inv, $"{"entry",-12} {"claimed",14} {"numeric",14} {"est. error",10} {"tolerance",10} {"ratio",10}  status");
        foreach (var e in shown)
        {
            text.Append(inv, $"{Label(e.Index),-12} {Number(e.Claimed),14} {Number(e.Numeric),14} {Short(e.ErrorEstimate),10} {Short(e.Tolerance),10} {Short(e.Ratio),10}  {Status(e)}");
            text.AppendLine();
        }

        if (Entries.Count > shown.Count)
        {
            text.AppendLine(inv, $"… {Entries.Count - shown.Count} more entries not shown.");
        }

        return text.ToString().TrimEnd();
    }

    internal static string Status(EntryReport e)
    {
        var status = e.Status switch
        {
            EntryStatus.Passed => e.AtKink ? "passed (kink: matches subgradient convention)" : "passed",
            EntryStatus.NotDifferentiable => "not differentiable here",
            EntryStatus.NotFinite => "NOT FINITE",
            EntryStatus.Inconclusive => "INCONCLUSIVE",
            _ => e.AtKink ? "FAILED (kink: matches no allowed subgradient)" : "FAILED",
        };
        if (e.AtKink)
        {
            status += string.Create(CultureInfo.InvariantCulture, $" [left {Number(e.LeftDerivative)}, right {Number(e.RightDerivative)}]");
        }

        return e.Note is null ? status : status + " — " + e.Note;
    }

    internal static string Number(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    internal static string Short(double v) => v.ToString("0.00E+0", CultureInfo.InvariantCulture);

    private static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
