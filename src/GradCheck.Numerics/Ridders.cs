namespace GradCheck.Numerics;

/// <summary>
/// Fills the difference quotient of every output for step <paramref name="h"/> (values may be
/// non-finite) and an absolute bound on the rounding error of each quotient.
/// </summary>
internal delegate void Quotient(double h, Span<double> values, Span<double> noise);

/// <summary>
/// Ridders' form of Richardson extrapolation (Numerical Recipes' dfridr, the idea behind
/// FiniteDifferences.jl's extrapolate_fdm): a Neville tableau over steps h₀, h₀/2, h₀/4, …
/// eliminates the leading truncation terms one by one; the error of each tableau entry is
/// estimated by its distance to its two parents, floored by the propagated rounding bound, and
/// the entry with the smallest estimate wins. A row whose diagonal moves away by more than
/// <see cref="Safe"/> times the best error ends the search (rounding has taken over).
/// Each output of a vector quotient runs its own tableau over the shared evaluations.
/// </summary>
internal static class Ridders
{
    public const double Safe = 2.0;

    /// <summary>
    /// The reported error is this multiple of the tableau estimate. The tableau differences measure
    /// the error of the parent entries and under-read rounding when the function's noise is larger
    /// than a few ulps of its value (log-sum-exp minus a logit: terms of size 3, value 0.05); doubling
    /// brings the estimate's coverage of the true error from about 97 % to above 99 % (docs/numerics.md).
    /// </summary>
    public const double EstimateFactor = 2.0;
    public const int DefaultRows = 12;

    /// <summary>
    /// Rows computed before the drift rule may stop the search: at the largest steps the
    /// truncation terms can cancel each other (non-asymptotic regime), which makes an early
    /// entry look converged and would stop the search with a poor value.
    /// </summary>
    public const int MinimumRows = 6;
    private const double Ratio = 2.0;
    private const int Retries = 6;

    /// <param name="quotient">The difference quotient.</param>
    /// <param name="outputs">Number of outputs of the quotient.</param>
    /// <param name="initialStep">h₀.</param>
    /// <param name="order">2 when the error series has only even powers of h (central), 1 otherwise.</param>
    /// <param name="value">Receives the extrapolated values (NaN when none was finite).</param>
    /// <param name="error">Receives the error estimates (∞ when none was finite).</param>
    /// <param name="rows">Maximum number of steps in the tableau.</param>
    public static void Extrapolate(Quotient quotient, int outputs, double initialStep, int order,
        Span<double> value, Span<double> error, int rows = DefaultRows)
    {
        var prev = new double[outputs * rows];
        var cur = new double[outputs * rows];
        var prevNoise = new double[outputs * rows];
        var curNoise = new double[outputs * rows];
        var rowValues = new double[outputs];
        var rowNoise = new double[outputs];
        var active = new bool[outputs];
        value.Fill(double.NaN);
        error.Fill(double.PositiveInfinity);

        // A large first step can leave the function's domain (log near 0); shrink it until finite.
        var h = initialStep;
        var finiteStart = false;
        for (var attempt = 0; attempt <= Retries && !finiteStart; attempt++)
        {
            if (attempt > 0)
            {
                h /= Ratio * Ratio;
            }

            quotient(h, rowValues, rowNoise);
            finiteStart = AllFinite(rowValues);
        }

        var anyActive = false;
        for (var k = 0; k < outputs; k++)
        {
            prev[k * rows] = rowValues[k];
            prevNoise[k * rows] = rowNoise[k];
            active[k] = double.IsFinite(rowValues[k]);
            anyActive |= active[k];
        }

        var step = Math.Pow(Ratio, order);
        for (var i = 1; i < rows && anyActive; i++)
        {
            h /= Ratio;
            quotient(h, rowValues, rowNoise);
            anyActive = false;
            for (var k = 0; k < outputs; k++)
            {
                if (!active[k])
                {
                    continue;
                }

                var baseIndex = k * rows;
                if (!double.IsFinite(rowValues[k]))
                {
                    active[k] = false;
                    continue;
                }

                cur[baseIndex] = rowValues[k];
                curNoise[baseIndex] = rowNoise[k];
                var factor = step;
                for (var j = 1; j <= i; j++)
                {
                    // T[i][j] = (c·T[i][j−1] − T[i−1][j−1]) / (c − 1), c = 2^(order·j)
                    var t = ((factor * cur[baseIndex + j - 1]) - prev[baseIndex + j - 1]) / (factor - 1);
                    var noise = ((factor * curNoise[baseIndex + j - 1]) + prevNoise[baseIndex + j - 1]) / (factor - 1);
                    cur[baseIndex + j] = t;
                    curNoise[baseIndex + j] = noise;
                    factor *= step;
                    var estimate = EstimateFactor * Math.Max(
                        Math.Max(Math.Abs(t - cur[baseIndex + j - 1]), Math.Abs(t - prev[baseIndex + j - 1])),
                        noise);
                    if (double.IsFinite(t) && estimate <= error[k])
                    {
                        error[k] = estimate;
                        value[k] = t;
                    }
                }

                var drift = Math.Abs(cur[baseIndex + i] - prev[baseIndex + i - 1]);
                if ((i >= MinimumRows - 1 && drift >= Safe * error[k]) || !double.IsFinite(drift))
                {
                    active[k] = false;
                }
                else
                {
                    anyActive = true;
                }
            }

            (prev, cur) = (cur, prev);
            (prevNoise, curNoise) = (curNoise, prevNoise);
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
