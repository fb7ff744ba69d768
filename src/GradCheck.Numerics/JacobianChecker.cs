namespace GradCheck.Numerics;

/// <summary>
/// Checks claimed Jacobians of f: ℝⁿ → ℝᵐ (row-major m × n: entry (r, c) = ∂fᵣ/∂x_c), claimed
/// Jacobian–vector products J·v and vector–Jacobian products uᵀJ against finite differences,
/// deciding each entry from the estimated error (see <see cref="GradientCheckOptions"/>).
/// Kink detection applies to the vector–Jacobian check (it is a gradient check of u·f).
/// </summary>
/// <remarks>
/// NaN/∞ policy: non-finite inputs (point, directions) throw <see cref="ArgumentException"/>;
/// non-finite claimed values or function values make the affected entries
/// <see cref="EntryStatus.NotFinite"/> and the check fail. f must not modify its argument and
/// must return the same number of outputs everywhere (otherwise <see cref="InvalidOperationException"/>).
/// </remarks>
public static class JacobianChecker
{
    /// <summary>Checks a full claimed Jacobian, one input column at a time.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="claimedJacobian">The claimed Jacobian, row-major m × n (m = f(x).Length, n = x.Length).</param>
    /// <param name="options">Options; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">x is empty or not finite, f(x) is empty, or the claimed Jacobian is not m·n long.</exception>
    public static GradientCheckReport Check(Func<double[], double[]> f, double[] x, double[] claimedJacobian,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var f0 = AtPoint(f, x);
        Guard.Length(claimedJacobian, f0.Length * x.Length, nameof(claimedJacobian),
            $"The claimed Jacobian ({f0.Length} outputs × {x.Length} inputs, row-major)");
        return Run(f, x, f0, claimedJacobian, options, "Jacobian");
    }

    /// <summary>Checks a claimed Jacobian–vector product J(x)·v (length m) by a directional derivative along v.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The tangent direction (length n, finite, not zero).</param>
    /// <param name="claimedJvp">The claimed J·v (length m).</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A vector is empty, not finite, of the wrong length, or v is zero.</exception>
    public static GradientCheckReport CheckJvp(Func<double[], double[]> f, double[] x, double[] v, double[] claimedJvp,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        Guard.Point(v, nameof(v));
        Guard.Length(v, x.Length, nameof(v), "The tangent v");
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var f0 = AtPoint(f, x);
        Guard.Length(claimedJvp, f0.Length, nameof(claimedJvp), "The claimed Jacobian–vector product");
        var judge = new EntryJudge(options, Steps.DoubleUnitRoundoff, EntryJudge.MaxAbsFinite(claimedJvp));
        var line = new DirectionLine(f, (double[])x.Clone(), (double[])v.Clone(), f0.Length);
        var (escalated, reports) = judge.CheckVector(line, f0, claimedJvp, FiniteDifferences.DirectionScale(x, v, nameof(v)), r => r);
        return new GradientCheckReport("Jacobian–vector product", reports, 0, 1 + line.Evaluations, escalated, options.MaxEntriesInMessage);
    }

    /// <summary>
    /// Checks a claimed vector–Jacobian product uᵀJ(x) (length n): the gradient of x ↦ u·f(x).
    /// This is what a backward pass computes, so it is the natural check for one.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The cotangent (length m, finite).</param>
    /// <param name="claimedVjp">The claimed uᵀJ (length n).</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A vector is empty, not finite or of the wrong length.</exception>
    public static GradientCheckReport CheckVjp(Func<double[], double[]> f, double[] x, double[] u, double[] claimedVjp,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        Guard.Point(u, nameof(u));
        Guard.Length(claimedVjp, x.Length, nameof(claimedVjp), "The claimed vector–Jacobian product");
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var f0 = AtPoint(f, x);
        Guard.Length(u, f0.Length, nameof(u), "The cotangent u");
        var cotangent = (double[])u.Clone();
        double Contracted(double[] point)
        {
            var y = f(point);
            Guard.OutputLength(y, cotangent.Length);
            var sum = 0.0;
            for (var r = 0; r < cotangent.Length; r++)
            {
                sum += cotangent[r] * y[r];
            }

            return sum;
        }

        return GradientChecker.Run(Contracted, x, claimedVjp, Steps.DoubleUnitRoundoff, options, "vector–Jacobian product", null);
    }

