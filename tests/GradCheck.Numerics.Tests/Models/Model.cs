using System.Numerics;

namespace GradCheck.Numerics.Tests.Models;

/// <summary>
/// A small model with a loss over a batch and a hand-written gradient into which a bug can be
/// injected. Parameters are one flat vector; matrices are row-major (outputs × inputs). The loss
/// and gradient are generic so the same code runs in float64 and float32.
/// </summary>
public abstract class Model
{
    public abstract string Name { get; }

    public abstract int ParameterCount { get; }

    public abstract IReadOnlyList<Bug> Bugs { get; }

    public abstract int Features { get; }

    public abstract int Classes { get; }

    public abstract T Loss<T>(ReadOnlySpan<T> theta, Batch<T> batch)
        where T : unmanaged, IFloatingPointIeee754<T>;

    public abstract void Gradient<T>(ReadOnlySpan<T> theta, Batch<T> batch, Span<T> gradient, Bug bug = Bug.None)
        where T : unmanaged, IFloatingPointIeee754<T>;

    public double[] Parameters(Random random)
    {
        var theta = new double[ParameterCount];
        for (var i = 0; i < theta.Length; i++)
        {
            theta[i] = (random.NextDouble() * 2) - 1;
        }

        return theta;
    }

    public double[] Gradient(double[] theta, Batch<double> batch, Bug bug = Bug.None)
    {
        var g = new double[theta.Length];
        Gradient<double>(theta, batch, g, bug);
        return g;
    }

    public override string ToString() => Name;

    protected static void Linear<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> z, bool withBias = true)
        where T : IFloatingPointIeee754<T>
    {
        for (var k = 0; k < z.Length; k++)
        {
            var sum = withBias ? b[k] : T.Zero;
            for (var d = 0; d < x.Length; d++)
            {
                sum += w[(k * x.Length) + d] * x[d];
            }

            z[k] = sum;
        }
    }

    protected static T SquaredNorm<T>(ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        var sum = T.Zero;
        foreach (var e in v)
        {
            sum += e * e;
        }

        return sum;
    }
}

/// <summary>Multi-label sigmoid + binary cross-entropy on a linear layer (K×D weights, K biases).</summary>
public sealed class SigmoidBce(int features, int classes) : Model
{
    public override string Name => "sigmoid BCE";

    public override int Features => features;

    public override int Classes => classes;

    public override int ParameterCount => (classes * features) + classes;

    public override IReadOnlyList<Bug> Bugs { get; } =
        [Bug.SignFlip, Bug.FactorTwo, Bug.TransposedWeight, Bug.MissingBias, Bug.WrongIndex, Bug.OffByOne, Bug.MissingSigmoidDerivative];

    public override T Loss<T>(ReadOnlySpan<T> theta, Batch<T> batch)
    {
        var w = theta[..(classes * features)];
        var bias = theta[(classes * features)..];
        Span<T> z = stackalloc T[classes];
        var loss = T.Zero;
        for (var b = 0; b < batch.Size; b++)
        {
            Linear(w, bias, batch.Inputs.AsSpan(b * features, features), z);
            for (var k = 0; k < classes; k++)
            {
                // −[y ln σ(z) + (1 − y) ln σ(−z)]
                var y = batch.Target(b, k);
                loss -= (y * Act.LogSigmoid(z[k])) + ((T.One - y) * Act.LogSigmoid(-z[k]));
            }
        }

        return loss / T.CreateChecked(batch.Size);
    }

