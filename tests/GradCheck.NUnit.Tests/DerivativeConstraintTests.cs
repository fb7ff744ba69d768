using GradCheck.Numerics;

namespace GradCheck.NUnit.Tests;

/// <summary>The NUnit constraints pass on right derivatives, fail on wrong ones with GradCheckAssert's message.</summary>
public class DerivativeConstraintTests
{
    // f(x) = x0² x1 + sin(x2): ∇f = (2 x0 x1, x0², cos x2).
    private static readonly Func<double[], double> Cubic = x => x[0] * x[0] * x[1] + Math.Sin(x[2]);
    private static readonly double[] Point = [0.7, -1.3, 0.4];

    private static double[] CubicGradient(double[] x) => [2 * x[0] * x[1], x[0] * x[0], Math.Cos(x[2])];

    // A dense layer's loss: L(W, b) = Σ_i tanh((W a + b)_i)²; ∂L/∂W_ij = g_i a_j, ∂L/∂b_i = g_i, g_i = 2 t_i (1 − t_i²).
    private static readonly double[] Input = [0.5, -0.25, 1.5];

    private static double Layer(double[,] w, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < b.Length; i++)
        {
            var t = Math.Tanh(Pre(w, b, i));
            sum += t * t;
        }

        return sum;
    }

    private static double Pre(double[,] w, double[] b, int i)
    {
        var z = b[i];
        for (var j = 0; j < Input.Length; j++)
        {
            z += w[i, j] * Input[j];
        }

        return z;
    }

    private static (double[,] Dw, double[] Db) LayerGradient(double[,] w, double[] b)
    {
        var dw = new double[b.Length, Input.Length];
        var db = new double[b.Length];
        for (var i = 0; i < b.Length; i++)
        {
            var t = Math.Tanh(Pre(w, b, i));
            db[i] = 2 * t * (1 - t * t);
            for (var j = 0; j < Input.Length; j++)
            {
                dw[i, j] = db[i] * Input[j];
            }
        }

        return (dw, db);
    }

    private static readonly double[,] Weights = { { 0.3, -0.2, 0.1 }, { -0.5, 0.4, 0.25 } };
    private static readonly double[] Bias = [0.05, -0.1];

    [Test]
    public void GradientAt_RightGradient_Passes()
    {
        Assert.That(Cubic, Derivative.GradientAt(Point).EqualTo(CubicGradient(Point)));
    }

    [Test]
    public void GradientAt_WrongEntry_FailsWithTheMessageGradCheckAssertThrows()
    {
        var wrong = CubicGradient(Point);
        wrong[1] += 1e-3;
        var expected = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Gradient(Cubic, Point, wrong))!.Message;

        var failure = Assert.Throws<AssertionException>(() => Assert.That(Cubic, Derivative.GradientAt(Point).EqualTo(wrong)))!;

        // NUnit puts the assertion's own expression on the first line; the rest is the report, verbatim.
        Assert.That(failure.Message.Trim(), Does.StartWith("Assert.That(Cubic, Derivative.GradientAt(Point).EqualTo(wrong))"));
        Assert.That(failure.Message.Trim(), Does.EndWith(expected.Trim()));
        Assert.That(expected, Does.Contain("FAILED").And.Contain("[1]"));
    }

    [Test]
    public void GradientAt_ResultOfRightGradient_CarriesThePassingReport()
    {
        var result = (DerivativeConstraintResult)Derivative.GradientAt(Point).EqualTo(CubicGradient(Point)).ApplyTo(Cubic);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Report.Entries, Has.Count.EqualTo(3));
    }

    [Test]
    public void GradientAt_ShapedWeightsAndBias_Passes()
    {
        Func<double[,], double[], double> layer = Layer;
        var (dw, db) = LayerGradient(Weights, Bias);

        Assert.That(layer, Derivative.GradientAt(Weights, Bias).EqualTo(dw, db));
    }

    [Test]
    public void GradientAt_ShapedWrongWeight_FailureNamesTheEntry()
    {
        Func<double[,], double[], double> layer = Layer;
        var (dw, db) = LayerGradient(Weights, Bias);
        dw[1, 2] *= 1.01;
        var W = Weights;

        var failure = Assert.Throws<AssertionException>(() => Assert.That(layer, Derivative.GradientAt(W, Bias).EqualTo(dw, db)))!;

        Assert.That(failure.Message, Does.Contain("1 of 8 entries disagrees").And.Contain("at W[1, 2]"));
    }

    [Test]
    public void GradientAt_ShapedWrongBias_FailureNamesTheBiasEntry()
    {
        Func<double[,], double[], double> layer = Layer;
        var (dw, db) = LayerGradient(Weights, Bias);
        db[0] = -db[0];
        var b = Bias;

        var failure = Assert.Throws<AssertionException>(() => Assert.That(layer, Derivative.GradientAt(Weights, b).EqualTo(dw, db)))!;

        Assert.That(failure.Message, Does.Contain("at b[0]"));
    }

    [Test]
    public void GradientAt_ShapedClaimOfWrongShape_Throws()
    {
        Func<double[,], double[], double> layer = Layer;
        var (_, db) = LayerGradient(Weights, Bias);

        var error = Assert.Throws<ArgumentException>(() => Derivative.GradientAt(Weights, Bias).EqualTo(new double[3, 2], db).ApplyTo(layer))!;

        Assert.That(error.Message, Does.Contain("shape (3, 2)").And.Contain("(2, 3)"));
    }

    [Test]
    public void JacobianAt_RightMatrix_PassesAndWrongFails()
    {
        Func<double[], double[]> f = x => [x[0] * x[1], Math.Exp(x[0]) + x[1]];
        double[] x = [0.3, 2.0];
        var jacobian = new double[,] { { x[1], x[0] }, { Math.Exp(x[0]), 1 } };

        Assert.That(f, Derivative.JacobianAt(x).EqualTo(jacobian));
        jacobian[1, 0] += 1e-3;
        Assert.That(f, Is.Not.Null.And.Not.Matches(Derivative.JacobianAt(x).EqualTo(jacobian)));
    }

    [Test]
    public void JvpAtAndVjpAt_RightProducts_PassAndWrongFail()
    {
        Func<double[], double[]> f = x => [x[0] * x[1], Math.Exp(x[0]) + x[1]];
        double[] x = [0.3, 2.0], v = [1.5, -0.5], u = [0.25, 2];
        double[] jv = [x[1] * v[0] + x[0] * v[1], Math.Exp(x[0]) * v[0] + v[1]];
        double[] uj = [u[0] * x[1] + u[1] * Math.Exp(x[0]), u[0] * x[0] + u[1]];

        Assert.That(f, Derivative.JvpAt(x, v).EqualTo(jv));
        Assert.That(f, Derivative.VjpAt(x, u).EqualTo(uj));
        Assert.That(Derivative.VjpAt(x, u).EqualTo([uj[1], uj[0]]).ApplyTo(f).IsSuccess, Is.False);
        Assert.That(Derivative.JvpAt(x, v).EqualTo([jv[0], -jv[1]]).ApplyTo(f).IsSuccess, Is.False);
    }

    [Test]
    public void HessianAt_RightMatrix_PassesAndTransposedSlipFails()
    {
        // f = x0² x1 + sin x2: H = [[2 x1, 2 x0, 0], [2 x0, 0, 0], [0, 0, −sin x2]].
        var x = Point;
        var hessian = new double[,] { { 2 * x[1], 2 * x[0], 0 }, { 2 * x[0], 0, 0 }, { 0, 0, -Math.Sin(x[2]) } };

        Assert.That(Cubic, Derivative.HessianAt(x).EqualTo(hessian));
        hessian[2, 2] = Math.Sin(x[2]);
        Assert.That(Derivative.HessianAt(x).EqualTo(hessian).ApplyTo(Cubic).IsSuccess, Is.False);
    }

    [Test]
    public void GradientAt_Float32AgainstFloat64Reference_PassesAndWrongFails()
    {
        Func<float[], float> loss32 = x => (x[0] * x[0]) + MathF.Sin(x[1]);
        Func<double[], double> loss64 = x => (x[0] * x[0]) + Math.Sin(x[1]);
        float[] x = [0.75f, -0.5f];
        float[] gradient = [2 * x[0], MathF.Cos(x[1])];

        Assert.That(loss32, Derivative.GradientAt(x).EqualTo(gradient, reference: loss64));
        gradient[0] *= 1.01f;
        Assert.That(Derivative.GradientAt(x).EqualTo(gradient, loss64).ApplyTo(loss32).IsSuccess, Is.False);
    }

    [Test]
    public void Using_Options_ArePassedToTheCheck()
    {
        var relu = new Func<double[], double>(x => Math.Max(x[0], 0));

        // At the kink of relu, the convention "the left derivative" passes a claim of 0 and fails 1,
        // which without options would be "not differentiable here" and not fail.
        var left = new GradientCheckOptions { Subgradient = SubgradientConvention.Left };
        Assert.That(relu, Derivative.GradientAt([0.0]).EqualTo([0.0]).Using(left));
        Assert.That(relu, Derivative.GradientAt([0.0]).EqualTo([1.0]));
        Assert.That(Derivative.GradientAt([0.0]).EqualTo([1.0]).Using(left).ApplyTo(relu).IsSuccess, Is.False);
    }

    [Test]
    public void ApplyTo_WrongDelegateType_ThrowsNamingTheTypeExpected()
    {
        Func<double[], double[]> vectorValued = x => x;

        var error = Assert.Throws<ArgumentException>(() => Derivative.GradientAt(Point).EqualTo(CubicGradient(Point)).ApplyTo(vectorValued))!;

        Assert.That(error.Message, Does.Contain("Func<double[], double>").And.Contain("Func<double[], double[]>"));
    }
}
