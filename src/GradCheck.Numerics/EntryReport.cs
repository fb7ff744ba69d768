namespace GradCheck.Numerics;

/// <summary>The verdict on one entry of a derivative check.</summary>
public enum EntryStatus
{
    /// <summary>The claimed value agrees with the numeric estimate within the tolerance.</summary>
    Passed,

    /// <summary>The claimed value disagrees beyond the tolerance.</summary>
    Failed,

    /// <summary>The function has a kink here (one-sided derivatives disagree) and no subgradient convention was asked for.</summary>
    NotDifferentiable,

    /// <summary>The claimed value or the function near the point is NaN or infinite.</summary>
    NotFinite,

    /// <summary>The estimate cannot decide: its estimated error exceeds the derivative itself (and the claimed value),
    /// as for a noisy or non-deterministic function. Not acceptable: the check fails rather than pass on no evidence.</summary>
    Inconclusive,
}

/// <summary>
/// One checked entry: its flat index (row-major for matrices), the claimed value, the numeric
/// estimate, the estimate's error, and the ratio |claimed − numeric| / <see cref="Tolerance"/>
/// (above 1 fails; ∞ or NaN when something was not finite).
/// </summary>
/// <param name="Index">Flat index of the entry (r·columns + c for a matrix; the projection number in fast mode).</param>
/// <param name="Claimed">The claimed derivative.</param>
/// <param name="Numeric">The finite-difference estimate the claim was judged against.</param>
/// <param name="ErrorEstimate">The estimated absolute error of <paramref name="Numeric"/>.</param>
/// <param name="Ratio">|claimed − numeric| / tolerance.</param>
public sealed record EntryReport(int Index, double Claimed, double Numeric, double ErrorEstimate, double Ratio)
{
    /// <summary>The tolerance the difference was compared with (see <see cref="GradientCheckOptions"/>).</summary>
    public double Tolerance { get; init; }

    /// <summary>
    /// The widest tolerance the entry was measured against at any stage of the decision (the quick
    /// estimate's rounding-based tolerance is often wider than the final Richardson one). A wrong
    /// value within it could have passed, so the fast mode's miss bound uses it.
    /// </summary>
    public double WidestTolerance { get; init; }

    /// <summary>The verdict.</summary>
    public EntryStatus Status { get; init; }

    /// <summary>True when the one-sided derivatives disagree here (a kink within a step of the point).</summary>
    public bool AtKink { get; init; }

    /// <summary>The left (backward) derivative when a kink was probed, else NaN.</summary>
    public double LeftDerivative { get; init; } = double.NaN;

    /// <summary>The right (forward) derivative when a kink was probed, else NaN.</summary>
    public double RightDerivative { get; init; } = double.NaN;

    /// <summary>The formula whose estimate decided this entry.</summary>
    public DifferenceMethod DecidedBy { get; init; }

    /// <summary>A short explanation when the entry is not a plain pass or fail.</summary>
    public string? Note { get; init; }

    /// <summary>True unless the entry failed or was not finite.</summary>
    public bool IsAcceptable => Status is EntryStatus.Passed or EntryStatus.NotDifferentiable;
}