    public override void Gradient<T>(ReadOnlySpan<T> theta, Batch<T> batch, Span<T> gradient, Bug bug = Bug.None)
    {
        var w = theta[..(classes * features)];
        var bias = theta[(classes * features)..];
        gradient.Clear();
        Span<T> z = stackalloc T[classes];
        var size = bug == Bug.OffByOne ? batch.Size - 1 : batch.Size;
        var scale = T.One / T.CreateChecked(batch.Size);
        for (var b = 0; b < size; b++)
        {
            var x = batch.Inputs.AsSpan(b * features, features);
            Linear(w, bias, x, z, withBias: bug != Bug.MissingBias);
            for (var k = 0; k < classes; k++)
            {
                var p = Act.Sigmoid(z[k]);
                var y = batch.Target(b, k);
                // dL/dp = (p − y) / (p(1 − p)), dp/dz = σ′(z) = p(1 − p)
                var dLdp = (bug == Bug.SignFlip ? y - p : p - y) / (p * (T.One - p));
                var delta = bug == Bug.MissingSigmoidDerivative ? dLdp : dLdp * p * (T.One - p);
                for (var d = 0; d < features; d++)
                {
                    var index = bug == Bug.TransposedWeight ? (d * classes) + k : (k * features) + d;
                    var input = bug == Bug.WrongIndex ? x[(d + 1) % features] : x[d];
                    gradient[index] += (bug == Bug.FactorTwo ? T.CreateChecked(2) : T.One) * delta * input * scale;
                }

                gradient[(classes * features) + k] += delta * scale;
            }
        }
    }
}

/// <summary>Softmax cross-entropy on a linear layer (K×D weights, K biases), averaged over the batch.</summary>
public sealed class SoftmaxCe(int features, int classes) : Model
{
    public override string Name => "softmax CE";

    public override int Features => features;

    public override int Classes => classes;

    public override int ParameterCount => (classes * features) + classes;

    public override IReadOnlyList<Bug> Bugs { get; } =
        [Bug.SignFlip, Bug.FactorTwo, Bug.TransposedWeight, Bug.MissingBias, Bug.WrongIndex, Bug.OffByOne];

    public override T Loss<T>(ReadOnlySpan<T> theta, Batch<T> batch)
    {
        var w = theta[..(classes * features)];
        var bias = theta[(classes * features)..];
        Span<T> z = stackalloc T[classes];
        Span<T> s = stackalloc T[classes];
        var loss = T.Zero;
        for (var b = 0; b < batch.Size; b++)
        {
            Linear(w, bias, batch.Inputs.AsSpan(b * features, features), z);
            // −ln softmax(z)_y = logΣexp(z) − z_y
            loss += Act.Softmax<T>(z, s) - z[batch.Labels[b]];
        }

        return loss / T.CreateChecked(batch.Size);
    }

    public override void Gradient<T>(ReadOnlySpan<T> theta, Batch<T> batch, Span<T> gradient, Bug bug = Bug.None)
    {
        var w = theta[..(classes * features)];
        var bias = theta[(classes * features)..];
        gradient.Clear();
        Span<T> z = stackalloc T[classes];
        Span<T> s = stackalloc T[classes];
        var size = bug == Bug.OffByOne ? batch.Size - 1 : batch.Size;
        var scale = T.One / T.CreateChecked(batch.Size);
        for (var b = 0; b < size; b++)
        {
            var x = batch.Inputs.AsSpan(b * features, features);
            Linear(w, bias, x, z, withBias: bug != Bug.MissingBias);
            Act.Softmax<T>(z, s);
            for (var k = 0; k < classes; k++)
            {
                // ∂L/∂z_k = s_k − y_k
                var y = k == batch.Labels[b] ? T.One : T.Zero;
                var delta = bug == Bug.SignFlip ? y - s[k] : s[k] - y;
                for (var d = 0; d < features; d++)
                {
                    var index = bug == Bug.TransposedWeight ? (d * classes) + k : (k * features) + d;
                    var input = bug == Bug.WrongIndex ? x[(d + 1) % features] : x[d];
                    gradient[index] += (bug == Bug.FactorTwo ? T.CreateChecked(2) : T.One) * delta * input * scale;
                }

                gradient[(classes * features) + k] += delta * scale;
            }
        }
    }
}

/// <summary>Logistic regression with an L2 penalty λ‖w‖² (λ = 0.1, bias not penalised); target = label parity.</summary>
public sealed class L2LogisticRegression(int features) : Model
{
    private const double Lambda = 0.1;

    public override string Name => "L2 logistic regression";

    public override int Features => features;

    public override int Classes => 2;

    public override int ParameterCount => features + 1;

