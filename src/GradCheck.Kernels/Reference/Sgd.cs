using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>Scalar definition of <see cref="Kernels.Sgd"/>.</summary>
public static class Sgd
{
    /// <summary>w ← w − η·(g + decay·w), element by element.</summary>
    /// <exception cref="ArgumentException">The lengths differ or the spans overlap.</exception>
    public static void Step(Span<double> weights, ReadOnlySpan<double> gradient, double learningRate, double decay)
    {
        Check(weights, gradient);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= learningRate * (gradient[i] + (decay * weights[i]));
        }
    }

    /// <inheritdoc cref="Step(Span{double}, ReadOnlySpan{double}, double, double)"/>
    public static void Step(Span<float> weights, ReadOnlySpan<float> gradient, float learningRate, float decay)
    {
        Check(weights, gradient);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= learningRate * (gradient[i] + (decay * weights[i]));
        }
    }

    private static void Check<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> gradient)
    {
        Guard.VectorLength("Reference.Sgd.Step", gradient.Length, weights.Length, nameof(gradient), "weights.Length");
        Guard.NoOverlap("Reference.Sgd.Step", weights, gradient, nameof(weights), nameof(gradient));
    }
}
