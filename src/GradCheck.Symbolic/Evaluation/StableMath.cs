namespace GradCheck.Symbolic.Evaluation;

/// <summary>
/// Numerically careful scalar functions shared by the interpreter and compiled delegates (so both give
/// bit-identical results). NaN in gives NaN out for every function here.
/// </summary>
/// <remarks>
/// σ(x) is computed from e^(−|x|), so it never overflows and keeps full relative accuracy in both tails;
/// softplus(x) = max(x, 0) + log1p(e^(−|x|)); log1p is accurate for tiny arguments.
/// </remarks>
public static class StableMath
{
    /// <summary>σ(x) = 1/(1 + e^−x), via e^(−|x|): no overflow, relative accuracy in both tails.</summary>
    /// <example><code>StableMath.Sigmoid(-800); // 0 (the true 3.7e-348 underflows), never NaN</code></example>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        var e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>softplus(x) = ln(1 + e^x) = max(x, 0) + log1p(e^(−|x|)); exact to rounding for all x.</summary>
    public static double Softplus(double x) =>
        x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));

    /// <summary>ln(1 + x), accurate when |x| is tiny (Goldberg's correction); NaN below −1, −∞ at −1.</summary>
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsInfinity(u) || u <= 0 || double.IsNaN(u))
        {
            return Math.Log(u);
        }

        // ln(u) is exact for the rounded u; scale by x/(u − 1) to correct for the rounding of 1 + x.
        return Math.Log(u) * (x / (u - 1.0));
    }

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    public static double Relu(double x) => x > 0 || double.IsNaN(x) ? x : 0.0;

    /// <summary>−1, 0 or 1; NaN stays NaN.</summary>
    public static double Sign(double x) => x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : double.NaN;

    /// <summary>Heaviside step: 1 for x &gt; 0, 0 for x ≤ 0; NaN stays NaN.</summary>
    public static double Step(double x) => x > 0 ? 1.0 : x <= 0 ? 0.0 : double.NaN;

    /// <summary>x^n by repeated squaring (x^2 is exactly x·x); works for negative x; x^0 = 1.</summary>
    public static double IntPow(double x, int n) =>
        n < 0 ? 1.0 / PositivePower(x, -(long)n) : PositivePower(x, n);

    private static double PositivePower(double x, long n)
    {
        var result = 1.0;
        var power = x;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= power;
            }

            n >>= 1;
            if (n > 0)
            {
                power *= power;
            }
        }

        return result;
    }
}
