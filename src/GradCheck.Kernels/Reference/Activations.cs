using System.Numerics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels.Reference;

/// <summary>
/// Scalar, one-element-at-a-time definitions of every activation in <see cref="Kernels.Activations"/>,
/// written as the formulas read. Same shapes, checks and NaN policy.
/// </summary>
public static class Activations
{
    /// <summary>y = 1 / (1 + e^(−x)).</summary>
    /// <exception cref="ArgumentException">Lengths differ or y partly overlaps x.</exception>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => Map(nameof(Sigmoid), x, y, v => 1.0 / (1.0 + Math.Exp(-v)));

    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{double}, Span{double})"/>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Map(nameof(Sigmoid), x, y, v => 1f / (1f + MathF.Exp(-v)));

    /// <summary>y = tanh(x).</summary>
    /// <exception cref="ArgumentException">Lengths differ or y partly overlaps x.</exception>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y) => Map(nameof(Tanh), x, y, Math.Tanh);

    /// <inheritdoc cref="Tanh(ReadOnlySpan{double}, Span{double})"/>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Map(nameof(Tanh), x, y, MathF.Tanh);

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or y partly overlaps x.</exception>
    public static void Relu(ReadOnlySpan<double> x, Span<double> y) => Map(nameof(Relu), x, y, v => Relu(v, 1.0));

    /// <inheritdoc cref="Relu(ReadOnlySpan{double}, Span{double})"/>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => Map(nameof(Relu), x, y, v => Relu(v, 1f));

    /// <summary>y = scale · max(x, 0); NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or y partly overlaps x.</exception>
    public static void ScaledRelu(ReadOnlySpan<double> x, Span<double> y, double scale) => Map(nameof(ScaledRelu), x, y, v => Relu(v, scale));

    /// <inheritdoc cref="ScaledRelu(ReadOnlySpan{double}, Span{double}, double)"/>
    public static void ScaledRelu(ReadOnlySpan<float> x, Span<float> y, float scale) => Map(nameof(ScaledRelu), x, y, v => Relu(v, scale));

    /// <summary>y = x for x &gt; 0, else slope · x.</summary>
    /// <exception cref="ArgumentException">Lengths differ or y partly overlaps x.</exception>
    public static void LeakyRelu(ReadOnlySpan<double> x, Span<double> y, double slope) => Map(nameof(LeakyRelu), x, y, v => v > 0 ? v : slope * v);

    /// <inheritdoc cref="LeakyRelu(ReadOnlySpan{double}, Span{double}, double)"/>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope) => Map(nameof(LeakyRelu), x, y, v => v > 0 ? v : slope * v);

    /// <summary>result = upstream · s · (1 − s) from the forward output s.</summary>
    /// <exception cref="ArgumentException">Lengths differ or result partly overlaps an input.</exception>
    public static void SigmoidBackward(ReadOnlySpan<double> output, ReadOnlySpan<double> upstream, Span<double> result) =>
        Map(nameof(SigmoidBackward), output, upstream, result, (s, u) => u * (s * (1 - s)));

    /// <inheritdoc cref="SigmoidBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void SigmoidBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> upstream, Span<float> result) =>
        Map(nameof(SigmoidBackward), output, upstream, result, (s, u) => u * (s * (1 - s)));

    /// <summary>result = upstream · (1 − t²) from the forward output t.</summary>
    /// <exception cref="ArgumentException">Lengths differ or result partly overlaps an input.</exception>
    public static void TanhBackward(ReadOnlySpan<double> output, ReadOnlySpan<double> upstream, Span<double> result) =>
        Map(nameof(TanhBackward), output, upstream, result, (t, u) => u * (1 - (t * t)));

    /// <inheritdoc cref="TanhBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void TanhBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> upstream, Span<float> result) =>
        Map(nameof(TanhBackward), output, upstream, result, (t, u) => u * (1 - (t * t)));

    /// <summary>result = upstream where input &gt; 0, 0 where input ≤ 0, NaN where input is NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or result partly overlaps an input.</exception>
    public static void ReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result) =>
        Map(nameof(ReluBackward), input, upstream, result, (x, u) => Derivative(x, 1.0, 0.0) * u);

    /// <inheritdoc cref="ReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void ReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result) =>
        Map(nameof(ReluBackward), input, upstream, result, (x, u) => Derivative(x, 1f, 0f) * u);

    /// <summary>result = scale · upstream where input &gt; 0, 0 where input ≤ 0, NaN where input is NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or result partly overlaps an input.</exception>
    public static void ScaledReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result, double scale) =>
        Map(nameof(ScaledReluBackward), input, upstream, result, (x, u) => Derivative(x, scale, 0.0) * u);

    /// <inheritdoc cref="ScaledReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double)"/>
    public static void ScaledReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result, float scale) =>
        Map(nameof(ScaledReluBackward), input, upstream, result, (x, u) => Derivative(x, scale, 0f) * u);

    /// <summary>result = upstream where input &gt; 0, slope · upstream where input ≤ 0, NaN where input is NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or result partly overlaps an input.</exception>
    public static void LeakyReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result, double slope) =>
        Map(nameof(LeakyReluBackward), input, upstream, result, (x, u) => Derivative(x, 1.0, slope) * u);

    /// <inheritdoc cref="LeakyReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double)"/>
    public static void LeakyReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result, float slope) =>
        Map(nameof(LeakyReluBackward), input, upstream, result, (x, u) => Derivative(x, 1f, slope) * u);

    private static T Relu<T>(T x, T scale)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x))
        {
            return x;
        }

        return x > T.Zero ? scale * x : T.Zero;
    }

    private static T Derivative<T>(T x, T positive, T negative)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x))
        {
            return x;
        }

        return x > T.Zero ? positive : negative;
    }

    private static void Map<T>(string name, ReadOnlySpan<T> x, Span<T> y, Func<T, T> f)
    {
        string kernel = "Reference.Activations." + name;
        Guard.VectorLength(kernel, y.Length, x.Length, nameof(y), "x.Length");
        Guard.NoPartialOverlap(kernel, x, y, nameof(x), nameof(y));
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = f(x[i]);
        }
    }

    private static void Map<T>(string name, ReadOnlySpan<T> first, ReadOnlySpan<T> upstream, Span<T> result, Func<T, T, T> f)
    {
        string kernel = "Reference.Activations." + name;
        Guard.VectorLength(kernel, upstream.Length, first.Length, nameof(upstream), "first input's length");
        Guard.VectorLength(kernel, result.Length, first.Length, nameof(result), "first input's length");
        Guard.NoPartialOverlap(kernel, first, result, "first input", nameof(result));
        Guard.NoPartialOverlap(kernel, upstream, result, nameof(upstream), nameof(result));
        for (int i = 0; i < first.Length; i++)
        {
            result[i] = f(first[i], upstream[i]);
        }
    }
}