    public override IReadOnlyList<Bug> Bugs { get; } =
        [Bug.SignFlip, Bug.FactorTwo, Bug.MissingBias, Bug.WrongIndex, Bug.OffByOne, Bug.DroppedWeightDecay];

    public override T Loss<T>(ReadOnlySpan<T> theta, Batch<T> batch)
    {
        var w = theta[..features];
        var bias = theta[features];
        var loss = T.Zero;
        for (var b = 0; b < batch.Size; b++)
        {
            var z = bias;
            for (var d = 0; d < features; d++)
            {
                z += w[d] * batch.Input(b, d);
            }

            var y = batch.Target(b, 0);
            loss -= (y * Act.LogSigmoid(z)) + ((T.One - y) * Act.LogSigmoid(-z));
        }

        return (loss / T.CreateChecked(batch.Size)) + (T.CreateChecked(Lambda) * SquaredNorm(w));
    }

    public override void Gradient<T>(ReadOnlySpan<T> theta, Batch<T> batch, Span<T> gradient, Bug bug = Bug.None)
    {
        var w = theta[..features];
        var bias = theta[features];
        gradient.Clear();
        var size = bug == Bug.OffByOne ? batch.Size - 1 : batch.Size;
        var scale = T.One / T.CreateChecked(batch.Size);
        for (var b = 0; b < size; b++)
        {
            var z = bug == Bug.MissingBias ? T.Zero : bias;
            for (var d = 0; d < features; d++)
            {
                z += w[d] * batch.Input(b, d);
            }

            // ∂L/∂z = σ(z) − y
            var y = batch.Target(b, 0);
            var p = Act.Sigmoid(z);
            var delta = bug == Bug.SignFlip ? y - p : p - y;
            for (var d = 0; d < features; d++)
            {
                var input = bug == Bug.WrongIndex ? batch.Input(b, (d + 1) % features) : batch.Input(b, d);
                gradient[d] += (bug == Bug.FactorTwo ? T.CreateChecked(2) : T.One) * delta * input * scale;
            }

            gradient[features] += delta * scale;
        }

        if (bug != Bug.DroppedWeightDecay)
        {
            // ∂(λ‖w‖²)/∂w = 2λw
            for (var d = 0; d < features; d++)
            {
                gradient[d] += T.CreateChecked(2 * Lambda) * w[d];
            }
        }
    }
}

/// <summary>
/// A 2-layer MLP: h = act(W₁x + b₁), z = W₂h + b₂, softmax cross-entropy averaged over the batch,
/// plus weight decay λ(‖W₁‖² + ‖W₂‖²) (λ = 0.05). Layout: W₁ (H×D), b₁ (H), W₂ (K×H), b₂ (K).
/// The hidden activation is the sigmoid, or ReLU with ReLU′(0) = 0 (PyTorch's convention).
/// </summary>
public sealed class Mlp(int features, int hidden, int classes, bool relu = false) : Model
{
    private const double Lambda = 0.05;

    public override string Name => relu ? "2-layer ReLU MLP" : "2-layer MLP";

    public override int Features => features;

    public override int Classes => classes;

    public int Hidden => hidden;

    public override int ParameterCount => (hidden * features) + hidden + (classes * hidden) + classes;

    public override IReadOnlyList<Bug> Bugs { get; } =
    [
        Bug.SignFlip, Bug.FactorTwo, Bug.TransposedWeight, Bug.MissingBias, Bug.WrongIndex, Bug.OffByOne,
        Bug.DroppedWeightDecay, Bug.MissingSigmoidDerivative,
    ];

    private int W2Offset => (hidden * features) + hidden;

    private int B2Offset => W2Offset + (classes * hidden);

    public override T Loss<T>(ReadOnlySpan<T> theta, Batch<T> batch)
    {
        Span<T> a = stackalloc T[hidden];
        Span<T> z = stackalloc T[classes];
        Span<T> s = stackalloc T[classes];
        var loss = T.Zero;
        for (var b = 0; b < batch.Size; b++)
        {
            Forward(theta, batch.Inputs.AsSpan(b * features, features), a, z, true);
            loss += Act.Softmax<T>(z, s) - z[batch.Labels[b]];
        }

        var decay = SquaredNorm(theta[..(hidden * features)]) + SquaredNorm(theta[W2Offset..B2Offset]);
        return (loss / T.CreateChecked(batch.Size)) + (T.CreateChecked(Lambda) * decay);
    }

