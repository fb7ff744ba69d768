using System.Globalization;

namespace GradCheck.Training.Models;

/// <summary>The elementwise activation functions a dense layer can apply to its pre-activation z.</summary>
public enum ActivationKind
{
    /// <summary>σ(z) = z.</summary>
    Identity,

    /// <summary>σ(z) = 1 / (1 + e^{−z}), σ' = σ(1 − σ).</summary>
    Sigmoid,

    /// <summary>σ(z) = tanh z, σ' = 1 − σ².</summary>
    Tanh,

    /// <summary>σ(z) = max(0, z), σ' = step(z) (0 at the kink).</summary>
    Relu,

    /// <summary>σ(z) = c·max(0, z) for a scale c (seed 004 uses 3), σ' = c·step(z).</summary>
    ScaledRelu,

    /// <summary>σ(z) = z for z &gt; 0, α·z otherwise, σ' = 1 or α.</summary>
    LeakyRelu,
}

/// <summary>
/// An activation function with its parameter (the scale of a scaled ReLU, the slope of a leaky ReLU;
/// ignored by the others). At the ReLU kink z = 0 the derivative used is the left one (0, or α).
/// </summary>
/// <param name="Kind">Which function.</param>
/// <param name="Parameter">Scale (scaled ReLU) or negative slope (leaky ReLU).</param>
public sealed record Activation(ActivationKind Kind, double Parameter = 0)
{
    /// <summary>The identity: layers that feed a fused loss (softmax cross-entropy, BCE from logits) use it.</summary>
    public static Activation Identity { get; } = new(ActivationKind.Identity);

    /// <summary>The logistic sigmoid.</summary>
    public static Activation Sigmoid { get; } = new(ActivationKind.Sigmoid);

    /// <summary>The hyperbolic tangent.</summary>
    public static Activation Tanh { get; } = new(ActivationKind.Tanh);

    /// <summary>The rectifier max(0, z).</summary>
    public static Activation Relu { get; } = new(ActivationKind.Relu);

    /// <summary>c·max(0, z).</summary>
    /// <param name="scale">The factor c (seed 004: 3).</param>
    public static Activation ScaledRelu(double scale) => new(ActivationKind.ScaledRelu, scale);

    /// <summary>z for z &gt; 0, α·z otherwise.</summary>
    /// <param name="slope">The negative-side slope α (commonly 0.01).</param>
    public static Activation LeakyRelu(double slope) => new(ActivationKind.LeakyRelu, slope);

    /// <summary>
    /// Parses <c>identity</c>, <c>sigmoid</c>, <c>tanh</c>, <c>relu</c>, <c>scaled-relu[:c]</c> (c defaults to 3)
    /// and <c>leaky-relu[:α]</c> (α defaults to 0.01), case-insensitively.
    /// </summary>
    /// <exception cref="FormatException">The text names no activation or has a malformed parameter.</exception>
    public static Activation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':', 2);
        double? parameter = null;
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new FormatException($"activation '{text}': the parameter after ':' must be a finite number.");
            }

            parameter = value;
        }

        return parts[0] switch
        {
            "identity" or "linear" => Identity,
            "sigmoid" => Sigmoid,
            "tanh" => Tanh,
            "relu" => Relu,
            "scaled-relu" or "scaledrelu" => ScaledRelu(parameter ?? 3),
            "leaky-relu" or "leakyrelu" => LeakyRelu(parameter ?? 0.01),
            _ => throw new FormatException(
                $"unknown activation '{text}': expected identity, sigmoid, tanh, relu, scaled-relu[:c] or leaky-relu[:alpha]."),
        };
    }

    /// <summary>The name <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Kind switch
    {
        ActivationKind.ScaledRelu => string.Create(CultureInfo.InvariantCulture, $"scaled-relu:{Parameter}"),
        ActivationKind.LeakyRelu => string.Create(CultureInfo.InvariantCulture, $"leaky-relu:{Parameter}"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
