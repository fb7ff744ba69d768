using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Numerics;
using GradCheck.NUnit;

namespace GradCheck.Examples.Tests;

/// <summary>How a test suite uses GradCheck: a backward pass, its float32 twin, and the calculus behind it.</summary>
public class DenseLayerTests
{
    private static readonly double[] Input = [0.5, -1.0, 2.0];
    private static readonly double[] Target = [1.0, 0.0];
    private static readonly double[,] W = { { 0.1, -0.2, 0.3 }, { -0.4, 0.5, 0.05 } };
    private static readonly double[] B = [0.01, -0.02];

    private readonly DenseLayer _layer = new(Input, Target);

    [Test]
    public void Backward_WeightsAndBias_MatchFiniteDifferences()
    {
        Func<double[,], double[], double> loss = _layer.Loss;
        var (dw, db) = _layer.Backward(W, B);

        Assert.That(loss, Derivative.GradientAt(W, B).EqualTo(dw, db));
    }

    [Test]
    public void Backward_WithAForgottenFactor_IsCaughtAndNamed()
    {
        Func<double[,], double[], double> loss = _layer.Loss;
        var (dw, db) = _layer.Backward(W, B);
        db[1] /= 2;   // the slip a constraint must catch: half of ∂L/∂b₁

        var failure = Assert.Throws<AssertionException>(() => Assert.That(loss, Derivative.GradientAt(W, B).EqualTo(dw, db)))!;

        Assert.That(failure.Message, Does.Contain("1 of 8 entries disagrees").And.Contain("at B[1]"));
    }

    [Test]
    public void Backward_WithoutNUnitConstraints_GradCheckAssertThrowsTheSameReport()
    {
        var (dw, db) = _layer.Backward(W, B);
        db[1] /= 2;

        var error = Assert.Throws<GradientCheckException>(() => GradCheckAssert.Gradient(_layer.Loss, W, B, dw, db))!;

        Assert.That(error.Report!.FailedCount, Is.EqualTo(1));
    }

    [Test]
    public void Loss32_Gradient_MatchesTheFloat64Reference()
    {
        var flat32 = new float[8];
        var grad32 = new float[8];
        var (dw, db) = _layer.Backward(W, B);
        for (var k = 0; k < 6; k++)
        {
            flat32[k] = (float)W[k / 3, k % 3];
            grad32[k] = (float)dw[k / 3, k % 3];
        }

        flat32[6] = (float)B[0];
        flat32[7] = (float)B[1];
        grad32[6] = (float)db[0];
        grad32[7] = (float)db[1];
        Func<float[], float> loss32 = x => _layer.Loss32(x, 2);
        double Reference(double[] x) =>
            _layer.Loss(new[,] { { x[0], x[1], x[2] }, { x[3], x[4], x[5] } }, [x[6], x[7]]);

        Assert.That(loss32, Derivative.GradientAt(flat32).EqualTo(grad32, reference: Reference));
    }

    [TestCase("d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))", Verdict.Proved)]
    [TestCase("d/dz (sigmoid(z) - y)^2 = 2*(sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))", Verdict.Proved)]
    [TestCase("d/dz (sigmoid(z) - y)^2 = (sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))", Verdict.Refuted)]
    public void Derivation_BehindTheBackwardPass_IsCheckedSymbolically(string claim, Verdict expected)
    {
        var result = ClaimChecker.Check(ClaimsParser.ParseInline(claim).Single());

        Assert.That(result.Verdict, Is.EqualTo(expected));
    }
}
