using System.Numerics;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>The plain stochastic-gradient-descent update with weight decay, in place.</summary>
public static class Sgd
{
    /// <summary>
    /// w ← w − η·(g + decay·w), element by element. decay is the coefficient as it appears in the gradient:
    /// 2λ for a λ‖w‖² penalty, λ for a (λ/2)‖w‖² penalty; 0 for none.
    /// </summary>
    /// <remarks>NaN/∞ in the gradient propagate into the weights (the caller's loss curve should show it, not hide it).</remarks>
    /// <exception cref="ArgumentException">The lengths differ or gradient overlaps weights.</exception>
    public static void Step(Span<double> weights, ReadOnlySpan<double> gradient, double learningRate, double decay) => Run(weights, gradient, learningRate, decay);

    /// <inheritdoc cref="Step(Span{double}, ReadOnlySpan{double}, double, double)"/>
    public static void Step(Span<float> weights, ReadOnlySpan<float> gradient, float learningRate, float decay) => Run(weights, gradient, learningRate, decay);

    private static void Run<T>(Span<T> weights, ReadOnlySpan<T> gradient, T learningRate, T decay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.VectorLength("Sgd.Step", gradient.Length, weights.Length, nameof(gradient), "weights.Length");
        Guard.NoOverlap("Sgd.Step", weights, gradient, nameof(weights), nameof(gradient));
        Elementwise.Map(new StepOperator<T>(learningRate, decay), weights, gradient, weights);
    }

    /// <summary>(w, g) ↦ w − η·(g + d·w).</summary>
    private readonly struct StepOperator<T>(T learningRate, T decay) : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T w, T g) => w - (learningRate * (g + (decay * w)));

        public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g) => w - (Vector256.Create(learningRate) * (g + (Vector256.Create(decay) * w)));

        public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g) => w - (Vector512.Create(learningRate) * (g + (Vector512.Create(decay) * w)));
    }
}
