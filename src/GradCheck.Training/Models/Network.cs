using System.Numerics;
using GradCheck.Training.Engine;
using MathNet.Numerics.Distributions;

namespace GradCheck.Training.Models;

/// <summary>Factory for <see cref="Network{T}"/>.</summary>
public static class Network
{
    /// <summary>Creates a network with weights drawn by <paramref name="initialization"/> from <paramref name="seed"/> and zero biases.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="spec">The architecture.</param>
    /// <param name="initialization">The weight distribution.</param>
    /// <param name="seed">The seed; the same seed gives the same weights.</param>
    /// <exception cref="ArgumentException">The spec is inconsistent.</exception>
    public static Network<T> Create<T>(NetworkSpec spec, Initialization initialization, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new Network<T>(spec);
        network.Initialize(initialization, seed);
        return network;
    }
}

/// <summary>
/// A fully connected network in float32 or float64 with its parameters, forward pass and backprop.
/// Batches are row-major (batch × features); targets are row-major (batch × outputs), one-hot for
/// classification. The objective is J = (1/B)·Σ_samples C + penalty, the mean over the batch.
/// </summary>
/// <remarks>
/// Notation (Nielsen): z^l = W^l a^{l−1} + b^l, a^l = σ(z^l), δ^l = ∂J/∂z^l. With samples as rows,
/// z^l is computed as a^{l−1}·(W^l)ᵀ and (W^l)ᵀ δ^{l+1} as δ^{l+1}·W^l.
/// NaN/∞: inputs or parameters that are NaN or infinite propagate into the loss and gradient; nothing is
/// clamped, so a diverging run shows up as a NaN loss. An instance keeps scratch buffers and is not thread-safe.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Network<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _parameters;
    private readonly int[] _fanIn;
    private readonly int[] _weightOffset;
    private readonly int[] _biasOffset;
    private Workspace? _workspace;

    /// <summary>Creates a network with every parameter 0.</summary>
    /// <param name="spec">The architecture, loss and decay.</param>
    /// <exception cref="ArgumentException">The spec is inconsistent (see <see cref="NetworkSpec.Validate"/>).</exception>
    public Network(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        var layers = spec.Layers.Count;
        _fanIn = new int[layers];
        _weightOffset = new int[layers];
        _biasOffset = new int[layers];
        var weights = 0;
        var biases = spec.WeightCount;
        var fanIn = spec.InputSize;
        for (var l = 0; l < layers; l++)
        {
            _fanIn[l] = fanIn;
            _weightOffset[l] = weights;
            _biasOffset[l] = biases;
            weights += spec.Layers[l].Width * fanIn;
            biases += spec.Layers[l].Width;
            fanIn = spec.Layers[l].Width;
        }

        _parameters = new T[spec.ParameterCount];
    }

    /// <summary>The architecture, loss and decay.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>All parameters, laid out [W¹, …, W^L, b¹, …, b^L] (see <see cref="NetworkSpec"/>).</summary>
    public Span<T> Parameters => _parameters;

    /// <summary>The weights of layer <paramref name="layer"/> (0-based), row-major (width × fan-in).</summary>
    /// <param name="layer">0-based layer index.</param>
    public Span<T> LayerWeights(int layer) => _parameters.AsSpan(_weightOffset[layer], Spec.Layers[layer].Width * _fanIn[layer]);

    /// <summary>The biases of layer <paramref name="layer"/> (0-based).</summary>
    /// <param name="layer">0-based layer index.</param>
    public Span<T> LayerBiases(int layer) => _parameters.AsSpan(_biasOffset[layer], Spec.Layers[layer].Width);

    /// <summary>Number of inputs of layer <paramref name="layer"/> (0-based).</summary>
    /// <param name="layer">0-based layer index.</param>
    public int FanIn(int layer) => _fanIn[layer];

    /// <summary>Redraws the weights (biases set to 0, or drawn too under <see cref="Initialization.TorchDefault"/>).</summary>
    /// <param name="initialization">The distribution.</param>
    /// <param name="seed">The seed.</param>
    public void Initialize(Initialization initialization, int seed)
    {
        var random = new Random(seed);
        Array.Clear(_parameters);
        for (var l = 0; l < Spec.Layers.Count; l++)
        {
            var fanIn = (double)_fanIn[l];
            var fanOut = (double)Spec.Layers[l].Width;
            var weights = LayerWeights(l);
            for (var i = 0; i < weights.Length; i++)
            {
                var value = initialization switch
                {
                    Initialization.XavierUniform => ContinuousUniform.Sample(random, -Math.Sqrt(6 / (fanIn + fanOut)), Math.Sqrt(6 / (fanIn + fanOut))),
                    Initialization.XavierNormal => Normal.Sample(random, 0, Math.Sqrt(2 / (fanIn + fanOut))),
                    Initialization.HeNormal => Normal.Sample(random, 0, Math.Sqrt(2 / fanIn)),
                    Initialization.HeUniform => ContinuousUniform.Sample(random, -Math.Sqrt(6 / fanIn), Math.Sqrt(6 / fanIn)),
                    Initialization.Zeros => 0.0,
                    Initialization.TorchDefault => ContinuousUniform.Sample(random, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn)),
                    _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "unknown initialization."),
                };
                weights[i] = T.CreateChecked(value);
            }

            if (initialization == Initialization.TorchDefault)
            {
                var biases = LayerBiases(l);
                for (var i = 0; i < biases.Length; i++)
                {
                    biases[i] = T.CreateChecked(ContinuousUniform.Sample(random, -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn)));
                }
            }
        }
    }

    /// <summary>The weight-decay penalty at the current parameters.</summary>
    public T Penalty()
    {
        if (Spec.Decay.Lambda == 0)
        {
            return T.Zero;
        }

        var penalised = PenalisedParameters();
        var sum = T.Zero;
        foreach (var w in penalised)
        {
            sum += w * w;
        }

        return T.CreateChecked(Spec.Decay.GradientCoefficient / 2) * sum;
    }

    /// <summary>Runs the forward pass and copies the output layer's activations (batch × outputs) into <paramref name="outputs"/>.</summary>
    /// <param name="inputs">batch × InputSize, row-major.</param>
    /// <param name="batchSize">Rows in <paramref name="inputs"/>.</param>
    /// <param name="outputs">batch × OutputSize.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape requires.</exception>
    public void Forward(ReadOnlySpan<T> inputs, int batchSize, Span<T> outputs)
    {
        CheckShape(inputs, batchSize, Spec.InputSize, nameof(inputs));
        CheckShape(outputs, batchSize, Spec.OutputSize, nameof(outputs));
        var work = Prepare(batchSize);
        RunForward(inputs, batchSize, work);
        work.A[^1].AsSpan(0, batchSize * Spec.OutputSize).CopyTo(outputs);
    }

    /// <summary>The objective J = mean data loss over the batch + penalty, without computing a gradient.</summary>
    /// <param name="inputs">batch × InputSize.</param>
    /// <param name="targets">batch × OutputSize.</param>
    /// <param name="batchSize">Rows.</param>
    public T Loss(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize)
    {
        CheckShape(inputs, batchSize, Spec.InputSize, nameof(inputs));
        CheckShape(targets, batchSize, Spec.OutputSize, nameof(targets));
        var work = Prepare(batchSize);
        RunForward(inputs, batchSize, work);
        var size = batchSize * Spec.OutputSize;
        var sum = LossMath.SumAndGradient(Spec.Loss, work.A[^1].AsSpan(0, size), targets, work.Delta[^1].AsSpan(0, size), batchSize, Spec.OutputSize);
        return (sum / T.CreateChecked(batchSize)) + Penalty();
    }

    /// <summary>
    /// Runs the forward pass, copies the outputs into <paramref name="outputs"/> and returns the SUM over the
    /// batch of the data loss (no penalty): the evaluation pass of the trainer.
    /// </summary>
    internal T EvaluateBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, Span<T> outputs)
    {
        CheckShape(inputs, batchSize, Spec.InputSize, nameof(inputs));
        CheckShape(targets, batchSize, Spec.OutputSize, nameof(targets));
        var work = Prepare(batchSize);
        RunForward(inputs, batchSize, work);
        var size = batchSize * Spec.OutputSize;
        work.A[^1].AsSpan(0, size).CopyTo(outputs);
        return LossMath.SumAndGradient(Spec.Loss, work.A[^1].AsSpan(0, size), targets, work.Delta[^1].AsSpan(0, size), batchSize, Spec.OutputSize);
    }

    /// <summary>
    /// The objective J (mean data loss + penalty) and its gradient with respect to every parameter, by
    /// backprop, written into <paramref name="gradient"/> in the <see cref="Parameters"/> layout.
    /// </summary>
    /// <param name="inputs">batch × InputSize.</param>
    /// <param name="targets">batch × OutputSize.</param>
    /// <param name="batchSize">Rows, ≥ 1.</param>
    /// <param name="gradient">ParameterCount entries.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape requires.</exception>
    public T LossAndGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, Span<T> gradient)
    {
        var data = DataLossAndGradient(inputs, targets, batchSize, gradient);
        var coefficient = T.CreateChecked(Spec.Decay.GradientCoefficient);
        if (coefficient != T.Zero)
        {
            // ∇(c/2·‖w‖²) = c·w on the penalised block
            var penalised = PenalisedParameters();
            var penalisedGradient = gradient[..penalised.Length];
            for (var i = 0; i < penalised.Length; i++)
            {
                penalisedGradient[i] += coefficient * penalised[i];
            }
        }

        return data + Penalty();
    }

    /// <summary>
    /// The mean data loss (no penalty) and its gradient by BP1–BP4; the optimizer adds the decay term itself.
    /// </summary>
    internal T DataLossAndGradient(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, Span<T> gradient)
    {
        CheckShape(inputs, batchSize, Spec.InputSize, nameof(inputs));
        CheckShape(targets, batchSize, Spec.OutputSize, nameof(targets));
        if (gradient.Length < Spec.ParameterCount)
        {
            throw new ArgumentException($"the gradient needs {Spec.ParameterCount} entries, got {gradient.Length}.", nameof(gradient));
        }

        var work = Prepare(batchSize);
        var loss = ForwardAndOutputDelta(inputs, targets, batchSize, work);
        for (var l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            var width = Spec.Layers[l].Width;
            var fanIn = _fanIn[l];
            var delta = work.Delta[l].AsSpan(0, batchSize * width);
            var previous = l == 0 ? inputs[..(batchSize * fanIn)] : work.A[l - 1].AsSpan(0, batchSize * fanIn);

            // BP4: ∂J/∂W^l = δ^l (a^{l−1})ᵀ summed over the batch, i.e. (δ^l)ᵀ·A^{l−1} with samples as rows
            TensorMath.MultiplyTransposeA<T>(delta, previous, gradient.Slice(_weightOffset[l], width * fanIn), width, batchSize, fanIn);

            // BP3: ∂J/∂b^l = δ^l summed over the batch
            TensorMath.ColumnSums<T>(delta, gradient.Slice(_biasOffset[l], width), batchSize, width);

            if (l > 0)
            {
                // BP2: δ^{l−1} = ((W^l)ᵀ δ^l) ⊙ σ'(z^{l−1}), i.e. (δ^l·W^l) ⊙ σ'(Z^{l−1}) with samples as rows
                var below = work.Delta[l - 1].AsSpan(0, batchSize * fanIn);
                TensorMath.Multiply<T>(delta, LayerWeights(l), below, batchSize, width, fanIn);
                ActivationMath.Backward(
                    Spec.Layers[l - 1].Activation, work.Z[l - 1].AsSpan(0, batchSize * fanIn), work.A[l - 1].AsSpan(0, batchSize * fanIn), below, below);
            }
        }

        return loss;
    }

    /// <summary>
    /// One SGD step on a batch, fused: the same forward pass and δs as <see cref="DataLossAndGradient"/>, but
    /// each layer's update is applied as soon as its δ is known, and BP4 writes straight into the weights:
    /// W ← (1 − η·c)·W − η·(δ^l)ᵀA^{l−1}, one GEMM with α = −η, β = 1 − η·c, instead of a gradient buffer
    /// and a second pass. Equal to w ← w − η(∂J/∂w + c·w) up to rounding. Returns the batch's mean data loss.
    /// </summary>
    internal T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, T learningRate, T weightDecay, T biasDecay)
    {
        CheckShape(inputs, batchSize, Spec.InputSize, nameof(inputs));
        CheckShape(targets, batchSize, Spec.OutputSize, nameof(targets));
        var work = Prepare(batchSize);
        var loss = ForwardAndOutputDelta(inputs, targets, batchSize, work);
        for (var l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            var width = Spec.Layers[l].Width;
            var fanIn = _fanIn[l];
            var delta = work.Delta[l].AsSpan(0, batchSize * width);
            var previous = l == 0 ? inputs[..(batchSize * fanIn)] : work.A[l - 1].AsSpan(0, batchSize * fanIn);
            var weights = LayerWeights(l);

            if (l > 0)
            {
                // BP2 first, while W^l still holds the values the forward pass used
                var below = work.Delta[l - 1].AsSpan(0, batchSize * fanIn);
                TensorMath.Multiply<T>(delta, weights, below, batchSize, width, fanIn);
                ActivationMath.Backward(
                    Spec.Layers[l - 1].Activation, work.Z[l - 1].AsSpan(0, batchSize * fanIn), work.A[l - 1].AsSpan(0, batchSize * fanIn), below, below);
            }

            // BP3, then the bias step b ← b − η(∂J/∂b + c_b·b)
            var biasGradient = work.BiasGradient.AsSpan(0, width);
            TensorMath.ColumnSums<T>(delta, biasGradient, batchSize, width);
            TensorMath.SgdStep(LayerBiases(l), biasGradient, learningRate, biasDecay);

            // BP4 fused with the weight step: W ← (1 − η·c)·W − η·(δ^l)ᵀ·A^{l−1}
            TensorMath.MultiplyTransposeA<T>(delta, previous, weights, width, batchSize, fanIn, -learningRate, T.One - (learningRate * weightDecay));
        }

        return loss;
    }

    /// <summary>The block of parameters the penalty covers: all weights, plus the biases if the decay includes them.</summary>
    internal Span<T> PenalisedParameters() =>
        _parameters.AsSpan(0, Spec.Decay.IncludeBiases ? Spec.ParameterCount : Spec.WeightCount);

    /// <summary>
    /// The forward pass, then BP1: writes δ^L into the workspace and returns the batch's mean data loss. For the fused
    /// losses the output layer is linear (σ' = 1), so δ^L = ∂C/∂z^L as the loss wrote it.
    /// </summary>
    private T ForwardAndOutputDelta(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, Workspace work)
    {
        RunForward(inputs, batchSize, work);
        var last = Spec.Layers.Count - 1;
        var size = batchSize * Spec.OutputSize;
        var inverseBatch = T.One / T.CreateChecked(batchSize);
        var deltaL = work.Delta[last].AsSpan(0, size);
        var sum = LossMath.SumAndGradient(Spec.Loss, work.A[last].AsSpan(0, size), targets, deltaL, batchSize, Spec.OutputSize);
        if (Spec.Loss == LossKind.MeanSquaredError)
        {
            // BP1: δ^L = ∇_a C ⊙ σ'(z^L)
            ActivationMath.Backward(Spec.Layers[last].Activation, work.Z[last].AsSpan(0, size), work.A[last].AsSpan(0, size), deltaL, deltaL);
        }

        // J is the batch mean, so every δ carries the factor 1/B from here on.
        TensorMath.Scale(deltaL, inverseBatch);
        return sum * inverseBatch;
    }

    private void RunForward(ReadOnlySpan<T> inputs, int batchSize, Workspace work)
    {
        for (var l = 0; l < Spec.Layers.Count; l++)
        {
            var width = Spec.Layers[l].Width;
            var fanIn = _fanIn[l];
            var previous = l == 0 ? inputs[..(batchSize * fanIn)] : work.A[l - 1].AsSpan(0, batchSize * fanIn);
            var z = work.Z[l].AsSpan(0, batchSize * width);

            // z^l = W^l a^{l−1} + b^l, i.e. Z^l = A^{l−1}·(W^l)ᵀ + 1·(b^l)ᵀ with samples as rows
            TensorMath.MultiplyTransposeB<T>(previous, LayerWeights(l), z, batchSize, fanIn, width, T.Zero);
            TensorMath.AddBiasRows<T>(z, LayerBiases(l), batchSize, width);

            // a^l = σ(z^l)
            ActivationMath.Forward(Spec.Layers[l].Activation, z, work.A[l].AsSpan(0, batchSize * width));
        }
    }

    private Workspace Prepare(int batchSize)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be ≥ 1.");
        }

        if (_workspace is null || _workspace.BatchSize < batchSize)
        {
            _workspace = new Workspace(Spec, batchSize);
        }

        return _workspace;
    }

    private static void CheckShape(ReadOnlySpan<T> span, int rows, int cols, string name)
    {
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "the batch size must be ≥ 1.");
        }

        if (span.Length < (long)rows * cols)
        {
            throw new ArgumentException($"{name} must hold batch × {cols} = {(long)rows * cols} values, got {span.Length}.", name);
        }
    }

    private sealed class Workspace
    {
        public Workspace(NetworkSpec spec, int batchSize)
        {
            BatchSize = batchSize;
            Z = spec.Layers.Select(l => new T[batchSize * l.Width]).ToArray();
            A = spec.Layers.Select(l => new T[batchSize * l.Width]).ToArray();
            Delta = spec.Layers.Select(l => new T[batchSize * l.Width]).ToArray();
            BiasGradient = new T[spec.Layers.Max(l => l.Width)];
        }

        public int BatchSize { get; }

        public T[][] Z { get; }

        public T[][] A { get; }

        public T[][] Delta { get; }

        public T[] BiasGradient { get; }
    }
}
