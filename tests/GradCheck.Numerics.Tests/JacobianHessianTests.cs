namespace GradCheck.Numerics.Tests;

[TestFixture]
public sealed class JacobianHessianTests
{
    // f(x) = [x0·x1, sin x0, e^{x1}·x2]
    private static double[] F(double[] x) => [x[0] * x[1], Math.Sin(x[0]), Math.Exp(x[1]) * x[2]];

    private static readonly double[] Point = [0.7, -0.4, 1.3];

    private static double[] Jacobian(double[] x) =>
    [
        x[1], x[0], 0,
        Math.Cos(x[0]), 0, 0,
        0, Math.Exp(x[1]) * x[2], Math.Exp(x[1]),
    ];

    [Test]
    public void Check_CorrectJacobian_Passes()
    {
        var report = JacobianChecker.Check(F, Point, Jacobian(Point));
        Assert.That(report.Passed, Is.True, report.Message);
        Assert.That(report.Columns, Is.EqualTo(3));
    }

    [Test]
    public void Check_TransposedJacobian_FailsAndNamesRowAndColumn()
    {
        var j = Jacobian(Point);
        var transposed = new double[9];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                transposed[(c * 3) + r] = j[(r * 3) + c];
            }
        }

        var report = JacobianChecker.Check(F, Point, transposed);
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Message, Does.Contain("(").And.Contain(", "));
    }

    [Test]
    public void Check_WrongShape_ThrowsWithShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => JacobianChecker.Check(F, Point, new double[8]));
        Assert.That(e!.Message, Does.Contain("3 outputs × 3 inputs"));
    }

    [Test]
    public void CheckJvpAndVjp_CorrectProducts_PassAndWrongOnesFail()
    {
        double[] v = [0.3, -1, 2], u = [1, -2, 0.5];
        var j = Jacobian(Point);
        var jv = new double[3];
        var uj = new double[3];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                jv[r] += j[(r * 3) + c] * v[c];
                uj[c] += u[r] * j[(r * 3) + c];
            }
        }

        Assert.That(JacobianChecker.CheckJvp(F, Point, v, jv).Passed, Is.True);
        Assert.That(JacobianChecker.CheckVjp(F, Point, u, uj).Passed, Is.True);
        Assert.DoesNotThrow(() => GradCheckAssert.Jvp(F, Point, v, jv));
        Assert.DoesNotThrow(() => GradCheckAssert.Vjp(F, Point, u, uj));
        jv[1] *= -1;
        uj[2] += 1e-6;
        Assert.That(JacobianChecker.CheckJvp(F, Point, v, jv).Passed, Is.False);
        Assert.That(JacobianChecker.CheckVjp(F, Point, u, uj).Passed, Is.False);
        var e = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Vjp(F, Point, u, uj));
        Assert.That(e!.Message, Does.StartWith("Vector–Jacobian product check FAILED"));
    }

    [Test]
    public void CheckFast_Jacobian_PassesCorrectAndCatchesOneWrongEntry()
    {
        var j = Jacobian(Point);
        Assert.That(JacobianChecker.CheckFast(F, Point, j).Passed, Is.True);
        j[5] += 1e-4;
        Assert.That(JacobianChecker.CheckFast(F, Point, j).Passed, Is.False);
    }

    // g(x) = x0²·x1 + sin(x2)·x0
    private static double G(double[] x) => (x[0] * x[0] * x[1]) + (Math.Sin(x[2]) * x[0]);

    private static double[] GradientOfG(double[] x) => [(2 * x[0] * x[1]) + Math.Sin(x[2]), x[0] * x[0], Math.Cos(x[2]) * x[0]];

    private static double[] HessianOfG(double[] x) =>
    [
        2 * x[1], 2 * x[0], Math.Cos(x[2]),
        2 * x[0], 0, 0,
        Math.Cos(x[2]), 0, -Math.Sin(x[2]) * x[0],
    ];

    [Test]
    public void HessianCheck_FromFunctionAndFromGradient_PassCorrectFailWrong()
    {
        var h = HessianOfG(Point);
        Assert.That(HessianChecker.Check(G, Point, h).Passed, Is.True);
        Assert.That(HessianChecker.CheckFromGradient(GradientOfG, Point, h).Passed, Is.True);
        GradCheckAssert.Hessian(G, Point, h);
        h[2] *= 2;
        h[6] *= 2;
        Assert.That(HessianChecker.Check(G, Point, h).Passed, Is.False);
        Assert.That(HessianChecker.CheckFromGradient(GradientOfG, Point, h).Passed, Is.False);
    }
}
