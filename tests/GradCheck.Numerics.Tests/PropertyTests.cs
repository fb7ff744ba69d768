using FsCheck;
using FsCheck.Fluent;
using GradCheck.TestSupport;

namespace GradCheck.Numerics.Tests;

/// <summary>Properties over the TestSupport arbitraries.</summary>
[TestFixture]
public sealed class PropertyTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double LogSumExp(double[] z)
    {
        var max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool Richardson_SigmoidAtWellConditionedPoints_Within1e10Relative(WellConditionedPoint point) =>
        point.Values.All(x =>
        {
            var exact = Sigmoid(x) * (1 - Sigmoid(x));
            return Tolerance.RelativeError(FiniteDifferences.Richardson(Sigmoid, x).Value, exact) <= 1e-10;
        });

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool Check_SoftmaxCrossEntropyCorrectGradient_Passes(LabelledLogits sample)
    {
        var label = sample.Label;
        var z = sample.Logits;
        var max = z.Max();
        var sum = z.Sum(v => Math.Exp(v - max));
        var gradient = z.Select((v, k) => (Math.Exp(v - max) / sum) - (k == label ? 1 : 0)).ToArray();
        return GradientChecker.Check(v => LogSumExp(v) - v[label], z, gradient).Passed;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public Property Check_OneEntryOffByOnePartInAMillion_Fails(LabelledLogits sample, PositiveInt which)
    {
        var label = sample.Label;
        var z = sample.Logits;
        var max = z.Max();
        var sum = z.Sum(v => Math.Exp(v - max));
        var gradient = z.Select((v, k) => (Math.Exp(v - max) / sum) - (k == label ? 1 : 0)).ToArray();
        var i = which.Get % z.Length;
        gradient[i] += 1e-6 * gradient.Max(Math.Abs);
        var report = GradientChecker.Check(v => LogSumExp(v) - v[label], z, gradient);
        return (!report.Passed && report.Worst.Index == i).Label(report.Message);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public bool Check_NegativeEntropyAtProbabilityVectors_Passes(ProbabilityVector p) =>
        // f(p) = Σ pᵢ ln pᵢ, ∂f/∂pᵢ = ln pᵢ + 1 (checked on the open orthant around p)
        GradientChecker.Check(v => v.Sum(e => e * Math.Log(e)), p.Values, p.Values.Select(e => Math.Log(e) + 1).ToArray()).Passed;

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public bool Check_ReluSumPlusMaxAwayFromKinks_PassesWithoutKinks(KinkFreePoint point)
    {
        var x = point.Values;
        var argmax = Array.IndexOf(x, x.Max());
        var gradient = x.Select((v, i) => (v > 0 ? 1.0 : 0.0) + (i == argmax ? 1.0 : 0.0)).ToArray();
        var report = GradientChecker.Check(v => v.Sum(e => Math.Max(e, 0)) + v.Max(), x, gradient);
        return report.Passed && !report.NotDifferentiableHere;
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public Property JacobianCheck_LinearMap_PassesItsMatrixAndFailsAPerturbedOne(SmallMatrix matrix, PositiveInt which)
    {
        var a = matrix.Value;
        var x = Enumerable.Range(0, a.Columns).Select(i => Math.Cos(i + 0.5)).ToArray();
        double[] F(double[] v)
        {
            var y = new double[a.Rows];
            for (var r = 0; r < a.Rows; r++)
            {
                for (var c = 0; c < a.Columns; c++)
                {
                    y[r] += a[r, c] * v[c];
                }
            }

            return y;
        }

        var correct = JacobianChecker.Check(F, x, a.Values);
        var wrong = (double[])a.Values.Clone();
        wrong[which.Get % wrong.Length] += 1e-7;
        var perturbed = JacobianChecker.Check(F, x, wrong);
        return (correct.Passed && !perturbed.Passed).Label(correct.Message + "\n" + perturbed.Message);
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public bool ProbabilityVectors_AreProbabilityVectors(ProbabilityVector p) =>
        Math.Abs(p.Values.Sum() - 1) <= 1e-12 && p.Values.All(v => v >= 1e-3);
}
