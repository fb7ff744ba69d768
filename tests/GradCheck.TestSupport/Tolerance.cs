namespace GradCheck.TestSupport;

/// <summary>
/// Tolerance helpers: relative errors with an explicit floor, normwise errors, distances in ulps,
/// and tolerances scaled to the magnitudes that took part in a computation (as dotnet/runtime's
/// tensor tests scale theirs), so tests say what accuracy they expect and why.
/// </summary>
public static class Tolerance
{
    /// <summary>Unit roundoff of double (2⁻⁵³).</summary>
    public const double DoubleUnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Unit roundoff of float (2⁻²⁴).</summary>
    public const double SingleUnitRoundoff = 5.9604644775390625e-8;

    /// <summary>|estimate − exact| / max(|exact|, floor); NaN if either is NaN.</summary>
    public static double RelativeError(double estimate, double exact, double floor = 0) =>
        Math.Abs(estimate - exact) / Math.Max(Math.Abs(exact), floor);

    /// <summary>‖estimate − exact‖∞ / ‖exact‖∞ (∞-norms; the exact vector must not be all zero).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double NormwiseRelativeError(IReadOnlyList<double> estimate, IReadOnlyList<double> exact)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(exact);
        if (estimate.Count != exact.Count)
        {
            throw new ArgumentException($"Lengths differ: {estimate.Count} vs {exact.Count}.", nameof(estimate));
        }

        double difference = 0, scale = 0;
        for (var i = 0; i < exact.Count; i++)
        {
            difference = Math.Max(difference, Math.Abs(estimate[i] - exact[i]));
            scale = Math.Max(scale, Math.Abs(exact[i]));
        }

        return difference / scale;
    }

    /// <summary>The number of representable doubles between a and b (0 when equal; long.MaxValue across NaN and when the distance reaches it).</summary>
    public static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return long.MaxValue;
        }

        static long Ordered(double v)
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        // In 128 bits: values of opposite sign far from 0 are more than 2^63 ulps apart.
        var d = Int128.Abs((Int128)Ordered(a) - Ordered(b));
        return d >= long.MaxValue ? long.MaxValue : (long)d;
    }

    /// <summary>
    /// A tolerance for a computation of <paramref name="operations"/> roundings over terms whose
    /// magnitudes sum to <paramref name="magnitude"/>: operations·u·magnitude (Higham's γₙ bound).
    /// </summary>
    public static double Scaled(double unitRoundoff, int operations, double magnitude) =>
        operations * unitRoundoff * Math.Abs(magnitude);
}
