namespace GradCheck.Numerics;

/// <summary>
/// Checks a claimed Hessian (n × n, row-major) either against second differences of the function
/// or — the analogue of torch's gradgradcheck — against first differences of a gradient function
/// (which is then checked as a Jacobian). Kinks are not probed here.
/// </summary>
/// <remarks>
/// NaN/∞ policy: a non-finite point throws <see cref="ArgumentException"/>; non-finite claimed
/// or function values make the affected entries <see cref="EntryStatus.NotFinite"/>.
/// </remarks>
public static class HessianChecker
{
    /// <summary>
    /// Checks <paramref name="claimedHessian"/> against Richardson-extrapolated second differences of
    /// <paramref name="f"/> (about 4·12 evaluations per off-diagonal pair: meant for small n).
    /// </summary>
    /// <param name="f">The function; it must not modify its argument.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="claimedHessian">The claimed Hessian, row-major n × n.</param>
    /// <param name="options">Options (<see cref="GradientCheckOptions.Method"/> is ignored: always Richardson).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">x is empty or not finite, or the claimed Hessian is not n² long.</exception>
    public static GradientCheckReport Check(Func<double[], double> f, double[] x, double[] claimedHessian,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        var n = x.Length;
        Guard.Length(claimedHessian, n * n, nameof(claimedHessian), $"The claimed Hessian ({n} × {n}, row-major)");
        options ??= GradientCheckOptions.Default;
        options.Validate();

        long evaluations = 0;
        double Counted(double[] point)
        {
            evaluations++;
            return f(point);
        }

        var (values, errors) = FiniteDifferences.HessianCore(Counted, x, options.Noise);
        var judge = new EntryJudge(options, Steps.DoubleUnitRoundoff, EntryJudge.MaxAbsFinite(claimedHessian));
        var entries = new EntryReport[n * n];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = !double.IsFinite(claimedHessian[i])
                ? EntryJudge.NotFinite(i, claimedHessian[i], values[i], "the claimed value is not finite")
                : !double.IsFinite(values[i])
                    ? EntryJudge.NotFinite(i, claimedHessian[i], values[i], "the function is not finite near the point")
                    : judge.Judge(i, claimedHessian[i], values[i], errors[i], judge.ClaimedRounding(claimedHessian[i]), DifferenceMethod.Richardson);
        }

        return new GradientCheckReport("Hessian", entries, n, evaluations, 0, options.MaxEntriesInMessage);
    }

    /// <summary>
    /// Checks <paramref name="claimedHessian"/> as the Jacobian of <paramref name="gradient"/> — the
    /// way to check a backward pass of a backward pass (torch's gradgradcheck).
    /// </summary>
    /// <param name="gradient">A gradient function ℝⁿ → ℝⁿ (for instance one already checked by <see cref="GradientChecker"/>).</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="claimedHessian">The claimed Hessian, row-major n × n.</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">x is empty or not finite, the gradient is not n long, or the claimed Hessian is not n² long.</exception>
    public static GradientCheckReport CheckFromGradient(Func<double[], double[]> gradient, double[] x, double[] claimedHessian,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        Guard.Point(x, nameof(x));
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var g0 = JacobianChecker.AtPoint(gradient, x);
        Guard.Length(g0, x.Length, nameof(gradient), "The gradient function's output");
        Guard.Length(claimedHessian, x.Length * x.Length, nameof(claimedHessian), $"The claimed Hessian ({x.Length} × {x.Length}, row-major)");
        return JacobianChecker.Run(gradient, x, g0, claimedHessian, options, "Hessian");
    }
}
