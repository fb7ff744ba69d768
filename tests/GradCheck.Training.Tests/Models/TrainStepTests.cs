using FsCheck;
using FsCheck.Fluent;
using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Models;

/// <summary>The trainer's fused step (BP4 written straight into W by one GEMM) is the textbook SGD step on the witnessed gradient.</summary>
[TestFixture]
public sealed class TrainStepTests
{
    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property TrainStep_RandomNetworks_EqualsGradientThenSgdStep() =>
        Prop.ForAll(BackpropWitnessTests.Cases(includePerceptron: true).ToArbitrary(), c =>
        {
            const double learningRate = 0.3;
            var (network, x, y) = c.Build<double>();
            var before = network.Parameters.ToArray();
            var gradient = new double[c.Spec.ParameterCount];
            var expectedLoss = network.DataLossAndGradient(x, y, c.Batch, gradient);
            var weightDecay = c.Spec.Decay.GradientCoefficient;
            var biasDecay = c.Spec.Decay.IncludeBiases ? weightDecay : 0;
            var expected = before.Select((w, i) => w - (learningRate * (gradient[i] + ((i < c.Spec.WeightCount ? weightDecay : biasDecay) * w)))).ToArray();

            var loss = network.TrainStep(x, y, c.Batch, learningRate, weightDecay, biasDecay);
            var actual = network.Parameters.ToArray();
            var scale = Math.Max(1, before.Concat(gradient).Max(Math.Abs));
            var agree = Math.Abs(loss - expectedLoss) <= 1e-14 * Math.Max(1, Math.Abs(loss))
                && actual.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-13 * scale);
            return agree.Label($"{c}: loss {loss} vs {expectedLoss}");
        });
}