    public override void Gradient<T>(ReadOnlySpan<T> theta, Batch<T> batch, Span<T> gradient, Bug bug = Bug.None)
    {
        gradient.Clear();
        Span<T> a = stackalloc T[hidden];
        Span<T> z = stackalloc T[classes];
        Span<T> s = stackalloc T[classes];
        Span<T> delta2 = stackalloc T[classes];
        Span<T> delta1 = stackalloc T[hidden];
        var size = bug == Bug.OffByOne ? batch.Size - 1 : batch.Size;
        var scale = T.One / T.CreateChecked(batch.Size);
        for (var b = 0; b < size; b++)
        {
            var x = batch.Inputs.AsSpan(b * features, features);
            Forward(theta, x, a, z, bug != Bug.MissingBias);
            Act.Softmax<T>(z, s);
            for (var k = 0; k < classes; k++)
            {
                // δ₂ = s − y
                var y = k == batch.Labels[b] ? T.One : T.Zero;
                delta2[k] = bug == Bug.SignFlip ? y - s[k] : s[k] - y;
                gradient[B2Offset + k] += delta2[k] * scale;
                for (var j = 0; j < hidden; j++)
                {
                    gradient[W2Offset + (k * hidden) + j] += delta2[k] * a[j] * scale;
                }
            }

            for (var j = 0; j < hidden; j++)
            {
                // δ₁ = (W₂ᵀδ₂) ⊙ act′
                var back = T.Zero;
                for (var k = 0; k < classes; k++)
                {
                    var weight = bug == Bug.TransposedWeight ? theta[W2Offset + (j * classes) + k] : theta[W2Offset + (k * hidden) + j];
                    back += weight * delta2[k];
                }

                var derivative = relu ? (a[j] > T.Zero ? T.One : T.Zero) : a[j] * (T.One - a[j]);
                delta1[j] = bug == Bug.MissingSigmoidDerivative ? back : back * derivative;
                gradient[(hidden * features) + j] += delta1[j] * scale;
                for (var d = 0; d < features; d++)
                {
                    var input = bug == Bug.WrongIndex ? x[(d + 1) % features] : x[d];
                    gradient[(j * features) + d] += (bug == Bug.FactorTwo ? T.CreateChecked(2) : T.One) * delta1[j] * input * scale;
                }
            }
        }

        if (bug != Bug.DroppedWeightDecay)
        {
            var twoLambda = T.CreateChecked(2 * Lambda);
            for (var i = 0; i < hidden * features; i++)
            {
                gradient[i] += twoLambda * theta[i];
            }

            for (var i = W2Offset; i < B2Offset; i++)
            {
                gradient[i] += twoLambda * theta[i];
            }
        }
    }

    /// <summary>The hidden pre-activation of unit j for input x (for placing points on ReLU kinks).</summary>
    public double PreActivation(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, int j)
    {
        var sum = theta[(hidden * features) + j];
        for (var d = 0; d < features; d++)
        {
            sum += theta[(j * features) + d] * x[d];
        }

        return sum;
    }

    /// <summary>Index of the hidden bias b₁[j] in the parameter vector.</summary>
    public int HiddenBiasIndex(int j) => (hidden * features) + j;

    private void Forward<T>(ReadOnlySpan<T> theta, ReadOnlySpan<T> x, Span<T> a, Span<T> z, bool outputBias)
        where T : IFloatingPointIeee754<T>
    {
        Linear(theta[..(hidden * features)], theta.Slice(hidden * features, hidden), x, a);
        for (var j = 0; j < hidden; j++)
        {
            a[j] = relu ? T.Max(a[j], T.Zero) : Act.Sigmoid(a[j]);
        }

        Linear(theta[W2Offset..B2Offset], theta.Slice(B2Offset, classes), a, z, outputBias);
    }
}
