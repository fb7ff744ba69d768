namespace GradCheck.Symbolic.Expressions;

/// <summary>The elementary functions of one argument that an <see cref="Function"/> node applies.</summary>
/// <remarks>
/// Conventions at the kinks: relu(0) = 0, abs(0) = 0, sign(0) = 0, step(0) = 0 (Heaviside with H(0) = 0).
/// The declaration order is the canonical order of function nodes.
/// </remarks>
public enum FunctionKind
{
    /// <summary>e^x.</summary>
    Exp,

    /// <summary>Natural logarithm; NaN below 0, −∞ at 0.</summary>
    Ln,

    /// <summary>Principal square root; NaN below 0.</summary>
    Sqrt,

    /// <summary>The logistic function σ(x) = 1 / (1 + e^(−x)).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>max(x, 0); kink at 0.</summary>
    Relu,

    /// <summary>|x|; kink at 0.</summary>
    Abs,

    /// <summary>−1, 0 or 1; jump at 0.</summary>
    Sign,

    /// <summary>Heaviside step: 1 for x &gt; 0, else 0; jump at 0.</summary>
    Step,

    /// <summary>ln(1 + e^x).</summary>
    Softplus,
}
