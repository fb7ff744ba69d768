namespace GradCheck.Numerics;

/// <summary>
/// Step policy: a step balances truncation against rounding (h ≈ ε^(1/(p+1))·scale for a
/// p-th order formula, as MathNet's NumericalDerivative does) and is rounded down to a power of
/// two so that x ± h is computed with as little rounding as possible.
/// </summary>
internal static class Steps
{
    /// <summary>Machine epsilon of float64 (2⁻⁵²).</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>Unit roundoff of float64 (2⁻⁵³): the relative error of one rounding.</summary>
    public const double DoubleUnitRoundoff = Epsilon / 2;

    /// <summary>Unit roundoff of float32 (2⁻²⁴).</summary>
    public const double SingleUnitRoundoff = 5.9604644775390625e-8;

    /// <summary>Initial step of the Richardson tableau relative to the point's scale.</summary>
    public const double RichardsonInitialFactor = 0.125;

    public static double Scale(double x) => Math.Max(Math.Abs(x), 1.0);

    public static double PowerOfTwoAtMost(double value) =>
        value > 0 && double.IsFinite(value) ? Math.ScaleB(1.0, Math.ILogB(value)) : 1.0;

    public static double For(DifferenceMethod method, double scale) => method switch
    {
        DifferenceMethod.Forward => PowerOfTwoAtMost(Math.Sqrt(Epsilon) * scale),
        DifferenceMethod.Central => PowerOfTwoAtMost(Math.Cbrt(Epsilon) * scale),
        DifferenceMethod.FivePoint => PowerOfTwoAtMost(Math.Pow(Epsilon, 0.2) * scale),
        _ => PowerOfTwoAtMost(RichardsonInitialFactor * scale),
    };
}
