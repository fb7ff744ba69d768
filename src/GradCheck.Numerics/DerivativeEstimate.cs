namespace GradCheck.Numerics;

/// <summary>
/// A finite-difference estimate of a derivative together with an estimate of its absolute error
/// (truncation plus rounding). <see cref="ErrorEstimate"/> is <see cref="double.PositiveInfinity"/>
/// when no estimate could be formed (for instance, when the function was not finite near the point),
/// in which case <see cref="Value"/> is <see cref="double.NaN"/>.
/// </summary>
/// <param name="Value">The estimated derivative.</param>
/// <param name="ErrorEstimate">The estimated absolute error of <paramref name="Value"/> (never negative).</param>
public readonly record struct DerivativeEstimate(double Value, double ErrorEstimate)
{
    /// <summary>An estimate that could not be formed: NaN with infinite error.</summary>
    public static DerivativeEstimate Unavailable => new(double.NaN, double.PositiveInfinity);

    /// <summary>True when both the value and its error estimate are finite.</summary>
    public bool IsFinite => double.IsFinite(Value) && double.IsFinite(ErrorEstimate);
}
