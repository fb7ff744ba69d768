using System.Globalization;
using System.Text;
using GradCheck.Claims.Checking;

namespace GradCheck.Claims.Reporting;

/// <summary>Writes results as plain text for a terminal: one line per claim, then for each claim that
/// is not proved its steps, counterexamples and errors (with file:line:column), then a summary.</summary>
public static class TextReport
{
    /// <summary>The report.</summary>
    /// <param name="results">Claim results in order.</param>
    /// <param name="verbose">Also list every step of claims that are proved.</param>
    public static string Write(IReadOnlyList<ClaimResult> results, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        var b = new StringBuilder();
        foreach (var result in results)
        {
            WriteClaim(b, result, verbose);
        }

        var s = VerdictSummary.Of(results);
        // "not as expected" only for claims that state an expectation; a claim without `expect` that is refuted or in
        // error simply fails (a file with no `expect` lines said "24 not as expected").
        var unmet = results.Count(r => r.Expected is not null && !r.IsAcceptable);
        var failing = results.Count(r => r.Expected is null && !r.IsAcceptable);
        b.Append(CultureInfo.InvariantCulture,
            $"{results.Count} {(results.Count == 1 ? "claim" : "claims")}: {s.Proved} proved, {s.HoldsNumerically} hold numerically, {s.Refuted} refuted, {s.Error} error");
        if (unmet == 0 && failing == 0)
        {
            b.Append(results.Any(r => r.Expected is not null) ? "; every claim meets its expectation" : "; every claim holds");
        }
        else
        {
            b.Append(CultureInfo.InvariantCulture, $"; {failing + unmet} failing");
            if (unmet > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $" ({unmet} not as expected)");
            }
        }

        b.Append('\n');
        return b.ToString();
    }

    /// <summary>
    /// The claim's verdict in words, as the text report and <c>gradcheck verify</c>'s table print it: "proved",
    /// "proved for every K ≥ 2" (the index calculus proved it for every size), "refuted at step 2", ….
    /// </summary>
    /// <param name="result">The claim's result.</param>
    public static string VerdictPhrase(ClaimResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Format.WithEverySize(Format.VerdictPhrase(result), result.Verdict, result.ProvedForEveryK, result);
    }

    /// <summary>One claim's block of the report.</summary>
    /// <param name="b">Where to write.</param>
    /// <param name="result">The claim's result.</param>
    /// <param name="verbose">List every step even when proved.</param>
    public static void WriteClaim(StringBuilder b, ClaimResult result, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        var mark = result.IsAcceptable ? "ok  " : "FAIL";
        b.Append(CultureInfo.InvariantCulture, $"{mark} {result.Name}: {VerdictPhrase(result)}");

        if (result.Expected is not null)
        {
            b.Append(CultureInfo.InvariantCulture, $" (expected {Format.Expectation(result)})");
        }

        b.Append(CultureInfo.InvariantCulture, $"  [{result.File}:{result.Line}]\n");
        if (result.Error is { } error)
        {
            b.Append(CultureInfo.InvariantCulture, $"     {result.File}:{error.Line}:{error.Column}: error: {error.Message}\n");
            return;
        }

        foreach (var step in result.Steps)
        {
            if (!verbose && step.Verdict == Verdict.Proved && result.IsAcceptable)
            {
                continue;
            }

            var relation = step.IsPsd ? "is positive semidefinite" : "= " + OneLine(step.Right);
            var stepVerdict = step.Verdict.ToWords();
            if (step.Instance is { Count: > 0 } && step.Verdict != Verdict.Proved)
            {
                stepVerdict += " at " + Format.Instance(step.Instance);
            }

            b.Append(CultureInfo.InvariantCulture, $"     step {step.Index}: {Format.WithEverySize(stepVerdict, step.Verdict, step.ProvedForEveryK, result)}");

            b.Append(CultureInfo.InvariantCulture, $"   {OneLine(step.Left)} {relation}\n");
            if (step.RefutedAt is { Count: > 1 } refutedAt)
            {
                b.Append(CultureInfo.InvariantCulture, $"       refuted at {step.RefutedInstances} of {step.Instances} instances: ");
                // A few name the pattern on one readable line; the JSON report lists them all.
                const int Shown = 6;
                b.Append(string.Join("; ", refutedAt.Take(Shown).Select(Format.Instance)));
                b.Append(step.RefutedInstances > Math.Min(Shown, refutedAt.Count) ? "; …\n" : "\n");
            }

            if (step.Counterexample is { } c)
            {
                if (c.Values.Count > 0)
                {
                    b.Append(CultureInfo.InvariantCulture, $"       at {Format.Values(c.Values)}\n");
                }

                b.Append(step.IsPsd
                    ? $"       smallest eigenvalue {Format.Number(c.Left)} < 0 (rounding bound {Format.Bound(c.Bound)})\n"
                    : c.ExactDifference is not null
                        ? $"       left = {Format.Number(c.Left)}, right = {Format.Number(c.Right)} as doubles; {Format.ExactDifference(c)}\n"
                    : c.UndefinedSide is null && c.Reason is not null
                        ? $"       {c.Reason}\n"
                    : c.PreciseBits > 0
                        ? $"       left = {Format.Number(c.Left)}, right = {Format.Number(c.Right)}; {Format.PreciseDifference(c)}\n"
                    : c.UndefinedSide is not null
                        ? $"       left = {Format.SideValue(c, "left")}, right = {Format.SideValue(c, "right")} ({c.UndefinedSide} side undefined: {c.Reason})\n"
                        : $"       left = {Format.Number(c.Left)}, right = {Format.Number(c.Right)} (|difference| {Format.Number(Math.Abs(c.Left - c.Right))} > bound {Format.Bound(c.Bound)})\n");
            }
            if (step.Correction is { } correction)
            {
                b.Append(CultureInfo.InvariantCulture, $"       should read: {correction.Text}\n");
                if (correction.Explanation is { } why)
                {
                    b.Append(CultureInfo.InvariantCulture, $"       ({why})\n");
                }
            }

            if (step.Counterexample is null && step.Evidence is { } e && step.Verdict == Verdict.HoldsNumerically)
            {
                var inconclusive = e.InconclusivePoints > 0 ? $" ({e.InconclusivePoints} inconclusive points skipped: enclosures too wide)" : "";
                b.Append(step.IsPsd
                    ? $"       {e.Points} points, smallest eigenvalue >= -{Format.Bound(e.MaxAbsDifference)} within bounds up to {Format.Bound(e.MaxErrorBound)}{inconclusive}\n"
                    : $"       {e.Points} points, max |difference| {Format.Bound(e.MaxAbsDifference)} within bounds up to {Format.Bound(e.MaxErrorBound)}{inconclusive}\n");
            }
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
