using System.Numerics;

namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class FiniteDifferencesTests
{
    private static readonly double[] Points = [-2.5, -1, -0.3, 0, 0.7, 1.9, 3.3, 12.5, -40];

    [TestCaseSource(nameof(Points))]
    public void FixedFormulas_Exp_ValueWithinOwnErrorEstimate(double x)
    {
        var exact = Math.Exp(x);
        foreach (var estimate in new[] { FiniteDifferences.Forward(Math.Exp, x), FiniteDifferences.Central(Math.Exp, x), FiniteDifferences.FivePoint(Math.Exp, x) })
        {
            Assert.That(Math.Abs(estimate.Value - exact), Is.LessThanOrEqualTo(estimate.ErrorEstimate), estimate.ToString());
        }
    }

    [TestCase(-2.5)]
    [TestCase(-0.3)]
    [TestCase(0.0)]
    [TestCase(0.7)]
    [TestCase(1.9)]
    public void FixedFormulas_Sin_HigherOrderIsMoreAccurate(double x)
    {
        var exact = Math.Cos(x);
        var forward = Math.Abs(FiniteDifferences.Forward(Math.Sin, x).Value - exact);
        var central = Math.Abs(FiniteDifferences.Central(Math.Sin, x).Value - exact);
        var fivePoint = Math.Abs(FiniteDifferences.FivePoint(Math.Sin, x).Value - exact);
        Assert.Multiple(() =>
        {
            Assert.That(forward, Is.LessThan(1e-7 * Steps(x)));
            Assert.That(central, Is.LessThan(1e-9 * Steps(x)));
            Assert.That(fivePoint, Is.LessThan(1e-11 * Steps(x)));
        });
    }

    [TestCaseSource(nameof(Points))]
    public void Richardson_Sin_AccurateToTwelveDigitsOfTheScale(double x)
    {
        var estimate = FiniteDifferences.Richardson(Math.Sin, x);
        Assert.That(Math.Abs(estimate.Value - Math.Cos(x)), Is.LessThanOrEqualTo(Math.Min(estimate.ErrorEstimate, 1e-12 * Steps(x))));
    }

    [Test]
    public void Richardson_LogNearItsSingularity_ShrinksFirstStepAndStaysHonest()
    {
        // h₀ = 1/8 would step to log(−0.115); the tableau retries smaller first steps.
        var estimate = FiniteDifferences.Richardson(Math.Log, 0.01);
        Assert.That(estimate.IsFinite, Is.True);
        Assert.That(Math.Abs(estimate.Value - 100), Is.LessThanOrEqualTo(estimate.ErrorEstimate));
        Assert.That(Math.Abs(estimate.Value - 100), Is.LessThan(1e-6));
    }

    [Test]
    public void Richardson_FunctionNaNEverywhere_ReturnsUnavailable()
    {
        var estimate = FiniteDifferences.Richardson(_ => double.NaN, 1);
        Assert.That(estimate, Is.EqualTo(DerivativeEstimate.Unavailable));
        Assert.That(estimate.IsFinite, Is.False);
    }

    [Test]
    public void SecondDerivative_ExpSin_MatchesClosedForm()
    {
        // (e^{sin x})'' = e^{sin x}(cos²x − sin x)
        static double F(double x) => Math.Exp(Math.Sin(x));
        const double x = 0.8;
        var exact = F(x) * ((Math.Cos(x) * Math.Cos(x)) - Math.Sin(x));
        var estimate = FiniteDifferences.SecondDerivative(F, x);
        Assert.That(Math.Abs(estimate.Value - exact), Is.LessThanOrEqualTo(Math.Max(estimate.ErrorEstimate, 1e-9)));
        Assert.That(Math.Abs(estimate.Value - exact), Is.LessThan(1e-8));
    }

    [Test]
    public void Gradient_Rosenbrock_MatchesClosedForm()
    {
        static double F(double[] v) => (100 * Math.Pow(v[1] - (v[0] * v[0]), 2)) + Math.Pow(1 - v[0], 2);
        double[] x = [-1.2, 1];
        double[] exact = [(-400 * x[0] * (x[1] - (x[0] * x[0]))) - (2 * (1 - x[0])), 200 * (x[1] - (x[0] * x[0]))];
        foreach (var method in Enum.GetValues<DifferenceMethod>())
        {
            var g = FiniteDifferences.Gradient(F, x, method);
            for (var i = 0; i < 2; i++)
            {
                Assert.That(Math.Abs(g[i].Value - exact[i]), Is.LessThanOrEqualTo(g[i].ErrorEstimate), $"{method} [{i}]");
            }
        }

        Assert.That(x, Is.EqualTo(new[] { -1.2, 1 }), "the point must not be modified");
    }

    [Test]
    public void DirectionalDerivative_Quadratic_EqualsGradientDotDirection()
    {
        static double F(double[] v) => (v[0] * v[0]) + (3 * v[0] * v[1]) - (v[1] * v[1] * v[1]);
        double[] x = [0.5, -2], v = [2, 0.25];
        var exact = (((2 * x[0]) + (3 * x[1])) * v[0]) + (((3 * x[0]) - (3 * x[1] * x[1])) * v[1]);
        var estimate = FiniteDifferences.DirectionalDerivative(F, x, v);
        Assert.That(estimate.Value, Is.EqualTo(exact).Within(1e-10));
    }

    [Test]
    public void Jacobian_PolarToCartesian_MatchesClosedForm()
    {
        static double[] F(double[] p) => [p[0] * Math.Cos(p[1]), p[0] * Math.Sin(p[1]), p[0] * p[1]];
        double[] x = [2, 0.6];
        var j = FiniteDifferences.Jacobian(F, x);
        double[] exact = [Math.Cos(0.6), -2 * Math.Sin(0.6), Math.Sin(0.6), 2 * Math.Cos(0.6), 0.6, 2];
        Assert.That(j.Rows, Is.EqualTo(3));
        Assert.That(j.Columns, Is.EqualTo(2));
        for (var i = 0; i < exact.Length; i++)
        {
            Assert.That(j.Values[i], Is.EqualTo(exact[i]).Within(1e-11), $"entry {i}");
        }

        Assert.That(j.At(1, 1).Value, Is.EqualTo(2 * Math.Cos(0.6)).Within(1e-11));
        Assert.Throws<ArgumentOutOfRangeException>(() => j.At(3, 0));
    }

    [Test]
    public void Hessian_MixedPolynomial_MatchesClosedForm()
    {
        static double F(double[] v) => (v[0] * v[0] * v[1]) + (Math.Sin(v[2]) * v[0]);
        double[] x = [0.4, -1.3, 0.9];
        var h = FiniteDifferences.Hessian(F, x);
        double[] exact =
        [
            2 * x[1], 2 * x[0], Math.Cos(x[2]),
            2 * x[0], 0, 0,
            Math.Cos(x[2]), 0, -Math.Sin(x[2]) * x[0],
        ];
        for (var i = 0; i < exact.Length; i++)
        {
            Assert.That(h.Values[i], Is.EqualTo(exact[i]).Within(Math.Max(h.Errors[i], 1e-8)), $"entry {i}");
        }
    }

    [Test]
    public void ComplexStep_ExpOfSin_AccurateToRounding()
    {
        const double x = 1.1;
        var estimate = ComplexStep.Derivative(z => Complex.Exp(Complex.Sin(z)), x);
        var exact = Math.Exp(Math.Sin(x)) * Math.Cos(x);
        Assert.That(Math.Abs(estimate.Value - exact), Is.LessThanOrEqualTo(estimate.ErrorEstimate));
        Assert.That(Math.Abs(estimate.Value - exact) / exact, Is.LessThan(1e-15));
    }

    [Test]
    public void ComplexStep_Gradient_MatchesClosedForm()
    {
        double[] x = [0.3, -0.7];
        var g = ComplexStep.Gradient(v => Complex.Log(1 + Complex.Exp(v[0] * v[1])), x);
        var s = 1 / (1 + Math.Exp(-x[0] * x[1]));
        Assert.That(g[0].Value, Is.EqualTo(s * x[1]).Within(1e-15));
        Assert.That(g[1].Value, Is.EqualTo(s * x[0]).Within(1e-15));
    }

    [Test]
    public void Arguments_NonFinitePoint_ThrowWithIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => FiniteDifferences.Gradient(v => v[0], [1, double.NaN]));
        Assert.That(e!.Message, Does.Contain("index 1"));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Central(Math.Sin, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.Central(Math.Sin, 1, step: 0));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Gradient(v => 0, []));
        var direction = Assert.Throws<ArgumentException>(() => FiniteDifferences.DirectionalDerivative(v => v[0], [1, 2], [0, 0]));
        Assert.That(direction!.Message, Does.Contain("zero"));
    }

    [Test]
    public void Jacobian_OutputLengthChangesNearPoint_ThrowsClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            FiniteDifferences.Jacobian(v => v[0] > 1 ? [1.0, 2.0] : [1.0], [1]));
        Assert.That(e!.Message, Does.Contain("must not depend on its input"));
    }

    [TestCase(1.0)]
    [TestCase(3.0)]
    public void CheckVjp_OutputLengthChangesNearPoint_ThrowsClearError(double lengthAway)
    {
        // Shorter away from the point used to be an index error; longer was silently truncated.
        var e = Assert.Throws<InvalidOperationException>(() => JacobianChecker.CheckVjp(
            v => v[0] > 1 ? new double[(int)lengthAway] : [1.0, 2.0], [1], [1, 1], [0]));
        Assert.That(e!.Message, Does.Contain("must not depend on its input"));
    }

    private static double Steps(double x) => Math.Max(1, Math.Abs(x));
}
