using System.Numerics;
using GradCheck.Training.Models;

namespace GradCheck.Training.Engine;

/// <summary>The data losses on a batch: their sum over rows and ∂C/∂(output), part of the math seam.</summary>
internal static class LossMath
{
    /// <summary>
    /// Returns Σ_rows C and writes into <paramref name="gradient"/> ∂C/∂a (MSE: with respect to the output
    /// activation) or ∂C/∂z (the fused losses: with respect to the logits), unscaled by the batch.
    /// </summary>
    public static T SumAndGradient<T>(LossKind loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> gradient, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = T.Zero;
        var half = T.CreateChecked(0.5);
        switch (loss)
        {
            case LossKind.MeanSquaredError:
                // C = ½‖a − y‖², ∇_a C = a − y
                for (var i = 0; i < rows * cols; i++)
                {
                    var d = outputs[i] - targets[i];
                    gradient[i] = d;
                    total += half * d * d;
                }

                return total;
            case LossKind.BinaryCrossEntropyWithLogits:
                // C = max(z, 0) − z·y + ln(1 + e^{−|z|}) = softplus(z) − z·y, ∂C/∂z = σ(z) − y
                for (var i = 0; i < rows * cols; i++)
                {
                    var z = outputs[i];
                    total += T.Max(z, T.Zero) - (z * targets[i]) + T.LogP1(T.Exp(-T.Abs(z)));
                    gradient[i] = ActivationMath.Sigmoid(z) - targets[i];
                }

                return total;
            case LossKind.SoftmaxCrossEntropy:
                return TensorMath.SoftmaxCrossEntropy(outputs, targets, gradient, rows, cols);
            case LossKind.Perceptron:
                // C = max_k z_k − z_y, subgradient e_{argmax} − e_y
                for (var i = 0; i < rows; i++)
                {
                    var z = outputs.Slice(i * cols, cols);
                    var y = targets.Slice(i * cols, cols);
                    var g = gradient.Slice(i * cols, cols);
                    var predicted = ArgMax(z);
                    var label = ArgMax(y);
                    g.Clear();
                    if (HasNaN(z))
                    {
                        // The criterion reads two logits; a NaN in any other must not vanish from the run.
                        g.Fill(T.NaN);
                        total += T.NaN;
                        continue;
                    }

                    total += z[predicted] - z[label];
                    if (predicted != label)
                    {
                        g[predicted] = T.One;
                        g[label] = -T.One;
                    }
                }

                return total;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss kind.");
        }
    }

    private static bool HasNaN<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in values)
        {
            if (T.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first index of the largest entry (NaN never wins a comparison, so a NaN row picks 0).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
