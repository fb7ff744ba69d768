using System.Numerics;

namespace GradCheck.Numerics;

/// <summary>
/// Complex-step differentiation: f'(x) = Im f(x + ih)/h + O(h²) with no subtractive
/// cancellation, so h can be tiny (here 2⁻⁶⁰·max(|x|, 1)) and the result is accurate to rounding.
/// It requires f to be real-analytic and written over <see cref="Complex"/> without abs, conjugate,
/// comparisons on the imaginary part, or other non-holomorphic operations; violating that gives a
/// silently wrong answer, which is why the checkers use real finite differences instead.
/// </summary>
/// <remarks>
/// NaN/∞ policy: a non-finite point throws <see cref="ArgumentException"/>; a non-finite value of
/// f propagates into the result (NaN or ∞) with an error estimate of ∞.
/// </remarks>
public static class ComplexStep
{
    private const double RelativeStep = 8.673617379884035e-19; // 2⁻⁶⁰

    /// <summary>The derivative of a real-analytic function at a real point.</summary>
    /// <param name="f">The function, extended to complex arguments.</param>
    /// <param name="x">The real point (finite).</param>
    /// <returns>The derivative with an error estimate of a few ulps of its magnitude (∞ when not finite).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not finite.</exception>
    public static DerivativeEstimate Derivative(Func<Complex, Complex> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Scalar(x, nameof(x));
        var h = RelativeStep * Steps.Scale(x);
        var value = f(new Complex(x, h)).Imaginary / h;
        return Result(value);
    }

    /// <summary>The gradient of a real-analytic scalar function of a vector, one complex evaluation per entry.</summary>
    /// <param name="f">The function over complex vectors; it must not modify its argument.</param>
    /// <param name="x">The real point (finite, non-empty).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a non-finite entry.</exception>
    public static DerivativeEstimate[] Gradient(Func<Complex[], Complex> f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Point(x, nameof(x));
        var work = new Complex[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            work[i] = x[i];
        }

        var result = new DerivativeEstimate[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var h = RelativeStep * Steps.Scale(x[i]);
            work[i] = new Complex(x[i], h);
            result[i] = Result(f(work).Imaginary / h);
            work[i] = x[i];
        }

        return result;
    }

    private static DerivativeEstimate Result(double value) =>
        double.IsFinite(value)
            ? new DerivativeEstimate(value, 4 * Steps.Epsilon * Math.Abs(value))
            : new DerivativeEstimate(value, double.PositiveInfinity);
}
