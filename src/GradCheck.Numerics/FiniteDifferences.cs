namespace GradCheck.Numerics;

/// <summary>
/// Finite-difference derivatives that report their own error. Steps are chosen from the point's
/// scale max(|x|, 1) and machine epsilon and rounded to powers of two; the quotient divides by
/// the displacement actually realised in floating point. Every estimate's error is truncation
/// (estimated from a second step, or from the Richardson tableau) plus a rounding bound assuming
/// the function is accurate to a few units in the last place (16ε relative).
/// </summary>
/// <remarks>
/// NaN/∞ policy: a non-finite point throws <see cref="ArgumentException"/>; a function that is
/// not finite near the point yields <see cref="DerivativeEstimate.Unavailable"/> (NaN with ∞
/// error) for the affected entries, never an exception. The Richardson method retries smaller
/// first steps when the largest one leaves the function's domain.
/// </remarks>
public static class FiniteDifferences
{
    internal static readonly NoiseModel DefaultNoise = new(16 * Steps.Epsilon, 0);

    /// <summary>Forward difference (f(x+h) − f(x))/h with an error estimate from a second step 2h.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point (finite).</param>
    /// <param name="step">The step h; by default √ε·max(|x|, 1) rounded down to a power of two.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive and finite.</exception>
    public static DerivativeEstimate Forward(Func<double, double> f, double x, double? step = null) =>
        Fixed(f, x, step, DifferenceMethod.Forward);

    /// <summary>Central difference (f(x+h) − f(x−h))/2h with an error estimate from a second step 2h.</summary>
    /// <inheritdoc cref="Forward" path="/param"/>
    /// <inheritdoc cref="Forward" path="/exception"/>
    public static DerivativeEstimate Central(Func<double, double> f, double x, double? step = null) =>
        Fixed(f, x, step, DifferenceMethod.Central);

    /// <summary>
    /// Five-point central difference (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h))/12h with an error
    /// estimate from a second step 2h.
    /// </summary>
    /// <inheritdoc cref="Forward" path="/param"/>
    /// <inheritdoc cref="Forward" path="/exception"/>
    public static DerivativeEstimate FivePoint(Func<double, double> f, double x, double? step = null) =>
        Fixed(f, x, step, DifferenceMethod.FivePoint);

    /// <summary>
    /// Richardson extrapolation of central differences (Ridders' method) with the error estimated
    /// from the extrapolation tableau, floored by the propagated rounding bound.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point (finite).</param>
    /// <param name="initialStep">The largest step h₀; by default max(|x|, 1)/8. Steps halve from there.</param>
    /// <inheritdoc cref="Forward" path="/exception"/>
    public static DerivativeEstimate Richardson(Func<double, double> f, double x, double? initialStep = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Scalar(x, nameof(x));
        Guard.Step(initialStep, nameof(initialStep));
        var line = new ScalarLine(f, x);
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        LineDerivatives.Richardson(line, [f(x)], initialStep ?? Steps.For(DifferenceMethod.Richardson, Steps.Scale(x)),
            DefaultNoise, 0, value, error);
        return Estimate(value[0], error[0]);
    }

    /// <summary>The derivative of <paramref name="f"/> at <paramref name="x"/> by the chosen method.</summary>
    /// <inheritdoc cref="Forward" path="/exception"/>
    public static DerivativeEstimate Derivative(Func<double, double> f, double x, DifferenceMethod method = DifferenceMethod.Richardson) =>
        method == DifferenceMethod.Richardson ? Richardson(f, x) : Fixed(f, x, null, method);

    /// <summary>
    /// The second derivative by Richardson extrapolation of (f(x+h) − 2f(x) + f(x−h))/h².
    /// </summary>
    /// <inheritdoc cref="Forward" path="/exception"/>
    public static DerivativeEstimate SecondDerivative(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Scalar(x, nameof(x));
        var f0 = f(x);
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        Ridders.Extrapolate((h, v, nz) =>
        {
            var plus = f(x + h);
            var minus = f(x - h);
            var hp = (x + h) - x;
            var hm = x - (x - h);
            // f''(x) ≈ (f(x+h) − 2f(x) + f(x−h)) / h² (with the realised steps)
            v[0] = 2 * ((hm * plus) - ((hp + hm) * f0) + (hp * minus)) / (hp * hm * (hp + hm));
            nz[0] = 2 * (DefaultNoise.Of(plus) + (2 * DefaultNoise.Of(f0)) + DefaultNoise.Of(minus)) / (hp * hm);
        }, 1, Steps.For(DifferenceMethod.Richardson, Steps.Scale(x)), 2, value, error);
        return Estimate(value[0], error[0]);
    }

