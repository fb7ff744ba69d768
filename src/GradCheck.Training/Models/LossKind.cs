namespace GradCheck.Training.Models;

/// <summary>
/// The per-sample data loss C(a, y); the network minimises its mean over the batch plus the weight-decay
/// penalty. Targets are one-hot rows (a single output unit takes the label 0 or 1 directly).
/// </summary>
public enum LossKind
{
    /// <summary>C = ½‖a − y‖² (summed over outputs), ∇_a C = a − y; the output activation is applied first.</summary>
    MeanSquaredError,

    /// <summary>
    /// Binary cross-entropy from logits, per output unit: C = Σ_k softplus(z_k) − y_k·z_k, computed as
    /// max(z, 0) − z·y + ln(1 + e^{−|z|}) so no logit overflows; ∂C/∂z = σ(z) − y. The output activation must be identity.
    /// </summary>
    BinaryCrossEntropyWithLogits,

    /// <summary>
    /// Softmax cross-entropy fused with the softmax: C = −Σ_k y_k (z_k − ln Σ_j e^{z_j}) with log-sum-exp
    /// (max subtracted); ∂C/∂z = softmax(z) − y. The output activation must be identity.
    /// </summary>
    SoftmaxCrossEntropy,

    /// <summary>
    /// The multiclass perceptron criterion C = max_k z_k − z_y (zero when the prediction is right); its
    /// subgradient e_{argmax} − e_y, taken with learning rate 1 and batch 1, is Rosenblatt's update.
    /// Ties take the first maximal index. The output activation must be identity.
    /// </summary>
    Perceptron,
}