    /// <summary>
    /// Fast check of a claimed Jacobian by random projections: for K random tangents z (entries uniform on [−√3, √3]) compares
    /// (claimed J)·z with the directional derivative of f along z, output by output. The report
    /// states the probability of missing a wrong row (<see cref="ProjectionCheckReport.MissProbability"/>).
    /// </summary>
    /// <inheritdoc cref="Check" path="/param"/>
    /// <inheritdoc cref="Check" path="/exception"/>
    public static ProjectionCheckReport CheckFast(Func<double[], double[]> f, double[] x, double[] claimedJacobian,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        options ??= GradientCheckOptions.Default;
        options.Validate();
        var f0 = AtPoint(f, x);
        int m = f0.Length, n = x.Length;
        Guard.Length(claimedJacobian, m * n, nameof(claimedJacobian), $"The claimed Jacobian ({m} outputs × {n} inputs, row-major)");
        var random = new RandomDirections(options.Seed);
        var reports = new List<EntryReport>();
        long evaluations = 1;
        for (var k = 0; k < options.Projections; k++)
        {
            var z = new double[n];
            random.Fill(z);
            var product = new double[m];
            var magnitude = 0.0;
            for (var r = 0; r < m; r++)
            {
                for (var c = 0; c < n; c++)
                {
                    product[r] += claimedJacobian[(r * n) + c] * z[c];
                    magnitude = Math.Max(magnitude, Math.Abs(claimedJacobian[(r * n) + c] * z[c]) * n);
                }
            }

            var judge = new EntryJudge(options, Steps.DoubleUnitRoundoff, magnitude);
            var line = new DirectionLine(f, (double[])x.Clone(), z, m);
            var projection = k;
            var (_, column) = judge.CheckVector(line, f0, product, FiniteDifferences.DirectionScale(x, z, nameof(x)), r => (projection * m) + r);
            reports.AddRange(column);
            evaluations += line.Evaluations;
        }

        return new ProjectionCheckReport("Jacobian", reports, options.Projections, options.Safety, evaluations, options.MaxEntriesInMessage);
    }

    internal static double[] AtPoint(Func<double[], double[]> f, double[] x)
    {
        var y = f((double[])x.Clone()) ?? throw new ArgumentException("f returned null at the point.", nameof(f));
        if (y.Length == 0)
        {
            throw new ArgumentException("f returned no values at the point; a Jacobian needs at least one output.", nameof(f));
        }

        return (double[])y.Clone();
    }

    internal static GradientCheckReport Run(Func<double[], double[]> f, double[] x, double[] f0, double[] claimed,
        GradientCheckOptions options, string subject)
    {
        int m = f0.Length, n = x.Length;
        var entries = new EntryReport[m * n];
        if (!f0.All(double.IsFinite))
        {
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = EntryJudge.NotFinite(i, claimed[i], double.NaN, "f(x) is not finite at the point");
            }

            return new GradientCheckReport(subject, entries, n, 1, 0, options.MaxEntriesInMessage);
        }

        var judge = new EntryJudge(options, Steps.DoubleUnitRoundoff, EntryJudge.MaxAbsFinite(claimed));
        var work = (double[])x.Clone();
        var column = new double[m];
        long evaluations = 1;
        var escalations = 0;
        for (var c = 0; c < n; c++)
        {
            for (var r = 0; r < m; r++)
            {
                column[r] = claimed[(r * n) + c];
            }

            var line = new VectorCoordinateLine(f, work, c, m);
            var col = c;
            var (escalated, reports) = judge.CheckVector(line, f0, column, Steps.Scale(x[c]), r => (r * n) + col);
            foreach (var report in reports)
            {
                entries[report.Index] = report;
            }

            evaluations += line.Evaluations;
            escalations += escalated;
        }

        return new GradientCheckReport(subject, entries, n, evaluations, escalations, options.MaxEntriesInMessage);
    }
}
