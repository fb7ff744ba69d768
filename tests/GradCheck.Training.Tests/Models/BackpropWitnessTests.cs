using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using GradCheck.Numerics;
using GradCheck.Symbolic.Differentiation;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Models;

/// <summary>
/// The mission's property: three witnesses agree. For random architectures (1–3 layers, widths 1–8),
/// activations, losses, weight decay, batch sizes and points, the engine's backprop gradient equals the
/// finite-difference gradient (GradCheck.Numerics) and the symbolic gradient (the same objective built as a
/// GradCheck.Symbolic expression and differentiated).
/// </summary>
[TestFixture]
public sealed class BackpropWitnessTests
{
    private static readonly Activation[] ActivationChoices =
        [Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.ScaledRelu(3), Activation.LeakyRelu(0.1)];

    private static readonly (Rational Lambda, double Value)[] Lambdas =
        [(Rational.Zero, 0), (new Rational(1, 100), 0.01), (new Rational(1, 4), 0.25), (Rational.One, 1)];

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Backprop_RandomNetworks_EqualsFiniteDifferences() =>
        Prop.ForAll(Cases(includePerceptron: true).ToArbitrary(), c =>
        {
            var (network, x, y) = c.Build<double>();
            var gradient = new double[c.Spec.ParameterCount];
            network.LossAndGradient(x, y, c.Batch, gradient);
            var probe = new Network<double>(c.Spec);
            double Objective(double[] parameters)
            {
                parameters.CopyTo(probe.Parameters);
                return probe.Loss(x, y, c.Batch);
            }

            var report = GradientChecker.Check(Objective, network.Parameters.ToArray(), gradient);
            return report.Passed.Label($"{c}\n{report.Message}");
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property Backprop_RandomNetworks_EqualsTheSymbolicGradient() =>
        Prop.ForAll(Cases(includePerceptron: false).ToArbitrary(), c =>
        {
            var (network, x, y) = c.Build<double>();
            var gradient = new double[c.Spec.ParameterCount];
            var loss = network.LossAndGradient(x, y, c.Batch, gradient);

            // the symbolic witness: J as an expression, differentiated by every parameter symbol, compiled to one
            // delegate over (parameters, inputs, targets)
            var symbolic = new SymbolicNetwork(c.Spec, c.Batch, c.Lambda);
            var arguments = symbolic.Parameters.Concat(symbolic.Inputs).Concat(symbolic.Targets).ToList();
            var derivatives = symbolic.Parameters.Select(p => Differentiator.Differentiate(symbolic.Objective, p)).Prepend(symbolic.Objective).ToList();
            var evaluate = Compiler.CompileMany(derivatives, arguments);
            var point = network.Parameters.ToArray().Concat(x).Concat(y).ToArray();
            var results = new double[derivatives.Count];
            evaluate(point, results);

            var symbolicLoss = results[0];
            var scale = Math.Max(1, gradient.Max(Math.Abs));
            var failures = new List<string>();
            if (Math.Abs(symbolicLoss - loss) > 1e-12 * Math.Max(1, Math.Abs(loss)))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"objective: engine {loss:R}, symbolic {symbolicLoss:R}"));
            }

            for (var i = 0; i < symbolic.Parameters.Count; i++)
            {
                var derivative = results[i + 1];
                if (!(Math.Abs(derivative - gradient[i]) <= 1e-10 * scale))
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"∂J/∂{symbolic.Parameters[i]}: backprop {gradient[i]:R}, symbolic {derivative:R}"));
                }
            }

            return (failures.Count == 0).Label($"{c}\n{string.Join("\n", failures.Take(8))}");
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property BackpropFloat32_RandomNetworks_EqualsFiniteDifferencesOfTheFloat64Objective() =>
        Prop.ForAll(Cases(includePerceptron: false).ToArbitrary(), c =>
        {
            var (network, x, y) = c.Build<float>();
            var gradient = new float[c.Spec.ParameterCount];
            network.LossAndGradient(x, y, c.Batch, gradient);
            var single = new Network<float>(c.Spec);
            var wide = new Network<double>(c.Spec);
            var xWide = x.Select(v => (double)v).ToArray();
            var yWide = y.Select(v => (double)v).ToArray();
            float Objective(float[] parameters)
            {
                parameters.CopyTo(single.Parameters);
                return single.Loss(x, y, c.Batch);
            }

            double Reference(double[] parameters)
            {
                parameters.CopyTo(wide.Parameters);
                return wide.Loss(xWide, yWide, c.Batch);
            }

            // Where the outputs saturate (softmax within 1e-3 of one-hot, σ or tanh within 1e-3 of its bound), the standard
            // float32 formulas (s − y, σ' = a(1 − a), 1 − a²) cancel to a few ulps of 1 and lose their relative accuracy: no
            // bug, and no float32 implementation does better. Such points are discarded (FsCheck counts them); the float64
            // properties above cover them. Elsewhere a gradient entry is a batch sum of terms that cancel to ~1e-3, so its
            // rounding is relative to the terms: allow 512 float32 ulps of the gradient's scale, not the default 64.
            network.Parameters.ToArray().Select(v => (double)v).ToArray().CopyTo(wide.Parameters);
            if (SaturatesInFloat32(wide, c, xWide))
            {
                return Prop.Discard<Property>();
            }

            var options = new GradientCheckOptions { ClaimedRoundingUlps = 512 };
            var report = GradientChecker.Check(Objective, network.Parameters.ToArray(), gradient, Reference, options);
            return report.Passed.Label($"{c}\n{report.Message}");
        });

    /// <summary>Whether the float64 outputs sit within 1e-3 of a saturation bound of the output layer or the loss.</summary>
    private static bool SaturatesInFloat32(Network<double> network, WitnessCase c, double[] inputs)
    {
        const double Margin = 1e-3;
        var outputs = new double[c.Batch * c.Spec.OutputSize];
        network.Forward(inputs, c.Batch, outputs);
        var output = c.Spec.Layers[^1].Activation.Kind;
        foreach (var row in outputs.Chunk(c.Spec.OutputSize))
        {
            var saturated = c.Spec.Loss switch
            {
                LossKind.SoftmaxCrossEntropy => row.Max(v => Math.Exp(v - row.Max()) / row.Sum(u => Math.Exp(u - row.Max()))) > 1 - Margin,
                LossKind.BinaryCrossEntropyWithLogits => row.Any(v => 1 / (1 + Math.Exp(-Math.Abs(v))) > 1 - Margin),
                _ => output switch
                {
                    ActivationKind.Sigmoid => row.Any(v => v < Margin || v > 1 - Margin),
                    ActivationKind.Tanh => row.Any(v => Math.Abs(v) > 1 - Margin),
                    _ => false,
                },
            };
            if (saturated)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Random cases: 1–3 layers of width 1–8, every activation and loss, decay with either convention.</summary>
    internal static Gen<WitnessCase> Cases(bool includePerceptron)
    {
        LossKind[] losses = includePerceptron
            ? [LossKind.MeanSquaredError, LossKind.BinaryCrossEntropyWithLogits, LossKind.SoftmaxCrossEntropy, LossKind.Perceptron]
            : [LossKind.MeanSquaredError, LossKind.BinaryCrossEntropyWithLogits, LossKind.SoftmaxCrossEntropy];
        return from layerCount in Gen.Choose(1, 3)
               from widths in Gen.ArrayOf(Gen.Choose(1, 8), layerCount)
               from inputs in Gen.Choose(1, 6)
               from hidden in Gen.Elements(ActivationChoices)
               from output in Gen.Elements(ActivationChoices)
               from loss in Gen.Elements(losses)
               from lambda in Gen.Elements(Lambdas)
               from convention in Gen.Elements(WeightDecayConvention.SquaredNorm, WeightDecayConvention.HalfSquaredNorm)
               from decayBiases in Gen.Elements(false, true)
               from batch in Gen.Choose(1, 5)
               from seed in Gen.Choose(0, int.MaxValue)
               select WitnessCase.Create(widths, inputs, hidden, output, loss, lambda, convention, decayBiases, batch, seed);
    }
}

/// <summary>One random network, batch and point; <see cref="Build{T}"/> draws the values from <see cref="Seed"/>.</summary>
internal sealed record WitnessCase(NetworkSpec Spec, int Batch, int Seed, Rational Lambda)
{
    public static WitnessCase Create(
        int[] widths, int inputs, Activation hidden, Activation output, LossKind loss, (Rational Lambda, double Value) lambda,
        WeightDecayConvention convention, bool decayBiases, int batch, int seed)
    {
        var sizes = widths.ToArray();
        if (loss is LossKind.SoftmaxCrossEntropy or LossKind.Perceptron)
        {
            sizes[^1] = Math.Max(2, sizes[^1]);
        }

        var layers = sizes.Select((w, l) => new LayerSpec(w, l < sizes.Length - 1 ? hidden : loss == LossKind.MeanSquaredError ? output : Activation.Identity)).ToList();
        return new WitnessCase(new NetworkSpec(inputs, layers, loss, new WeightDecay(lambda.Value, convention, decayBiases)), batch, seed, lambda.Lambda);
    }

    /// <summary>A network with weights ~ N(0, 1.5²/fan-in), biases ~ U(−½, ½), inputs ~ U(−1, 1) and targets fit for the loss.</summary>
    public (Network<T> Network, T[] Inputs, T[] Targets) Build<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(Seed);
        var network = new Network<T>(Spec);
        for (var l = 0; l < Spec.Layers.Count; l++)
        {
            var weights = network.LayerWeights(l);
            var scale = 1.5 / Math.Sqrt(network.FanIn(l));
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = T.CreateChecked(scale * Gaussian(random));
            }

            var biases = network.LayerBiases(l);
            for (var i = 0; i < biases.Length; i++)
            {
                biases[i] = T.CreateChecked(random.NextDouble() - 0.5);
            }
        }

        var inputs = new T[Batch * Spec.InputSize];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateChecked((2 * random.NextDouble()) - 1);
        }

        var outputs = Spec.OutputSize;
        var targets = new T[Batch * outputs];
        for (var i = 0; i < Batch; i++)
        {
            var row = targets.AsSpan(i * outputs, outputs);
            switch (Spec.Loss)
            {
                case LossKind.MeanSquaredError:
                    for (var k = 0; k < outputs; k++)
                    {
                        row[k] = T.CreateChecked(random.NextDouble());
                    }

                    break;
                case LossKind.BinaryCrossEntropyWithLogits:
                    for (var k = 0; k < outputs; k++)
                    {
                        row[k] = random.Next(2) == 0 ? T.Zero : T.One;
                    }

                    break;
                default:
                    row[random.Next(outputs)] = T.One;
                    break;
            }
        }

        return (network, inputs, targets);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Spec}, batch {Batch}, seed {Seed}");

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
