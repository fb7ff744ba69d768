namespace GradCheck.Numerics;

/// <summary>
/// How much rounding noise a function value carries: |δf| ≤ Relative·|f| + Absolute.
/// Used to bound the rounding part of every difference quotient.
/// </summary>
internal readonly record struct NoiseModel(double Relative, double Absolute)
{
    public double Of(double value) => (Relative * Math.Abs(value)) + Absolute;
}
