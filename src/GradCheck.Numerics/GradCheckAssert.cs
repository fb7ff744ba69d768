namespace GradCheck.Numerics;

/// <summary>
/// Assertions for any test framework (NUnit, xUnit, MSTest): each runs a check and throws
/// <see cref="GradientCheckException"/>, whose message lists the worst entries first, when it fails.
/// Kink entries without a subgradient convention do not fail (see <see cref="GradientCheckOptions.Subgradient"/>).
/// </summary>
public static partial class GradCheckAssert
{
    /// <summary>Asserts that <paramref name="claimedGradient"/> is the gradient of <paramref name="f"/> at <paramref name="x"/>.</summary>
    /// <inheritdoc cref="GradientChecker.Check(Func{double[], double}, double[], double[], GradientCheckOptions?)" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    /// <exception cref="ArgumentException">Bad arguments (see <see cref="GradientChecker.Check(Func{double[], double}, double[], double[], GradientCheckOptions?)"/>).</exception>
    public static GradientCheckReport Gradient(Func<double[], double> f, double[] x, double[] claimedGradient,
        GradientCheckOptions? options = null) =>
        Passing(GradientChecker.Check(f, x, claimedGradient, options));

    /// <summary>Asserts that a float32 gradient matches finite differences of its float64 reference.</summary>
    /// <inheritdoc cref="GradientChecker.Check(Func{float[], float}, float[], float[], Func{double[], double}, GradientCheckOptions?)" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Gradient(Func<float[], float> f, float[] x, float[] claimedGradient,
        Func<double[], double> reference, GradientCheckOptions? options = null) =>
        Passing(GradientChecker.Check(f, x, claimedGradient, reference, options));

    /// <summary>Asserts a fast random-projection check of a gradient.</summary>
    /// <inheritdoc cref="GradientChecker.CheckFast" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static ProjectionCheckReport GradientFast(Func<double[], double> f, double[] x, double[] claimedGradient,
        GradientCheckOptions? options = null)
    {
        var report = GradientChecker.CheckFast(f, x, claimedGradient, options);
        return report.Passed ? report : throw new GradientCheckException(report);
    }

    /// <summary>Asserts a claimed Jacobian (row-major m × n).</summary>
    /// <inheritdoc cref="JacobianChecker.Check" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Jacobian(Func<double[], double[]> f, double[] x, double[] claimedJacobian,
        GradientCheckOptions? options = null) =>
        Passing(JacobianChecker.Check(f, x, claimedJacobian, options));

    /// <summary>Asserts a claimed Jacobian–vector product J(x)·v.</summary>
    /// <inheritdoc cref="JacobianChecker.CheckJvp" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Jvp(Func<double[], double[]> f, double[] x, double[] v, double[] claimedJvp,
        GradientCheckOptions? options = null) =>
        Passing(JacobianChecker.CheckJvp(f, x, v, claimedJvp, options));

    /// <summary>Asserts a claimed vector–Jacobian product uᵀJ(x) — what a backward pass computes.</summary>
    /// <inheritdoc cref="JacobianChecker.CheckVjp" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Vjp(Func<double[], double[]> f, double[] x, double[] u, double[] claimedVjp,
        GradientCheckOptions? options = null) =>
        Passing(JacobianChecker.CheckVjp(f, x, u, claimedVjp, options));

    /// <summary>Asserts a claimed Hessian (row-major n × n) against second differences of f.</summary>
    /// <inheritdoc cref="HessianChecker.Check" path="/param"/>
    /// <returns>The passing report.</returns>
    /// <exception cref="GradientCheckException">The check failed.</exception>
    public static GradientCheckReport Hessian(Func<double[], double> f, double[] x, double[] claimedHessian,
        GradientCheckOptions? options = null) =>
        Passing(HessianChecker.Check(f, x, claimedHessian, options));

    private static GradientCheckReport Passing(GradientCheckReport report) =>
        report.Passed ? report : throw new GradientCheckException(report);
}
