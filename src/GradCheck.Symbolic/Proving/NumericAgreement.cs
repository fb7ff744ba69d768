namespace GradCheck.Symbolic.Proving;

/// <summary>
/// When overlapping enclosures of two sides say something. Overlap alone proves nothing when the
/// enclosures are wide: (10²⁰ + x) − 10²⁰ evaluates to an enclosure about ±10⁴ wide, which overlaps
/// x, x + 1 and 100·x alike. A point is <em>conclusive</em> only when the error bound is at most a
/// relative <see cref="RelativeWidth"/> of the values compared; an inconclusive point is skipped, it
/// is neither agreement nor disagreement (disjoint enclosures refute at any width).
/// </summary>
/// <remarks>
/// Why 10⁻⁶: an ordinary step evaluated in double precision has a bound of a few to a few thousand
/// ulps (10⁻¹⁵ to 10⁻¹² relative in the catalogue), so even an evaluation that loses six more digits to
/// cancellation still leaves a conclusive point; beyond that it has lost all but a few digits, and a
/// claim wrong by one part in a million could hide inside the enclosures. At a conclusive point two
/// sides that overlap differ by at most 10⁻⁶ of their size: "holds numerically" means at least that.
/// The scale is the larger magnitude of the two enclosures' ends; two exact zeros (bound 0) are
/// conclusive, while a value that cancels to a few ulps around 0 is not (relative to itself it has
/// no correct digit).
/// </remarks>
public static class NumericAgreement
{
    /// <summary>The largest error bound, relative to the values, at which a point is conclusive (10⁻⁶).</summary>
    public const double RelativeWidth = 1e-6;

    /// <summary>True when the two finite enclosures are narrow enough, relative to their values, for
    /// their overlap to count as agreement (see <see cref="NumericAgreement"/>).</summary>
    /// <param name="left">The left side's enclosure.</param>
    /// <param name="right">The right side's enclosure.</param>
    public static bool IsConclusive(Interval left, Interval right)
    {
        var scale = Math.Max(Magnitude(left), Magnitude(right));
        // Both exactly 0: no rounding at all (Width is rounded up by an ulp, so it is never 0 itself).
        return scale == 0 || IsConclusive(ErrorBound(left, right), scale);
    }

    /// <summary>True when an error <paramref name="bound"/> is 0 or at most <see cref="RelativeWidth"/> of
    /// <paramref name="scale"/>, the size of the values it bounds; false for a NaN or infinite bound.</summary>
    /// <param name="bound">The bound on the computed quantity's error.</param>
    /// <param name="scale">The magnitude of the values compared.</param>
    public static bool IsConclusive(double bound, double scale) =>
        double.IsFinite(bound) && (bound == 0 || bound <= RelativeWidth * Math.Abs(scale));

    /// <summary>The rigorous bound on the error of the computed difference of two enclosures' midpoints:
    /// half the sum of their widths.</summary>
    /// <param name="left">The left side's enclosure.</param>
    /// <param name="right">The right side's enclosure.</param>
    public static double ErrorBound(Interval left, Interval right) => (left.Width + right.Width) / 2;

    private static double Magnitude(Interval x) => Math.Max(Math.Abs(x.Lo), Math.Abs(x.Hi));
}
