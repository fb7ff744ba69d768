using System.Globalization;
using GradCheck.Claims.Checking;

namespace GradCheck.Claims.Reporting;

/// <summary>Invariant-culture formatting shared by the text and Markdown reports.</summary>
internal static class Format
{
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A side's value at a counterexample, or "undefined" for the side that has no real value there.</summary>
    public static string SideValue(CounterexampleReport c, string side) =>
        c.UndefinedSide == side ? "undefined" : Number(side == "left" ? c.Left : c.Right);

    /// <summary>"left − right = 1/300000000000000000000 exactly (≈ 3.3E-21); left = 1/3, right = …" for an exact counterexample.</summary>
    /// <summary>"left − right ≈ 1.2E-22 at 256-bit precision" for a counterexample decided at high precision.</summary>
    public static string PreciseDifference(CounterexampleReport c) =>
        string.Create(CultureInfo.InvariantCulture, $"left − right ≈ {c.PreciseDifference:0.##E+0} at {c.PreciseBits}-bit precision (interval arithmetic; below what doubles separate)");

    public static string ExactDifference(CounterexampleReport c)
    {
        var sides = c.ExactLeft is not null && c.ExactRight is not null ? $"; left = {c.ExactLeft}, right = {c.ExactRight}" : "";
        var approximate = c.ExactDifference.GetValueOrDefault().ToDouble();
        return $"left − right = {c.ExactDifference} exactly (≈ {approximate.ToString("0.##E+0", CultureInfo.InvariantCulture)}){sides}";
    }

    public static string Bound(double value) => value == 0 ? "0" : value.ToString("0.#E+0", CultureInfo.InvariantCulture);

    /// <summary>"K = 3, i = 2", and for matrix notation "K = 3, entry (2, 1)".</summary>
    public static string Instance(IReadOnlyDictionary<string, int>? instance)
    {
        if (instance is null || instance.Count == 0)
        {
            return "";
        }

        var parts = EntryLabels.WithoutEntry(instance)!.Select(p => $"{p.Key} = {p.Value.ToString(CultureInfo.InvariantCulture)}").ToList();
        if (EntryLabels.Entry(instance) is { } entry)
        {
            parts.Add(entry.Count == 1
                ? "entry " + entry[0].ToString(CultureInfo.InvariantCulture)
                : "entry (" + string.Join(", ", entry.Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")");
        }

        return string.Join(", ", parts);
    }

    public static string Values(IReadOnlyDictionary<string, double> values) =>
        string.Join(", ", values.Select(p => $"{p.Key} = {Number(p.Value)}"));

    public static string Expectation(ClaimResult result) => result.Expected switch
    {
        null => "",
        Syntax.ExpectedOutcome.Proved => "proved",
        _ => result.ExpectedStep is { } step ? $"refuted at step {step.ToString(CultureInfo.InvariantCulture)}" : "refuted",
    };

    /// <summary>"proved for every K ≥ 2" (see <see cref="ClaimResult.EverySizeRange"/>).</summary>
    public static string EverySize(ClaimResult result) => "proved for every " + result.EverySizeRange;

    /// <summary>
    /// A verdict phrase with the index calculus's result folded in: "proved" becomes "proved for every K ≥ 2";
    /// any other verdict keeps its words and gains "; proved for every K ≥ 2" (the per-size verdict stays).
    /// </summary>
    public static string WithEverySize(string verdict, Verdict perSize, bool provedForEveryK, ClaimResult result) =>
        !provedForEveryK ? verdict : perSize == Verdict.Proved ? EverySize(result) : verdict + "; " + EverySize(result);

    public static string VerdictPhrase(ClaimResult result) =>
        result.Verdict == Verdict.Refuted && result.FirstRefutedStep is { } step
            ? $"refuted at step {step.ToString(CultureInfo.InvariantCulture)}"
            : result.Verdict.ToWords();
}
