using System.Numerics;
using System.Runtime.Intrinsics;
using GradCheck.Kernels.Internal;

namespace GradCheck.Kernels;

/// <summary>
/// Element-wise activations and their backward passes over flat spans (a matrix is just its row-major
/// elements here). Every kernel has float and double overloads, runs Vector512, Vector256 or scalar code
/// depending on the hardware, and agrees with <see cref="Reference.Activations"/> to within a few ulps.
/// </summary>
/// <remarks>
/// <para>Spans must have equal lengths. The output may be the very same span as an input (in place) but
/// must not partly overlap one; both mistakes throw <see cref="ArgumentException"/> naming the lengths.</para>
/// <para>NaN policy: a NaN input gives a NaN output (ReLU included: it does not turn NaN into 0), and a NaN
/// or infinite upstream gradient gives NaN or ∞ in the result (also where the local derivative is 0, since
/// 0 · NaN = NaN): a broken gradient is never silently zeroed.</para>
/// </remarks>
public static class Activations
{
    /// <summary>y = σ(x) = 1 / (1 + e^(−x)). σ(−∞) = 0, σ(+∞) = 1, σ(NaN) = NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="y"/> partly overlaps <paramref name="x"/>.</exception>
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y) => Unary(nameof(Sigmoid), default(SigmoidOperator<double>), x, y);

    /// <inheritdoc cref="Sigmoid(ReadOnlySpan{double}, Span{double})"/>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Unary(nameof(Sigmoid), default(SigmoidOperator<float>), x, y);

    /// <summary>y = tanh(x); tanh(±∞) = ±1, tanh(NaN) = NaN, tanh(−0) = −0.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="y"/> partly overlaps <paramref name="x"/>.</exception>
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y) => Unary(nameof(Tanh), default(TanhOperator<double>), x, y);

    /// <inheritdoc cref="Tanh(ReadOnlySpan{double}, Span{double})"/>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Unary(nameof(Tanh), default(TanhOperator<float>), x, y);

    /// <summary>y = max(x, 0), with NaN kept as NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="y"/> partly overlaps <paramref name="x"/>.</exception>
    public static void Relu(ReadOnlySpan<double> x, Span<double> y) => Unary(nameof(Relu), new ScaledReluOperator<double>(1.0), x, y);

    /// <inheritdoc cref="Relu(ReadOnlySpan{double}, Span{double})"/>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => Unary(nameof(Relu), new ScaledReluOperator<float>(1f), x, y);

    /// <summary>y = scale · max(x, 0) (e.g. the 3·ReLU of a homework network), with NaN kept as NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="y"/> partly overlaps <paramref name="x"/>.</exception>
    public static void ScaledRelu(ReadOnlySpan<double> x, Span<double> y, double scale) => Unary(nameof(ScaledRelu), new ScaledReluOperator<double>(scale), x, y);

    /// <inheritdoc cref="ScaledRelu(ReadOnlySpan{double}, Span{double}, double)"/>
    public static void ScaledRelu(ReadOnlySpan<float> x, Span<float> y, float scale) => Unary(nameof(ScaledRelu), new ScaledReluOperator<float>(scale), x, y);

    /// <summary>y = x for x &gt; 0, slope · x otherwise; NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="y"/> partly overlaps <paramref name="x"/>.</exception>
    public static void LeakyRelu(ReadOnlySpan<double> x, Span<double> y, double slope) => Unary(nameof(LeakyRelu), new LeakyReluOperator<double>(slope), x, y);

    /// <inheritdoc cref="LeakyRelu(ReadOnlySpan{double}, Span{double}, double)"/>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope) => Unary(nameof(LeakyRelu), new LeakyReluOperator<float>(slope), x, y);

    /// <summary>result = upstream ⊙ σ'(z) computed from the forward output s = σ(z): upstream · s · (1 − s).</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="result"/> partly overlaps an input.</exception>
    public static void SigmoidBackward(ReadOnlySpan<double> output, ReadOnlySpan<double> upstream, Span<double> result) =>
        Binary(nameof(SigmoidBackward), default(SigmoidBackwardOperator<double>), output, upstream, result, nameof(output));

    /// <inheritdoc cref="SigmoidBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void SigmoidBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> upstream, Span<float> result) =>
        Binary(nameof(SigmoidBackward), default(SigmoidBackwardOperator<float>), output, upstream, result, nameof(output));

    /// <summary>result = upstream ⊙ tanh'(z) computed from the forward output t = tanh(z): upstream · (1 − t²).</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="result"/> partly overlaps an input.</exception>
    public static void TanhBackward(ReadOnlySpan<double> output, ReadOnlySpan<double> upstream, Span<double> result) =>
        Binary(nameof(TanhBackward), default(TanhBackwardOperator<double>), output, upstream, result, nameof(output));

    /// <inheritdoc cref="TanhBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void TanhBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> upstream, Span<float> result) =>
        Binary(nameof(TanhBackward), default(TanhBackwardOperator<float>), output, upstream, result, nameof(output));

    /// <summary>
    /// result = upstream where the forward input is &gt; 0, else 0 (the derivative at 0 is taken as 0, as in
    /// PyTorch). A NaN input gives NaN. Takes the forward <em>input</em> (or the output: their signs agree).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="result"/> partly overlaps an input.</exception>
    public static void ReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result) =>
        Binary(nameof(ReluBackward), new LeakyReluBackwardOperator<double>(1.0, 0.0), input, upstream, result, nameof(input));

    /// <inheritdoc cref="ReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void ReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result) =>
        Binary(nameof(ReluBackward), new LeakyReluBackwardOperator<float>(1f, 0f), input, upstream, result, nameof(input));

    /// <summary>result = scale · upstream where the forward input is &gt; 0, else 0; a NaN input gives NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="result"/> partly overlaps an input.</exception>
    public static void ScaledReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result, double scale) =>
        Binary(nameof(ScaledReluBackward), new LeakyReluBackwardOperator<double>(scale, 0.0), input, upstream, result, nameof(input));

    /// <inheritdoc cref="ScaledReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double)"/>
    public static void ScaledReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result, float scale) =>
        Binary(nameof(ScaledReluBackward), new LeakyReluBackwardOperator<float>(scale, 0f), input, upstream, result, nameof(input));

    /// <summary>result = upstream where the forward input is &gt; 0, else slope · upstream; a NaN input gives NaN.</summary>
    /// <exception cref="ArgumentException">Lengths differ or <paramref name="result"/> partly overlaps an input.</exception>
    public static void LeakyReluBackward(ReadOnlySpan<double> input, ReadOnlySpan<double> upstream, Span<double> result, double slope) =>
        Binary(nameof(LeakyReluBackward), new LeakyReluBackwardOperator<double>(1.0, slope), input, upstream, result, nameof(input));

    /// <inheritdoc cref="LeakyReluBackward(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double)"/>
    public static void LeakyReluBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> upstream, Span<float> result, float slope) =>
        Binary(nameof(LeakyReluBackward), new LeakyReluBackwardOperator<float>(1f, slope), input, upstream, result, nameof(input));

    private static void Unary<T, TOperator>(string kernel, TOperator op, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : struct, IUnaryOperator<T>
    {
        Guard.VectorLength(kernel, y.Length, x.Length, nameof(y), "x.Length");
        Guard.NoPartialOverlap(kernel, x, y, nameof(x), nameof(y));
        Elementwise.Map<T, TOperator>(op, x, y);
    }

    private static void Binary<T, TOperator>(string kernel, TOperator op, ReadOnlySpan<T> first, ReadOnlySpan<T> upstream, Span<T> result, string firstName)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : struct, IBinaryOperator<T>
    {
        Guard.VectorLength(kernel, upstream.Length, first.Length, nameof(upstream), firstName + ".Length");
        Guard.VectorLength(kernel, result.Length, first.Length, nameof(result), firstName + ".Length");
        Guard.NoPartialOverlap(kernel, first, result, firstName, nameof(result));
        Guard.NoPartialOverlap(kernel, upstream, result, nameof(upstream), nameof(result));
        Elementwise.Map<T, TOperator>(op, first, upstream, result);
    }

    private readonly struct SigmoidOperator<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.One / (T.One + T.Exp(-x));

        public Vector256<T> Invoke(Vector256<T> x) => Vector256<T>.One / (Vector256<T>.One + VectorMath.Exp(-x));

        public Vector512<T> Invoke(Vector512<T> x) => Vector512<T>.One / (Vector512<T>.One + VectorMath.Exp(-x));
    }

    /// <summary>tanh; the vector bodies are <see cref="VectorMath.Tanh{T}(Vector512{T})"/> (full relative accuracy down to 0, no branch).</summary>
    private readonly struct TanhOperator<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => T.Tanh(x);

        public Vector256<T> Invoke(Vector256<T> x) => VectorMath.Tanh(x);

        public Vector512<T> Invoke(Vector512<T> x) => VectorMath.Tanh(x);
    }

    /// <summary>scale·x for x &gt; 0, else 0; NaN passes through (x itself is returned where x ≯ 0 and x ≮= 0).</summary>
    private readonly struct ScaledReluOperator<T>(T scale) : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? scale * x : (x <= T.Zero ? T.Zero : x);

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), Vector256<T>.Zero, x * Vector256.Create(scale));

        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), Vector512<T>.Zero, x * Vector512.Create(scale));
    }

    private readonly struct LeakyReluOperator<T>(T slope) : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : slope * x;

        public Vector256<T> Invoke(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, x * Vector256.Create(slope));

        public Vector512<T> Invoke(Vector512<T> x) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, x * Vector512.Create(slope));
    }

    private readonly struct SigmoidBackwardOperator<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T s, T upstream) => upstream * (s * (T.One - s));

        public Vector256<T> Invoke(Vector256<T> s, Vector256<T> upstream) => upstream * (s * (Vector256<T>.One - s));

        public Vector512<T> Invoke(Vector512<T> s, Vector512<T> upstream) => upstream * (s * (Vector512<T>.One - s));
    }

    private readonly struct TanhBackwardOperator<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T t, T upstream) => upstream * (T.One - (t * t));

        public Vector256<T> Invoke(Vector256<T> t, Vector256<T> upstream) => upstream * (Vector256<T>.One - (t * t));

        public Vector512<T> Invoke(Vector512<T> t, Vector512<T> upstream) => upstream * (Vector512<T>.One - (t * t));
    }

    /// <summary>
    /// positive·upstream where x &gt; 0, negative·upstream where x ≤ 0, NaN where x is NaN: ReLU (1, 0),
    /// scaled ReLU (scale, 0) and leaky ReLU (1, slope) are all this one operator.
    /// </summary>
    private readonly struct LeakyReluBackwardOperator<T>(T positive, T negative) : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T upstream) => x > T.Zero ? positive * upstream : (x <= T.Zero ? negative * upstream : x);

        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> upstream)
        {
            Vector256<T> local = Vector256.ConditionalSelect(
                Vector256.GreaterThan(x, Vector256<T>.Zero),
                Vector256.Create(positive),
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), Vector256.Create(negative), x));
            return local * upstream;
        }

        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> upstream)
        {
            Vector512<T> local = Vector512.ConditionalSelect(
                Vector512.GreaterThan(x, Vector512<T>.Zero),
                Vector512.Create(positive),
                Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), Vector512.Create(negative), x));
            return local * upstream;
        }
    }
}
