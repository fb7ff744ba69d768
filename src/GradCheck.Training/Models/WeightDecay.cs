using System.Globalization;

namespace GradCheck.Training.Models;

/// <summary>Which penalty a weight-decay coefficient λ stands for.</summary>
public enum WeightDecayConvention
{
    /// <summary>Penalty λ‖w‖², gradient 2λw (seed 000, Problem 4).</summary>
    SquaredNorm,

    /// <summary>Penalty (λ/2)‖w‖², gradient λw (PyTorch's <c>weight_decay</c>, Nielsen's λ/2n form without the n).</summary>
    HalfSquaredNorm,
}

/// <summary>
/// L2 weight decay: the penalty added to the mean batch loss. Biases are excluded unless
/// <paramref name="IncludeBiases"/> is set (the usual convention: biases do not control the model's curvature).
/// </summary>
/// <param name="Lambda">λ ≥ 0, finite.</param>
/// <param name="Convention">Whether λ multiplies ‖w‖² or ‖w‖²/2.</param>
/// <param name="IncludeBiases">Whether biases are penalised too.</param>
public sealed record WeightDecay(double Lambda, WeightDecayConvention Convention = WeightDecayConvention.HalfSquaredNorm, bool IncludeBiases = false)
{
    /// <summary>No penalty.</summary>
    public static WeightDecay None { get; } = new(0);

    /// <summary>The coefficient c in ∇penalty = c·w: 2λ or λ.</summary>
    public double GradientCoefficient => Convention == WeightDecayConvention.SquaredNorm ? 2 * Lambda : Lambda;

    /// <summary>The penalty for a given Σ w² over the penalised parameters.</summary>
    /// <param name="sumOfSquares">Σ w².</param>
    public double Penalty(double sumOfSquares) => GradientCoefficient * sumOfSquares / 2;

    /// <summary>Throws when λ is negative or not finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ &lt; 0, NaN or infinite.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Lambda) || Lambda < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "weight decay λ must be finite and ≥ 0.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Convention == WeightDecayConvention.SquaredNorm ? "λ‖w‖²" : "λ/2‖w‖²")}, λ = {Lambda}{(IncludeBiases ? ", biases included" : "")}");
}
