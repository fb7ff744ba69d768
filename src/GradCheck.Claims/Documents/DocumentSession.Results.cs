// DocumentSession: the checked steps merged back into each equation's result.
using System.Globalization;
using GradCheck.Claims.Checking;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
    // ---- results

    public DocumentResult Finish(IReadOnlyList<ClaimResult> results)
    {
        var equations = new List<EquationResult>();
        foreach (var row in _rows)
        {
            var span = row.Span;
            var (line, column) = _document.Position(span.Start);
            var latex = _document.Text[span.Start..span.End];
            var display = _scan.Displays[span.Display];
            var claim = Merge(row, results, line);
            var status = row.Status;
            var reason = row.Reason;
            if (claim is not null)
            {
                if (claim.Verdict == Verdict.Refuted)
                {
                    status = EquationStatus.Refuted;
                }
                else if (claim.Verdict == Verdict.Error || reason is not null && status != EquationStatus.Definition)
                {
                    status = EquationStatus.NotChecked;
                    reason = claim.Error is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.Line}:{e.Column}: {e.Message}") : reason;
                }
                else
                {
                    status = claim.Verdict == Verdict.HoldsNumerically ? EquationStatus.HoldsNumerically
                        : claim.ProvedForEveryK ? EquationStatus.ProvedForEverySize : EquationStatus.Proved;
                }
            }
            else if (status is null)
            {
                status = EquationStatus.NotChecked;
                reason ??= "nothing to check";
            }

            equations.Add(new EquationResult(line, column, span.Label, latex, status.Value, status == EquationStatus.NotChecked ? reason : null, claim)
            {
                Defines = row.Defines,
                IsDerivationOrIdentity = row.HasEquals && !row.Skipped && !row.IsUpdate && (row.Defines is null || row.Jobs.Count > 0),
                DisplayEnd = display.AfterClose,
                Display = span.Display,
            });
        }

        return new DocumentResult(_file, _document.Text, equations, _annotationErrors);
    }

    private static ClaimResult? Merge(Row row, IReadOnlyList<ClaimResult> results, int line)
    {
        if (row.Jobs.Count == 0)
        {
            return null;
        }

        var parts = row.Jobs.Select(j => results[j]).ToList();
        var error = parts.FirstOrDefault(p => p.Verdict == Verdict.Error);
        var steps = new List<StepResult>();
        foreach (var part in parts)
        {
            if (part.Steps.Count > 0)
            {
                steps.Add(part.Steps[0] with { Index = steps.Count + 1 });
            }
        }

        var verdict = parts.Aggregate(Verdict.Proved, (v, p) => VerdictText.Weakest(v, p.Verdict));
        if (verdict == Verdict.Error && steps.Any(s => s.Verdict == Verdict.Refuted))
        {
            verdict = Verdict.Refuted; // a refuted step stands even when another step of the row could not be checked
        }

        var firstRefuted = steps.FirstOrDefault(s => s.Verdict == Verdict.Refuted)?.Index;
        var first = parts[0];
        return new ClaimResult(first.Name, first.File, line, null, verdict, row.Expect?.Outcome, row.Expect?.Step, firstRefuted, steps,
            verdict == Verdict.Error ? error?.Error : null, first.Syntax, TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)),
            parts.Sum(p => p.FiniteDifferenceChecks));
    }
}
