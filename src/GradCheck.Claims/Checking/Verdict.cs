namespace GradCheck.Claims.Checking;

/// <summary>The outcome of a step or a claim, from strongest to weakest.</summary>
public enum Verdict
{
    /// <summary>The difference of the two sides is identically 0 symbolically, under the assumptions.</summary>
    Proved,

    /// <summary>No symbolic proof was found, but the sides agree at every sampled point within an
    /// error bound derived from the evaluation itself.</summary>
    HoldsNumerically,

    /// <summary>A point was found where the sides differ by more than any rounding can explain.</summary>
    Refuted,

    /// <summary>The text could not be read or makes no sense.</summary>
    Error,
}

/// <summary>Names and ordering of <see cref="Verdict"/> values.</summary>
public static class VerdictText
{
    /// <summary>The verdict as it appears in reports and JSON: proved, holds-numerically, refuted, error.</summary>
    /// <param name="verdict">The verdict.</param>
    public static string ToText(this Verdict verdict) => verdict switch
    {
        Verdict.Proved => "proved",
        Verdict.HoldsNumerically => "holds-numerically",
        Verdict.Refuted => "refuted",
        _ => "error",
    };

    /// <summary>The verdict in words for people: "holds numerically" rather than "holds-numerically".</summary>
    /// <param name="verdict">The verdict.</param>
    public static string ToWords(this Verdict verdict) => verdict == Verdict.HoldsNumerically ? "holds numerically" : verdict.ToText();

    /// <summary>The weaker of two verdicts (error &lt; refuted &lt; holds numerically &lt; proved).</summary>
    /// <param name="a">One verdict.</param>
    /// <param name="b">Another.</param>
    public static Verdict Weakest(Verdict a, Verdict b) => (Verdict)Math.Max((int)a, (int)b);
}