    /// <summary>The gradient of a scalar function of a vector, entry by entry.</summary>
    /// <param name="f">The function; it must not modify its argument.</param>
    /// <param name="x">The point (finite, non-empty); it is not modified.</param>
    /// <param name="method">The difference formula.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a non-finite entry.</exception>
    public static DerivativeEstimate[] Gradient(Func<double[], double> f, double[] x, DifferenceMethod method = DifferenceMethod.Richardson)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        var work = (double[])x.Clone();
        var f0 = f(work);
        var result = new DerivativeEstimate[x.Length];
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        for (var i = 0; i < x.Length; i++)
        {
            Along(new CoordinateLine(f, work, i), [f0], method, Steps.Scale(x[i]), value, error);
            result[i] = Estimate(value[0], error[0]);
        }

        return result;
    }

    /// <summary>The directional derivative ∇f(x)·v (not normalised: scaling v scales the result).</summary>
    /// <param name="f">The function; it must not modify its argument.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="direction">The direction v (finite, same length as x, not all zero).</param>
    /// <param name="method">The difference formula.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A vector is empty, not finite, of the wrong length, or the direction is zero.</exception>
    public static DerivativeEstimate DirectionalDerivative(Func<double[], double> f, double[] x, double[] direction,
        DifferenceMethod method = DifferenceMethod.Richardson)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        Guard.Point(direction, nameof(direction));
        Guard.Length(direction, x.Length, nameof(direction), "The direction");
        var scale = DirectionScale(x, direction, nameof(direction));
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        Along(new DirectionLine(f, x, direction), [f(x)], method, scale, value, error);
        return Estimate(value[0], error[0]);
    }

    /// <summary>
    /// The Jacobian of f: ℝⁿ → ℝᵐ, row-major (m × n): entry (r, c) = ∂fᵣ/∂x_c. Each column costs
    /// the evaluations of one derivative; the outputs share them.
    /// </summary>
    /// <param name="f">The function; it must not modify its argument and must return m values every time.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <param name="method">The difference formula.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or not finite, or f(x) is empty.</exception>
    /// <exception cref="InvalidOperationException">f returned a different number of values near the point.</exception>
    public static MatrixEstimate Jacobian(Func<double[], double[]> f, double[] x, DifferenceMethod method = DifferenceMethod.Richardson)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        var work = (double[])x.Clone();
        var f0 = (double[])(f(work) ?? throw new ArgumentException("f returned null at the point.", nameof(f))).Clone();
        if (f0.Length == 0)
        {
            throw new ArgumentException("f returned no values at the point; a Jacobian needs at least one output.", nameof(f));
        }

        int m = f0.Length, n = x.Length;
        var values = new double[m * n];
        var errors = new double[m * n];
        var value = new double[m];
        var error = new double[m];
        for (var c = 0; c < n; c++)
        {
            Along(new VectorCoordinateLine(f, work, c, m), f0, method, Steps.Scale(x[c]), value, error);
            for (var r = 0; r < m; r++)
            {
                var e = Estimate(value[r], error[r]);
                values[(r * n) + c] = e.Value;
                errors[(r * n) + c] = e.ErrorEstimate;
            }
        }

        return new MatrixEstimate(m, n, values, errors);
    }

    /// <summary>
    /// The Hessian of a scalar function (n × n, row-major) by Richardson extrapolation of second
    /// differences: (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ))/hᵢ² on the diagonal and the four-point
    /// mixed difference off it (computed once per pair and mirrored).
    /// </summary>
    /// <param name="f">The function; it must not modify its argument.</param>
    /// <param name="x">The point (finite, non-empty).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or not finite.</exception>
    public static MatrixEstimate Hessian(Func<double[], double> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        var (values, errors) = HessianCore(f, x, DefaultNoise);
        return new MatrixEstimate(x.Length, x.Length, values, errors);
    }

    internal static (double[] Values, double[] Errors) HessianCore(Func<double[], double> f, double[] x, NoiseModel noise)
    {
        var n = x.Length;
        var work = (double[])x.Clone();
        var f0 = f(work);
        var values = new double[n * n];
        var errors = new double[n * n];
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];

        double At(int i, double di, int j, double dj)
        {
            work[i] += di;
            work[j] += dj;
            var v = f(work);
            work[i] = x[i];
            work[j] = x[j];
            return v;
        }

        for (var i = 0; i < n; i++)
        {
            var si = Steps.Scale(x[i]);
            for (var j = i; j < n; j++)
            {
                var sj = Steps.Scale(x[j]);
                Quotient quotient;
                if (i == j)
                {
                    var ii = i;
                    quotient = (h, v, nz) =>
                    {
                        var step = h * si;
                        var plus = At(ii, step, ii, 0);
                        var minus = At(ii, -step, ii, 0);
                        // ∂²f/∂xᵢ² ≈ (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ)) / hᵢ²
                        v[0] = (plus - (2 * f0) + minus) / (step * step);
                        nz[0] = (noise.Of(plus) + (2 * noise.Of(f0)) + noise.Of(minus)) / (step * step);
                    };
                }
                else
                {
                    int ii = i, jj = j;
                    quotient = (h, v, nz) =>
                    {
                        double a = h * si, b = h * sj;
                        var pp = At(ii, a, jj, b);
                        var pm = At(ii, a, jj, -b);
                        var mp = At(ii, -a, jj, b);
                        var mm = At(ii, -a, jj, -b);
                        // ∂²f/∂xᵢ∂xⱼ ≈ (f(+,+) − f(+,−) − f(−,+) + f(−,−)) / 4hᵢhⱼ
                        v[0] = (pp - pm - mp + mm) / (4 * a * b);
                        nz[0] = (noise.Of(pp) + noise.Of(pm) + noise.Of(mp) + noise.Of(mm)) / (4 * a * b);
                    };
                }

                Ridders.Extrapolate(quotient, 1, Steps.RichardsonInitialFactor, 2, value, error);
                var e = Estimate(value[0], error[0]);
                values[(i * n) + j] = values[(j * n) + i] = e.Value;
                errors[(i * n) + j] = errors[(j * n) + i] = e.ErrorEstimate;
            }
        }

        return (values, errors);
    }

    internal static void Along(Line line, ReadOnlySpan<double> atPoint, DifferenceMethod method, double scale,
        Span<double> value, Span<double> error)
    {
        if (method == DifferenceMethod.Richardson)
        {
            LineDerivatives.Richardson(line, atPoint, Steps.For(method, scale), DefaultNoise, 0, value, error);
        }
        else
        {
            LineDerivatives.WithTruncationEstimate(line, atPoint, method, Steps.For(method, scale), DefaultNoise, value, error);
        }
    }

    /// <summary>
    /// The scale of a line x + t·v measured in t: max(‖x‖∞, 1)/‖v‖∞, so that t·v moves the
    /// largest coordinate by the usual relative step.
    /// </summary>
    internal static double DirectionScale(double[] x, double[] direction, string name)
    {
        double xs = 1, vs = 0;
        for (var i = 0; i < x.Length; i++)
        {
            xs = Math.Max(xs, Math.Abs(x[i]));
            vs = Math.Max(vs, Math.Abs(direction[i]));
        }

        if (vs == 0)
        {
            throw new ArgumentException("The direction is zero; a directional derivative needs a non-zero direction.", name);
        }

        return xs / vs;
    }

    private static DerivativeEstimate Fixed(Func<double, double> f, double x, double? step, DifferenceMethod method)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Scalar(x, nameof(x));
        Guard.Step(step, nameof(step));
        Span<double> value = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        var line = new ScalarLine(f, x);
        LineDerivatives.WithTruncationEstimate(line, [f(x)], method, step ?? Steps.For(method, Steps.Scale(x)),
            DefaultNoise, value, error);
        return Estimate(value[0], error[0]);
    }

    private static DerivativeEstimate Estimate(double value, double error) =>
        double.IsFinite(value) && double.IsFinite(error) ? new DerivativeEstimate(value, error) : DerivativeEstimate.Unavailable;
}
