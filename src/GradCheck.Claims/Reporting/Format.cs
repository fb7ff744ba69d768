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

    public static string Bound(double value) => value == 0 ? "0" : value.ToString("0.#E+0", CultureInfo.InvariantCulture);

    public static string Instance(IReadOnlyDictionary<string, int>? instance) =>
        instance is null || instance.Count == 0 ? "" : string.Join(", ", instance.Select(p => $"{p.Key} = {p.Value.ToString(CultureInfo.InvariantCulture)}"));

    public static string Values(IReadOnlyDictionary<string, double> values) =>
        string.Join(", ", values.Select(p => $"{p.Key} = {Number(p.Value)}"));

    public static string Expectation(ClaimResult result) => result.Expected switch
    {
        null => "",
        Syntax.ExpectedOutcome.Proved => "proved",
        _ => result.ExpectedStep is { } step ? $"refuted at step {step.ToString(CultureInfo.InvariantCulture)}" : "refuted",
    };

    /// <summary>"proved for every K ≥ 2" (every size of the claim's <c>for</c> lines, from its smallest), for a
    /// claim or step proved for every size at once; empty otherwise.</summary>
    public static string EverySize(ClaimResult result, bool proved) =>
        proved && result.Syntax is { } syntax ? "proved for every " + EverySizeProof.Sizes(syntax) : "";

    public static string VerdictPhrase(ClaimResult result) =>
        result.Verdict == Verdict.Refuted && result.FirstRefutedStep is { } step
            ? $"refuted at step {step.ToString(CultureInfo.InvariantCulture)}"
            : result.Verdict.ToWords();
}
