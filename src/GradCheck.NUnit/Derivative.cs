using GradCheck.Numerics;

namespace GradCheck.NUnit;

/// <summary>
/// The entry point of GradCheck's NUnit constraints: say where, then what the derivative is claimed to be.
/// </summary>
/// <example>
/// <code>
/// Func&lt;double[], double&gt; loss = theta => model.Loss(theta);
/// Assert.That(loss, Derivative.GradientAt(theta).EqualTo(model.Gradient(theta)));
///
/// Func&lt;double[,], double[], double&gt; layer = (W, b) => Loss(W, b);
/// Assert.That(layer, Derivative.GradientAt(W, b).EqualTo(dW, db));      // failures name W[1, 2], b[0]
///
/// Func&lt;double[], double[]&gt; f = x => Forward(x);
/// Assert.That(f, Derivative.JacobianAt(x).EqualTo(J));                    // J: double[m, n]
/// Assert.That(f, Derivative.VjpAt(x, u).EqualTo(Backward(x, u)));         // uᵀJ, what a backward pass computes
/// Assert.That(loss, Derivative.HessianAt(theta).EqualTo(H));             // H: double[n, n]
///
/// Func&lt;float[], float&gt; loss32 = x => Loss32(x);
/// Assert.That(loss32, Derivative.GradientAt(x32).EqualTo(grad32, reference: x => Loss64(x)));
/// </code>
/// </example>
/// <remarks>
/// Each check decides entry by entry from the finite-difference estimate's own error plus the
/// rounding of the claimed value, not from a fixed tolerance; entries at kinks are "not
/// differentiable here" and do not fail (see <see cref="GradientCheckOptions"/>; pass options with
/// <see cref="DerivativeConstraint.Using"/>).
/// </remarks>
public static class Derivative
{
    /// <summary>The gradient of a <c>Func&lt;double[], double&gt;</c> at <paramref name="x"/>.</summary>
    /// <param name="x">The point; not modified.</param>
    /// <returns>A builder; finish with <see cref="GradientAt.EqualTo"/>.</returns>
    public static GradientAt GradientAt(double[] x) => new(x);

    /// <summary>The gradient of a float32 <c>Func&lt;float[], float&gt;</c> at <paramref name="x"/>, checked against a float64 reference.</summary>
    /// <param name="x">The point; not modified.</param>
    /// <returns>A builder; finish with <see cref="SingleGradientAt.EqualTo"/>.</returns>
    public static SingleGradientAt GradientAt(float[] x) => new(x);

    /// <summary>The gradient of a <c>Func&lt;T1, T2, double&gt;</c> of two arrays of double of any rank (a weight matrix and a bias).</summary>
    /// <typeparam name="T1">An array of double (<c>double[,]</c>, …).</typeparam>
    /// <typeparam name="T2">An array of double.</typeparam>
    /// <param name="x1">The first argument's value.</param>
    /// <param name="x2">The second argument's value.</param>
    /// <param name="name1">x1's name in the failure message (the caller's expression by default).</param>
    /// <param name="name2">x2's name in the failure message.</param>
    /// <returns>A builder; finish with <see cref="GradientAt{T1, T2}.EqualTo"/>.</returns>
    public static GradientAt<T1, T2> GradientAt<T1, T2>(T1 x1, T2 x2,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(x1))] string? name1 = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(x2))] string? name2 = null)
        where T1 : class
        where T2 : class => new(x1, x2, name1, name2);

    /// <summary>The Jacobian of a <c>Func&lt;double[], double[]&gt;</c> at <paramref name="x"/>.</summary>
    /// <param name="x">The point; not modified.</param>
    /// <returns>A builder; finish with <see cref="JacobianAt.EqualTo(double[,])"/>.</returns>
    public static JacobianAt JacobianAt(double[] x) => new(x);

    /// <summary>The Jacobian–vector product J(x)·v of a <c>Func&lt;double[], double[]&gt;</c> (forward mode).</summary>
    /// <param name="x">The point.</param>
    /// <param name="v">The tangent, same length as x.</param>
    /// <returns>A builder; finish with <see cref="ProductAt.EqualTo"/>.</returns>
    public static ProductAt JvpAt(double[] x, double[] v) => new(x, v, forward: true);

    /// <summary>The vector–Jacobian product uᵀJ(x) of a <c>Func&lt;double[], double[]&gt;</c> (reverse mode: what a backward pass computes).</summary>
    /// <param name="x">The point.</param>
    /// <param name="u">The cotangent, same length as f(x).</param>
    /// <returns>A builder; finish with <see cref="ProductAt.EqualTo"/>.</returns>
    public static ProductAt VjpAt(double[] x, double[] u) => new(x, u, forward: false);

    /// <summary>The Hessian of a <c>Func&lt;double[], double&gt;</c> at <paramref name="x"/>, against second differences.</summary>
    /// <param name="x">The point; not modified.</param>
    /// <returns>A builder; finish with <see cref="HessianAt.EqualTo(double[,])"/>.</returns>
    public static HessianAt HessianAt(double[] x) => new(x);
}

/// <summary>A gradient check waiting for its claimed value.</summary>
public sealed class GradientAt
{
    private readonly double[] _x;

    internal GradientAt(double[] x) => _x = x;

