using FsCheck;
using FsCheck.Fluent;
using GradCheck.Training.Engine;
using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Models;

/// <summary>The engine on GradCheck.Kernels computes what the plain-loop seam computes, to rounding.</summary>
[TestFixture]
[NonParallelizable]
public sealed class KernelPathTests
{
    [TearDown]
    public void RestoreKernels() => TensorMath.UseKernels = true;

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property LossAndGradient_KernelsAndPlainLoops_AgreeToRounding() =>
        Prop.ForAll(BackpropWitnessTests.Cases(includePerceptron: true).ToArbitrary(), c =>
        {
            var (network, x, y) = c.Build<double>();
            var viaKernels = new double[c.Spec.ParameterCount];
            var viaLoops = new double[c.Spec.ParameterCount];
            TensorMath.UseKernels = true;
            var lossKernels = network.LossAndGradient(x, y, c.Batch, viaKernels);
            TensorMath.UseKernels = false;
            var lossLoops = network.LossAndGradient(x, y, c.Batch, viaLoops);
            TensorMath.UseKernels = true;
            var scale = Math.Max(1, viaLoops.Max(Math.Abs));
            var agree = Math.Abs(lossKernels - lossLoops) <= 1e-12 * Math.Max(1, Math.Abs(lossLoops))
                && viaKernels.Zip(viaLoops).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * scale);
            return agree.Label(c.ToString());
        });

    [TestCase(ActivationKind.Relu)]
    [TestCase(ActivationKind.ScaledRelu)]
    [TestCase(ActivationKind.LeakyRelu)]
    public void LossAndGradient_NaNInput_StaysNaNOnBothPaths(ActivationKind kind)
    {
        // A ReLU that maps NaN to 0 would hide the NaN from the next layer: a finite loss from a NaN input.
        var activation = kind switch
        {
            ActivationKind.Relu => Activation.Relu,
            ActivationKind.ScaledRelu => Activation.ScaledRelu(3),
            _ => Activation.LeakyRelu(0.1),
        };
        var spec = NetworkSpec.Mlp(3, [4], 2, activation);
        double[] x = [0.5, double.NaN, -0.25];
        double[] y = [0, 1];
        foreach (var kernels in new[] { true, false })
        {
            TensorMath.UseKernels = kernels;
            var network = Network.Create<double>(spec, Initialization.XavierUniform, 1);
            var gradient = new double[spec.ParameterCount];
            var loss = network.LossAndGradient(x, y, 1, gradient);
            Assert.That(loss, Is.NaN, $"{kind} loss, kernels {kernels}");
            Assert.That(gradient.Any(double.IsNaN), Is.True, $"{kind} gradient, kernels {kernels}");
        }
    }

    [Test]
    public void LossAndGradient_PerceptronWithNaNInALogitThatIsNeitherPredictedNorLabel_IsNaN()
    {
        // The criterion reads two logits (the largest and the label's); a NaN in a third must still reach the loss.
        var spec = NetworkSpec.Perceptron(2, 3);
        var network = Network.Create<double>(spec, Initialization.Zeros, 1);
        network.Parameters[4] = double.NaN; // a weight of the third output unit only
        double[] x = [1, 1];
        double[] y = [1, 0, 0];
        foreach (var kernels in new[] { true, false })
        {
            TensorMath.UseKernels = kernels;
            var gradient = new double[spec.ParameterCount];
            var loss = network.LossAndGradient(x, y, 1, gradient);
            Assert.That(loss, Is.NaN, $"kernels {kernels}");
            Assert.That(gradient.Any(double.IsNaN), Is.True, $"kernels {kernels}");
        }
    }

    [Test]
    public void Fit_Float32Kernels_MatchTheLoopsOnTheFirstStepsToFloat32Rounding()
    {
        var spec = NetworkSpec.Mlp(4, [16], 3, Activation.Sigmoid);
        var data = Optimization.TrainerTests.Blobs(40, 3);
        float[] Train(bool kernels)
        {
            TensorMath.UseKernels = kernels;
            var network = Network.Create<float>(spec, Initialization.XavierUniform, 1);
            GradCheck.Training.Optimization.Trainer.Fit(network, data, null, null, new(0.5, 8, 1));
            return network.Parameters.ToArray();
        }

        var withKernels = Train(true);
        var withLoops = Train(false);
        Assert.That(withKernels, Is.EqualTo(withLoops).Within(1e-5));
    }
}
