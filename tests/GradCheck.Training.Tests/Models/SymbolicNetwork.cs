using GradCheck.Symbolic.Expressions;
using GradCheck.Training.Models;

namespace GradCheck.Training.Tests.Models;

/// <summary>
/// The objective of a <see cref="NetworkSpec"/> written out as one GradCheck.Symbolic expression, independently
/// of the engine: J = (1/B)·Σ_i C(a^L(x_i), y_i) + (c/2)·Σ w², with a symbol for every weight W_{l,j,k},
/// bias b_{l,j}, input x_{i,k} and target y_{i,k}. Its derivative with respect to each parameter symbol is the
/// symbolic witness of the engine's backprop.
/// </summary>
internal sealed class SymbolicNetwork
{
    public SymbolicNetwork(NetworkSpec spec, int batchSize, Rational lambda)
    {
        Spec = spec;
        var parameters = new List<Symbol>();
        var fanIn = spec.InputSize;
        for (var l = 0; l < spec.Layers.Count; l++)
        {
            for (var j = 0; j < spec.Layers[l].Width; j++)
            {
                for (var k = 0; k < fanIn; k++)
                {
                    parameters.Add(Expr.Sym("W", l, j, k));
                }
            }

            fanIn = spec.Layers[l].Width;
        }

        for (var l = 0; l < spec.Layers.Count; l++)
        {
            for (var j = 0; j < spec.Layers[l].Width; j++)
            {
                parameters.Add(Expr.Sym("b", l, j));
            }
        }

        // same order as Network<T>.Parameters: [W¹, …, W^L, b¹, …, b^L], each W row-major
        Parameters = parameters;
        Inputs = Enumerable.Range(0, batchSize).SelectMany(i => Enumerable.Range(0, spec.InputSize).Select(k => Expr.Sym("x", i, k))).ToList();
        Targets = Enumerable.Range(0, batchSize).SelectMany(i => Enumerable.Range(0, spec.OutputSize).Select(k => Expr.Sym("y", i, k))).ToList();

        var samples = new List<Expr>();
        for (var i = 0; i < batchSize; i++)
        {
            var activations = Enumerable.Range(0, spec.InputSize).Select(k => (Expr)Expr.Sym("x", i, k)).ToList();
            var logits = activations;
            fanIn = spec.InputSize;
            for (var l = 0; l < spec.Layers.Count; l++)
            {
                var layer = spec.Layers[l];
                var previous = activations;
                logits = Enumerable.Range(0, layer.Width)
                    .Select(j => Expr.Add(Enumerable.Range(0, fanIn).Select(k => Expr.Sym("W", l, j, k) * previous[k]).Append(Expr.Sym("b", l, j))))
                    .ToList();
                activations = logits.Select(z => Apply(layer.Activation, z)).ToList();
                fanIn = layer.Width;
            }

            var y = Enumerable.Range(0, spec.OutputSize).Select(k => (Expr)Expr.Sym("y", i, k)).ToList();
            samples.Add(SampleLoss(spec.Loss, logits, activations, y));
        }

        var penalised = parameters.Where(p => spec.Decay.IncludeBiases || p.Name == "W").ToList();
        var coefficient = spec.Decay.Convention == WeightDecayConvention.SquaredNorm ? lambda : lambda / new Rational(2);
        Objective = (Expr.Add(samples) / batchSize) + (Expr.Num(coefficient) * Expr.Add(penalised.Select(w => Expr.Pow(w, 2))));
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<Symbol> Parameters { get; }

    public IReadOnlyList<Symbol> Inputs { get; }

    public IReadOnlyList<Symbol> Targets { get; }

    public Expr Objective { get; }

    /// <summary>σ(z) written with the symbolic engine's own functions: leaky ReLU as relu(z) − α·relu(−z).</summary>
    private static Expr Apply(Activation activation, Expr z) => activation.Kind switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Sigmoid => Expr.Sigmoid(z),
        ActivationKind.Tanh => Expr.Tanh(z),
        ActivationKind.Relu => Expr.Relu(z),
        ActivationKind.ScaledRelu => Expr.Num(ToRational(activation.Parameter)) * Expr.Relu(z),
        ActivationKind.LeakyRelu => Expr.Relu(z) - (Expr.Num(ToRational(activation.Parameter)) * Expr.Relu(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static Expr SampleLoss(LossKind loss, List<Expr> z, List<Expr> a, List<Expr> y) => loss switch
    {
        // ½‖a − y‖²
        LossKind.MeanSquaredError => Expr.Add(a.Select((ak, k) => Expr.Pow(ak - y[k], 2))) / 2,

        // Σ_k softplus(z_k) − y_k·z_k  (= −y ln σ(z) − (1 − y) ln(1 − σ(z)))
        LossKind.BinaryCrossEntropyWithLogits => Expr.Add(z.Select((zk, k) => Expr.Softplus(zk) - (y[k] * zk))),

        // −Σ_k y_k (z_k − ln Σ_j e^{z_j})
        LossKind.SoftmaxCrossEntropy => -Expr.Add(z.Select((zk, k) => y[k] * (zk - Expr.Ln(Expr.Add(z.Select(Expr.Exp)))))),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "the perceptron criterion has a max, which the symbolic engine does not express."),
    };

    /// <summary>The test's activation parameters are short decimals (3, 0.1, 0.25): exact as a fraction over 10^6.</summary>
    private static Rational ToRational(double value) =>
        new(new System.Numerics.BigInteger(Math.Round(value * 1_000_000)), 1_000_000);
}
