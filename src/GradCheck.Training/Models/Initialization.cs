namespace GradCheck.Training.Models;

/// <summary>How a network's weights are drawn (biases start at 0, except under <see cref="TorchDefault"/>).</summary>
public enum Initialization
{
    /// <summary>Glorot/Xavier uniform: U(−r, r), r = √(6 / (fan_in + fan_out)).</summary>
    XavierUniform,

    /// <summary>Glorot/Xavier normal: N(0, 2 / (fan_in + fan_out)).</summary>
    XavierNormal,

    /// <summary>He/Kaiming normal: N(0, 2 / fan_in), for ReLU layers.</summary>
    HeNormal,

    /// <summary>He/Kaiming uniform: U(−r, r), r = √(6 / fan_in).</summary>
    HeUniform,

    /// <summary>All weights 0 (the classic perceptron start).</summary>
    Zeros,

    /// <summary>
    /// PyTorch's default for <c>torch.nn.Linear</c> (kaiming_uniform_ with a = √5): weights and biases both
    /// U(−r, r), r = 1/√fan_in; what a PyTorch script that does not initialise explicitly starts from.
    /// </summary>
    TorchDefault,
}
