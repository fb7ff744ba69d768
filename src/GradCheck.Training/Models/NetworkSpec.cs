namespace GradCheck.Training.Models;

/// <summary>A dense layer: z = W·a + b with W (Width × inputs), then a = σ(z).</summary>
/// <param name="Width">Number of units, ≥ 1.</param>
/// <param name="Activation">σ.</param>
public sealed record LayerSpec(int Width, Activation Activation);

/// <summary>
/// A fully connected network: its input width, its dense layers (the last is the output layer), its data
/// loss and its weight decay. Parameters are laid out flat as [W¹, …, W^L, b¹, …, b^L], each W^l row-major
/// (Width_l × Width_{l−1}), so all weights are one contiguous block and all biases another.
/// </summary>
/// <param name="InputSize">Features per sample, ≥ 1.</param>
/// <param name="Layers">The dense layers, at least one.</param>
/// <param name="Loss">The per-sample data loss.</param>
/// <param name="Decay">The L2 penalty.</param>
public sealed record NetworkSpec(int InputSize, IReadOnlyList<LayerSpec> Layers, LossKind Loss, WeightDecay Decay)
{
    /// <summary>Number of output units.</summary>
    public int OutputSize => Layers[^1].Width;

    /// <summary>Total number of weights (excluding biases).</summary>
    public int WeightCount
    {
        get
        {
            var count = 0;
            var fanIn = InputSize;
            foreach (var layer in Layers)
            {
                count += layer.Width * fanIn;
                fanIn = layer.Width;
            }

            return count;
        }
    }

    /// <summary>Total number of biases.</summary>
    public int BiasCount => Layers.Sum(l => l.Width);

    /// <summary>All trainable parameters.</summary>
    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>Rosenblatt's multiclass perceptron: one linear layer trained with the perceptron criterion.</summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="classes">Number of classes.</param>
    public static NetworkSpec Perceptron(int inputs, int classes) =>
        new(inputs, [new LayerSpec(classes, Activation.Identity)], LossKind.Perceptron, WeightDecay.None);

    /// <summary>Binary logistic regression: one output logit, BCE from logits, L2 penalty.</summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="decay">The L2 penalty (seed 000 uses λ‖w‖²).</param>
    public static NetworkSpec BinaryLogisticRegression(int inputs, WeightDecay? decay = null) =>
        new(inputs, [new LayerSpec(1, Activation.Identity)], LossKind.BinaryCrossEntropyWithLogits, decay ?? WeightDecay.None);

    /// <summary>Multinomial logistic regression: one linear layer, softmax cross-entropy, L2 penalty.</summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="decay">The L2 penalty.</param>
    public static NetworkSpec MultinomialLogisticRegression(int inputs, int classes, WeightDecay? decay = null) =>
        new(inputs, [new LayerSpec(classes, Activation.Identity)], LossKind.SoftmaxCrossEntropy, decay ?? WeightDecay.None);

    /// <summary>
    /// A multilayer perceptron: hidden layers of the given widths with <paramref name="hidden"/>, then an
    /// output layer of <paramref name="classes"/> units. With softmax cross-entropy or BCE from logits the
    /// output layer is linear (the loss fuses its own nonlinearity); with MSE it uses <paramref name="output"/>
    /// (sigmoid if not given, as in Nielsen's 784-30-10 network).
    /// </summary>
    /// <param name="inputs">Features per sample.</param>
    /// <param name="hiddenWidths">Widths of the hidden layers (may be empty).</param>
    /// <param name="classes">Output units.</param>
    /// <param name="hidden">Hidden activation.</param>
    /// <param name="loss">Data loss.</param>
    /// <param name="decay">L2 penalty.</param>
    /// <param name="output">Output activation for MSE.</param>
    public static NetworkSpec Mlp(
        int inputs, IReadOnlyList<int> hiddenWidths, int classes, Activation hidden, LossKind loss = LossKind.SoftmaxCrossEntropy,
        WeightDecay? decay = null, Activation? output = null)
    {
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        var layers = hiddenWidths.Select(w => new LayerSpec(w, hidden)).ToList();
        layers.Add(new LayerSpec(classes, loss == LossKind.MeanSquaredError ? output ?? Activation.Sigmoid : Activation.Identity));
        return new NetworkSpec(inputs, layers, loss, decay ?? WeightDecay.None);
    }

    /// <summary>Checks sizes, the decay, and that fused losses sit on a linear output layer.</summary>
    /// <exception cref="ArgumentException">The spec is inconsistent; the message says which part and why.</exception>
    public void Validate()
    {
        if (InputSize < 1)
        {
            throw new ArgumentException($"the input size must be ≥ 1, got {InputSize}.", nameof(InputSize));
        }

        if (Layers is null || Layers.Count == 0)
        {
            throw new ArgumentException("a network needs at least one layer.", nameof(Layers));
        }

        for (var l = 0; l < Layers.Count; l++)
        {
            if (Layers[l].Width < 1)
            {
                throw new ArgumentException($"layer {l + 1} has width {Layers[l].Width}; widths must be ≥ 1.", nameof(Layers));
            }
        }

        // Counted in long, so a huge layer is named here instead of overflowing WeightCount into a negative array size.
        long parameters = 0;
        long fanIn = InputSize;
        foreach (var layer in Layers)
        {
            parameters += (fanIn + 1) * layer.Width;
            fanIn = layer.Width;
            if (parameters > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"{this} needs more than {Array.MaxLength} parameters, more than one array can hold; use narrower layers.", nameof(Layers));
            }
        }

        if (Loss != LossKind.MeanSquaredError && Layers[^1].Activation.Kind != ActivationKind.Identity)
        {
            throw new ArgumentException(
                $"the {Loss} loss works on logits: the output layer's activation must be identity, not {Layers[^1].Activation}.", nameof(Layers));
        }

        if (Loss is LossKind.SoftmaxCrossEntropy or LossKind.Perceptron && OutputSize < 2)
        {
            throw new ArgumentException($"the {Loss} loss needs at least 2 output units, got {OutputSize}.", nameof(Layers));
        }

        Decay.Validate();
    }

    /// <summary>A short description such as <c>784-200(sigmoid)-10 softmax-CE</c>.</summary>
    public override string ToString() =>
        $"{InputSize}-{string.Join("-", Layers.Select(l => $"{l.Width}({l.Activation})"))} {Loss}, {Decay}";
}
