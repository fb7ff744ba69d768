using GradCheck.Kernels;

namespace GradCheck.Benchmarks.Numerics;

/// <summary>
/// The loss whose gradient the checker benchmarks verify: a 2-layer MLP with sigmoid hidden units
/// and mean softmax cross-entropy over a fixed batch (inputs uniform on [0, 1] like pixel
/// intensities, uniform labels). Parameters are one flat vector: W₁ (inputs × hidden, row-major),
/// b₁, W₂ (hidden × classes), b₂ — 784-200-10 gives 159,010 of them, 8-20-3 gives 243. The forward
/// pass calls GradCheck.Kernels' GEMM; buffers are per thread so the checker may call it in parallel.
/// </summary>
public sealed class DenseMlp
{
    private readonly int _inputs, _hidden, _classes, _batch;
    private readonly double[] _x;
    private readonly int[] _labels;
    private readonly ThreadLocal<Buffers> _buffers;

    public DenseMlp(int inputs, int hidden, int classes, int batch, int seed)
    {
        (_inputs, _hidden, _classes, _batch) = (inputs, hidden, classes, batch);
        var random = new Random(seed);
        _x = Enumerable.Range(0, batch * inputs).Select(_ => random.NextDouble()).ToArray();
        _labels = Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray();
        _buffers = new ThreadLocal<Buffers>(() => new Buffers(batch * hidden, batch * classes));
        var theta = new double[ParameterCount];
        double bound1 = Math.Sqrt(6.0 / (inputs + hidden)), bound2 = Math.Sqrt(6.0 / (hidden + classes));
        for (var i = 0; i < theta.Length; i++)
        {
            var bound = i < W2Offset ? bound1 : bound2;
            theta[i] = ((random.NextDouble() * 2) - 1) * bound;
        }

        Parameters = theta;
    }

    public int ParameterCount => (_inputs * _hidden) + _hidden + (_hidden * _classes) + _classes;

    /// <summary>A Glorot-uniform parameter vector (biases too, so no gradient entry is trivially zero).</summary>
    public double[] Parameters { get; }

    private int B1Offset => _inputs * _hidden;

    private int W2Offset => B1Offset + _hidden;

    private int B2Offset => W2Offset + (_hidden * _classes);

    public double Loss(double[] theta)
    {
        var buffers = _buffers.Value!;
        Forward(theta, buffers);
        var loss = 0.0;
        for (var b = 0; b < _batch; b++)
        {
            var z = buffers.Z.AsSpan(b * _classes, _classes);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            foreach (var v in z)
            {
                sum += Math.Exp(v - max);
            }

            // −ln softmax(z)_y = max + ln Σ exp(z − max) − z_y
            loss += max + Math.Log(sum) - z[_labels[b]];
        }

        return loss / _batch;
    }

    /// <summary>The analytic gradient by backpropagation (GEMMs for the weight and input gradients).</summary>
    public double[] Gradient(double[] theta)
    {
        var buffers = new Buffers(_batch * _hidden, _batch * _classes);
        Forward(theta, buffers);
        var gradient = new double[ParameterCount];
        var delta2 = new double[_batch * _classes];
        for (var b = 0; b < _batch; b++)
        {
            var z = buffers.Z.AsSpan(b * _classes, _classes);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            foreach (var v in z)
            {
                sum += Math.Exp(v - max);
            }

            for (var k = 0; k < _classes; k++)
            {
                // δ₂ = (softmax(z) − y) / batch
                delta2[(b * _classes) + k] = ((Math.Exp(z[k] - max) / sum) - (k == _labels[b] ? 1 : 0)) / _batch;
            }
        }

        var g = gradient.AsSpan();
        Gemm.MultiplyTransposeA(buffers.H, delta2, g.Slice(W2Offset, _hidden * _classes), _hidden, _batch, _classes);
        Bias.ColumnSums(delta2, g.Slice(B2Offset, _classes), _batch, _classes);
        var delta1 = new double[_batch * _hidden];
        Gemm.MultiplyTransposeB(delta2, theta.AsSpan(W2Offset, _hidden * _classes), delta1, _batch, _classes, _hidden);
        for (var i = 0; i < delta1.Length; i++)
        {
            var a = buffers.H[i];
            delta1[i] *= a * (1 - a);
        }

        Gemm.MultiplyTransposeA(_x, delta1, g[..B1Offset], _inputs, _batch, _hidden);
        Bias.ColumnSums(delta1, g.Slice(B1Offset, _hidden), _batch, _hidden);
        return gradient;
    }

    private void Forward(double[] theta, Buffers buffers)
    {
        Gemm.Multiply(_x, theta.AsSpan(0, B1Offset), buffers.H, _batch, _inputs, _hidden);
        Bias.AddRows(buffers.H, theta.AsSpan(B1Offset, _hidden), _batch, _hidden);
        Activations.Sigmoid(buffers.H, buffers.H);

        Gemm.Multiply(buffers.H, theta.AsSpan(W2Offset, _hidden * _classes), buffers.Z, _batch, _hidden, _classes);
        Bias.AddRows(buffers.Z, theta.AsSpan(B2Offset, _classes), _batch, _classes);
    }

    private sealed class Buffers(int hidden, int logits)
    {
        public double[] H { get; } = new double[hidden];

        public double[] Z { get; } = new double[logits];
    }
}
