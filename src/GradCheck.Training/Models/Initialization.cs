namespace GradCheck.Training.Models;

/// <summary>How a network's weights are drawn (biases start at 0).</summary>
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
}
