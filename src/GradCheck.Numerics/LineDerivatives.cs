namespace GradCheck.Numerics;

/// <summary>Difference formulas along a <see cref="Line"/>; every estimate carries a rounding bound.</summary>
internal static class LineDerivatives
{
    /// <summary>
    /// One application of a fixed formula at step <paramref name="h"/>: the value and the bound on
    /// its rounding error (truncation is not estimated; callers decide what that means).
    /// </summary>
    public static void Quick(Line line, ReadOnlySpan<double> atPoint, DifferenceMethod method, double h,
        NoiseModel noise, Span<double> value, Span<double> rounding, Span<double> bend = default)
    {
        bend.Fill(double.NaN);
        var m = line.Outputs;
        var plus = new double[m];
        var minus = new double[m];
        switch (method)
        {
            case DifferenceMethod.Forward:
            {
                line.Evaluate(h, plus);
                var d = line.Displacement(h);
                for (var k = 0; k < m; k++)
                {
                    value[k] = (plus[k] - atPoint[k]) / d;
                    rounding[k] = (noise.Of(plus[k]) + noise.Of(atPoint[k])) / d;
                }

                break;
            }

            case DifferenceMethod.FivePoint:
            {
                var plus2 = new double[m];
                var minus2 = new double[m];
                line.Evaluate(h, plus);
                line.Evaluate(-h, minus);
                line.Evaluate(2 * h, plus2);
                line.Evaluate(-2 * h, minus2);
                var twelveH = 6 * (line.Displacement(h) - line.Displacement(-h));
                for (var k = 0; k < m; k++)
                {
                    // f'(x) ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h
                    value[k] = ((8 * (plus[k] - minus[k])) - (plus2[k] - minus2[k])) / twelveH;
                    rounding[k] = ((8 * (noise.Of(plus[k]) + noise.Of(minus[k])))
                        + noise.Of(plus2[k]) + noise.Of(minus2[k])) / twelveH;
                }

                break;
            }

            default:
            {
                line.Evaluate(h, plus);
                line.Evaluate(-h, minus);
                var d = line.Displacement(h) - line.Displacement(-h);
                for (var k = 0; k < m; k++)
                {
                    value[k] = (plus[k] - minus[k]) / d;
                    rounding[k] = (noise.Of(plus[k]) + noise.Of(minus[k])) / d;
                    if (k < bend.Length)
                    {
                        // The difference of the one-sided slopes: f″·h where smooth, the jump at a kink.
                        bend[k] = Math.Abs(plus[k] - (2 * atPoint[k]) + minus[k]) / (0.5 * d);
                    }
                }

                break;
            }
        }
    }

    /// <summary>
    /// A fixed formula with its truncation error estimated from a second application at 2h
    /// (the difference of the two, scaled by 1/(2^p − 1) for a p-th order formula) plus rounding.
    /// </summary>
    public static void WithTruncationEstimate(Line line, ReadOnlySpan<double> atPoint, DifferenceMethod method,
        double h, NoiseModel noise, Span<double> value, Span<double> error)
    {
        var m = line.Outputs;
        var coarse = new double[m];
        var coarseRounding = new double[m];
        var rounding = new double[m];
        Quick(line, atPoint, method, h, noise, value, rounding);
        Quick(line, atPoint, method, 2 * h, noise, coarse, coarseRounding);
        var order = method switch
        {
            DifferenceMethod.Forward => 1,
            DifferenceMethod.FivePoint => 4,
            _ => 2,
        };
        var scale = Math.Pow(2, order) - 1;
        for (var k = 0; k < m; k++)
        {
            error[k] = (Math.Abs(value[k] - coarse[k]) / scale) + rounding[k];
            if (!double.IsFinite(value[k]) || !double.IsFinite(error[k]))
            {
                value[k] = double.NaN;
                error[k] = double.PositiveInfinity;
            }
        }
    }

    /// <summary>
    /// Richardson extrapolation along the line: central differences when <paramref name="side"/>
    /// is 0, one-sided differences towards +t (side 1) or −t (side −1) otherwise.
    /// </summary>
    public static void Richardson(Line line, ReadOnlySpan<double> atPoint, double initialStep, NoiseModel noise,
        int side, Span<double> value, Span<double> error)
    {
        var m = line.Outputs;
        var plus = new double[m];
        var minus = new double[m];
        var origin = atPoint.ToArray();
        Quotient quotient;
        if (side == 0)
        {
            quotient = (h, v, nz) =>
            {
                line.Evaluate(h, plus);
                line.Evaluate(-h, minus);
                var d = line.Displacement(h) - line.Displacement(-h);
                for (var k = 0; k < m; k++)
                {
                    v[k] = (plus[k] - minus[k]) / d;
                    nz[k] = (noise.Of(plus[k]) + noise.Of(minus[k])) / d;
                }
            };
        }
        else
        {
            quotient = (h, v, nz) =>
            {
                var t = side * h;
                line.Evaluate(t, plus);
                var d = line.Displacement(t);
                for (var k = 0; k < m; k++)
                {
                    v[k] = (plus[k] - origin[k]) / d;
                    nz[k] = (noise.Of(plus[k]) + noise.Of(origin[k])) / Math.Abs(d);
                }
            };
        }

        Ridders.Extrapolate(quotient, m, initialStep, side == 0 ? 2 : 1, value, error);
    }
}