    /// <summary>Claims ∇f(x) = <paramref name="gradient"/>.</summary>
    /// <param name="gradient">The claimed gradient, same length as the point.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[] gradient) => new("gradient equal to finite differences",
        (actual, options) => GradientChecker.Check(
            DerivativeConstraint.Function<Func<double[], double>>(actual, "Derivative.GradientAt(double[])"), _x, gradient, options));
}

/// <summary>A float32 gradient check waiting for its claimed value and float64 reference.</summary>
public sealed class SingleGradientAt
{
    private readonly float[] _x;

    internal SingleGradientAt(float[] x) => _x = x;

    /// <summary>
    /// Claims that the float32 gradient is <paramref name="gradient"/>, judged against finite
    /// differences of the float64 <paramref name="reference"/> (whose value must also agree with f's).
    /// </summary>
    /// <param name="gradient">The float32 gradient.</param>
    /// <param name="reference">The same function in float64.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;float[], float&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(float[] gradient, Func<double[], double> reference) =>
        new("float32 gradient equal to finite differences of its float64 reference",
            (actual, options) => GradientChecker.Check(
                DerivativeConstraint.Function<Func<float[], float>>(actual, "Derivative.GradientAt(float[])"), _x, gradient, reference, options));
}

/// <summary>A gradient check over two shaped arguments waiting for its claimed values.</summary>
/// <typeparam name="T1">An array of double.</typeparam>
/// <typeparam name="T2">An array of double.</typeparam>
public sealed class GradientAt<T1, T2>
    where T1 : class
    where T2 : class
{
    private readonly T1 _x1;
    private readonly T2 _x2;
    private readonly string? _name1;
    private readonly string? _name2;

    internal GradientAt(T1 x1, T2 x2, string? name1, string? name2) => (_x1, _x2, _name1, _name2) = (x1, x2, name1, name2);

    /// <summary>Claims ∂f/∂x1 = <paramref name="gradient1"/> and ∂f/∂x2 = <paramref name="gradient2"/>.</summary>
    /// <param name="gradient1">Shaped like x1.</param>
    /// <param name="gradient2">Shaped like x2.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;T1, T2, double&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(T1 gradient1, T2 gradient2) => new("gradient equal to finite differences",
        (actual, options) => GradientChecker.Check(
            DerivativeConstraint.Function<Func<T1, T2, double>>(actual, "Derivative.GradientAt(x1, x2)"),
            _x1, _x2, gradient1, gradient2, options, _name1, _name2));
}

/// <summary>A Jacobian check waiting for its claimed value.</summary>
public sealed class JacobianAt
{
    private readonly double[] _x;

    internal JacobianAt(double[] x) => _x = x;

    /// <summary>Claims J(x) = <paramref name="jacobian"/>, m × n (m outputs, n inputs).</summary>
    /// <param name="jacobian">The claimed Jacobian.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double[]&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[,] jacobian) => EqualTo(Matrices.Flat(jacobian));

    /// <summary>Claims J(x) = <paramref name="jacobian"/>, flat row-major m × n.</summary>
    /// <param name="jacobian">The claimed Jacobian.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double[]&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[] jacobian) => new("Jacobian equal to finite differences",
        (actual, options) => JacobianChecker.Check(
            DerivativeConstraint.Function<Func<double[], double[]>>(actual, "Derivative.JacobianAt"), _x, jacobian, options));
}

/// <summary>A JVP or VJP check waiting for its claimed value.</summary>
public sealed class ProductAt
{
    private readonly double[] _x;
    private readonly double[] _direction;
    private readonly bool _forward;

    internal ProductAt(double[] x, double[] direction, bool forward) => (_x, _direction, _forward) = (x, direction, forward);

    /// <summary>Claims J(x)·v (for <see cref="Derivative.JvpAt"/>) or uᵀJ(x) (for <see cref="Derivative.VjpAt"/>).</summary>
    /// <param name="product">The claimed product.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double[]&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[] product) => _forward
        ? new("Jacobian–vector product equal to finite differences", (actual, options) => JacobianChecker.CheckJvp(
            DerivativeConstraint.Function<Func<double[], double[]>>(actual, "Derivative.JvpAt"), _x, _direction, product, options))
        : new("vector–Jacobian product equal to finite differences", (actual, options) => JacobianChecker.CheckVjp(
            DerivativeConstraint.Function<Func<double[], double[]>>(actual, "Derivative.VjpAt"), _x, _direction, product, options));
}

/// <summary>A Hessian check waiting for its claimed value.</summary>
public sealed class HessianAt
{
    private readonly double[] _x;

    internal HessianAt(double[] x) => _x = x;

    /// <summary>Claims ∇²f(x) = <paramref name="hessian"/> (n × n).</summary>
    /// <param name="hessian">The claimed Hessian.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[,] hessian) => EqualTo(Matrices.Flat(hessian));

    /// <summary>Claims ∇²f(x) = <paramref name="hessian"/>, flat row-major n × n.</summary>
    /// <param name="hessian">The claimed Hessian.</param>
    /// <returns>The constraint; the actual value must be a <c>Func&lt;double[], double&gt;</c>.</returns>
    public DerivativeConstraint EqualTo(double[] hessian) => new("Hessian equal to second differences",
        (actual, options) => HessianChecker.Check(
            DerivativeConstraint.Function<Func<double[], double>>(actual, "Derivative.HessianAt"), _x, hessian, options));
}

internal static class Matrices
{
    public static double[] Flat(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, matrix.Length * sizeof(double));
        return flat;
    }
}
