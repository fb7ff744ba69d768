using GradCheck.Symbolic.Corrections;

namespace GradCheck.Claims.Corrections;

/// <summary>
/// What a refuted step should have said: an expression that the prover proved equal to the step's left
/// side at every instance the step was checked at, written in the claim's own terms (its <c>let</c> names,
/// indices and sums) and as close to the step's right side as the search found (fewest changed nodes).
/// </summary>
/// <param name="Text">The corrected right side, in the claims syntax (it parses back).</param>
/// <param name="Kind">The change from the written right side (<see cref="EditKind.Rewrite"/> when no single
/// simple change was found and the side is rewritten).</param>
/// <param name="Written">The changed fragment as written (the whole side for a rewrite).</param>
/// <param name="Corrected">What that fragment should be.</param>
/// <param name="Explanation">The difference in words ("your side is the correction times 1/2", "the sign
/// of `y_j` is wrong", …); null for a rewrite, which has no simple one.</param>
/// <param name="ProvedInstances">The instances at which the correction was proved equal to the left side
/// (every instance of the step).</param>
public sealed record Correction(string Text, EditKind Kind, string Written, string Corrected, string? Explanation, int ProvedInstances)
{
    /// <summary>The kind in the JSON report's words: <c>sign</c>, <c>factor</c>, <c>missing-term</c>,
    /// <c>extra-term</c>, <c>extra-factor</c>, <c>index-swap</c>, <c>transpose</c>, <c>number</c>, <c>rewrite</c>.</summary>
    public string KindText => Kind switch
    {
        EditKind.Sign => "sign",
        EditKind.Factor => "factor",
        EditKind.MissingTerm => "missing-term",
        EditKind.ExtraTerm => "extra-term",
        EditKind.ExtraFactor => "extra-factor",
        EditKind.IndexSwap => "index-swap",
        EditKind.Transpose => "transpose",
        EditKind.Number => "number",
        _ => "rewrite",
    };
}
