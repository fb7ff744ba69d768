using GradCheck.Numerics;

namespace GradCheck.Numerics.Tests;

/// <summary>Gradients over shaped arguments: a matrix, a weight matrix with a bias, a rank-3 tensor.</summary>
public class ShapedArgumentsTests
{
    // f(A) = Σ_ij A_ij² (i + 1) / (j + 2): ∂f/∂A_ij = 2 A_ij (i + 1) / (j + 2).
    private static double Weighted(double[,] a)
    {
        var sum = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                sum += a[i, j] * a[i, j] * (i + 1) / (j + 2);
            }
        }

        return sum;
    }

    private static double[,] WeightedGradient(double[,] a)
    {
        var g = new double[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                g[i, j] = 2 * a[i, j] * (i + 1) / (j + 2);
            }
        }

        return g;
    }

    private static readonly double[,] Matrix = { { 0.5, -1.0, 0.25 }, { 1.5, 0.75, -0.5 } };

    [Test]
    public void Gradient_Matrix_PassesAndNamesEntriesRowMajor()
    {
        var report = GradCheckAssert.Gradient(Weighted, Matrix, WeightedGradient(Matrix));

        Assert.That(report.Entries, Has.Count.EqualTo(6));
        Assert.That(report.Message, Does.Contain("Matrix["));
    }

    [Test]
    public void Gradient_MatrixWithOneWrongEntry_ThrowsNamingRowAndColumn()
    {
        var wrong = WeightedGradient(Matrix);
        wrong[1, 0] += 0.01;
        var A = Matrix;

        var error = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Gradient(Weighted, A, wrong))!;

        Assert.That(error.Message, Does.Contain("1 of 6 entries disagrees").And.Contain("(worst ratio").And.Contain("at A[1, 0])"));
        Assert.That(error.Report!.Worst.Index, Is.EqualTo(3));
    }

    [Test]
    public void Gradient_ThreeArgumentsWithATensor_PassesAndAWrongTensorEntryFails()
    {
        // f(K, W, b) = Σ K_abc · c(a, b, c) + Σ W_ij b_i: ∂K = c, ∂W_ij = b_i, ∂b_i = Σ_j W_ij.
        var kernel = new double[2, 2, 2];
        var dKernel = new double[2, 2, 2];
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                for (var c = 0; c < 2; c++)
                {
                    kernel[a, b, c] = 0.1 * (a + 1) - 0.2 * b + 0.3 * c;
                    dKernel[a, b, c] = a + (2 * b) + (4 * c) + 1;
                }
            }
        }

        double F(double[,,] k, double[,] w, double[] bias)
        {
            var sum = 0.0;
            for (var a = 0; a < 2; a++)
            {
                for (var b = 0; b < 2; b++)
                {
                    for (var c = 0; c < 2; c++)
                    {
                        sum += k[a, b, c] * (a + (2 * b) + (4 * c) + 1);
                    }
                }
            }

            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    sum += w[i, j] * bias[i];
                }
            }

            return sum;
        }

        double[] bias = [0.5, -2];
        var dW = new double[,] { { 0.5, 0.5, 0.5 }, { -2, -2, -2 } };
        double[] dBias = [Matrix[0, 0] + Matrix[0, 1] + Matrix[0, 2], Matrix[1, 0] + Matrix[1, 1] + Matrix[1, 2]];

        Assert.That(GradCheckAssert.Gradient(F, kernel, Matrix, bias, dKernel, dW, dBias).Entries, Has.Count.EqualTo(16));
        dKernel[1, 0, 1] = 0;
        var error = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Gradient(F, kernel, Matrix, bias, dKernel, dW, dBias))!;
        Assert.That(error.Message, Does.Contain("at kernel[1, 0, 1])"));
    }

    [Test]
    public void Check_ArgumentThatIsNotAnArrayOfDouble_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GradientChecker.Check((int[] a, double[] b) => 0.0, new int[2], new double[1], new int[2], new double[1]))!;

        Assert.That(error.Message, Does.Contain("arrays of double"));
    }

    [Test]
    public void Check_FunctionModifyingItsArgument_DoesNotChangeThePoint()
    {
        var point = (double[,])Matrix.Clone();

        GradientChecker.Check(a => { var v = Weighted(a); a[0, 0] = 99; return v; }, point, WeightedGradient(point));

        Assert.That(point, Is.EqualTo(Matrix));
    }
}
