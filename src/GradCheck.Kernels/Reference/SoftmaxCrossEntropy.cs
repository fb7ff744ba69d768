using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>Scalar definition of <see cref="Kernels.SoftmaxCrossEntropy"/>: log-softmax, then the weighted sum, then s − y.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Σ_r −Σ_k y[r, k]·ln s[r, k] (terms with y = 0 skipped), with ln s the stable log-softmax; gradient = s − y.
    /// All spans row-major rows×cols.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, a length is not rows×cols, or the spans overlap.</exception>
    public static double LossAndGradient(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, Span<double> gradient, int rows, int cols) =>
        Run(logits, targets, gradient, rows, cols);

    /// <inheritdoc cref="LossAndGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int)"/>
    public static float LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, int rows, int cols) =>
        Run(logits, targets, gradient, rows, cols);

    private static T Run<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int rows, int cols)
        where T : IFloatingPointIeee754<T>
    {
        const string kernel = "Reference.SoftmaxCrossEntropy.LossAndGradient";
        RowGuard.Check(kernel, logits, gradient, rows, cols, nameof(logits), nameof(gradient));
        Guard.MatrixLength(kernel, targets.Length, rows, cols, nameof(targets), nameof(rows), nameof(cols));
        Guard.NoOverlap(kernel, targets, gradient, nameof(targets), nameof(gradient));
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = logits.Slice(r * cols, cols);
            ReadOnlySpan<T> y = targets.Slice(r * cols, cols);
            Span<T> g = gradient.Slice(r * cols, cols);
            T max = Softmax.Max(x);
            T logSum = Softmax.LogSumShiftedExp(x, max);
            T loss = T.Zero;
            for (int j = 0; j < cols; j++)
            {
                T logProbability = x[j] - max - logSum;
                if (y[j] != T.Zero)
                {
                    loss -= y[j] * logProbability;
                }

                g[j] = T.Exp(logProbability) - y[j];
            }

            total += double.CreateTruncating(loss);
        }

        return T.CreateTruncating(total);
    }
}
