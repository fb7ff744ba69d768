using System.Numerics;
using System.Runtime.InteropServices;
using GradCheck.Kernels;

namespace GradCheck.Training.Engine;

/// <summary>
/// The engine's math seam: every matrix, bias, activation and update operation the network uses goes
/// through here, so the engine reads as BP1–BP4 and the arithmetic can be swapped without touching the
/// backprop code. float and double run on GradCheck.Kernels (blocked SIMD GEMM, vectorised element-wise
/// kernels); the plain loops (Loop*) serve any other IEEE type and, with <see cref="UseKernels"/> off,
/// are the independent path tests compare the kernels against. Matrices are flat spans, row-major (rows, cols);
/// every call passes spans of exactly the lengths their shapes need (the kernels insist on it).
/// </summary>
internal static class TensorMath
{
    /// <summary>Whether float/double go through GradCheck.Kernels (true) or the plain loops (tests switch it).</summary>
    public static bool UseKernels { get; set; } = true;

    /// <summary>C(m×n) = A(m×k)·B(n×k)ᵀ + β·C.</summary>
    public static void MultiplyTransposeB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a = a[..(m * k)];
        b = b[..(n * k)];
        c = c[..(m * n)];
        if (UseKernels && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            // A short A (a small batch's forward pass) is handled inside Gemm, which runs it as (B·Aᵀ)ᵀ.
            if (typeof(T) == typeof(float))
            {
                Gemm.MultiplyTransposeB(F(a), F(b), F(c), m, k, n, 1f, float.CreateTruncating(beta));
            }
            else
            {
                Gemm.MultiplyTransposeB(D(a), D(b), D(c), m, k, n, 1d, double.CreateTruncating(beta));
            }
        }
        else
        {
            LoopMultiplyTransposeB(a, b, c, m, k, n, beta);
        }
    }

    /// <summary>C(m×n) = A(m×k)·B(k×n).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a = a[..(m * k)];
        b = b[..(k * n)];
        c = c[..(m * n)];
        if (UseKernels && typeof(T) == typeof(float))
        {
            Gemm.Multiply(F(a), F(b), F(c), m, k, n);
        }
        else if (UseKernels && typeof(T) == typeof(double))
        {
            Gemm.Multiply(D(a), D(b), D(c), m, k, n);
        }
        else
        {
            LoopMultiply(a, b, c, m, k, n);
        }
    }

    /// <summary>C(m×n) = A(k×m)ᵀ·B(k×n).</summary>
    public static void MultiplyTransposeA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposeA(a, b, c, m, k, n, T.One, T.Zero);

    /// <summary>C(m×n) = α·A(k×m)ᵀ·B(k×n) + β·C (β = 0 overwrites C without reading it).</summary>
    public static void MultiplyTransposeA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a = a[..(k * m)];
        b = b[..(k * n)];
        c = c[..(m * n)];
        if (UseKernels && typeof(T) == typeof(float))
        {
            Gemm.MultiplyTransposeA(F(a), F(b), F(c), m, k, n, float.CreateTruncating(alpha), float.CreateTruncating(beta));
        }
        else if (UseKernels && typeof(T) == typeof(double))
        {
            Gemm.MultiplyTransposeA(D(a), D(b), D(c), m, k, n, double.CreateTruncating(alpha), double.CreateTruncating(beta));
        }
        else
        {
            LoopMultiplyTransposeA(a, b, c, m, k, n, alpha, beta);
        }
    }

    /// <summary>Adds the bias to every row.</summary>
    public static void AddBiasRows<T>(Span<T> matrix, ReadOnlySpan<T> bias, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        matrix = matrix[..(rows * cols)];
        bias = bias[..cols];
        if (UseKernels && typeof(T) == typeof(float))
        {
            Bias.AddRows(F(matrix), F(bias), rows, cols);
        }
        else if (UseKernels && typeof(T) == typeof(double))
        {
            Bias.AddRows(D(matrix), D(bias), rows, cols);
        }
        else
        {
            LoopAddBiasRows(matrix, bias, rows, cols);
        }
    }

    /// <summary>sums[j] = Σ_i matrix[i, j].</summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        matrix = matrix[..(rows * cols)];
        sums = sums[..cols];
        if (UseKernels && typeof(T) == typeof(float))
        {
            Bias.ColumnSums(F(matrix), F(sums), rows, cols);
        }
        else if (UseKernels && typeof(T) == typeof(double))
        {
            Bias.ColumnSums(D(matrix), D(sums), rows, cols);
        }
        else
        {
            LoopColumnSums(matrix, sums, rows, cols);
        }
    }

    /// <summary>w ← w − η·(g + decay·w).</summary>
    public static void SgdStep<T>(Span<T> weights, ReadOnlySpan<T> gradient, T learningRate, T decay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        gradient = gradient[..weights.Length];
        if (UseKernels && typeof(T) == typeof(float))
        {
            Sgd.Step(F(weights), F(gradient), float.CreateTruncating(learningRate), float.CreateTruncating(decay));
        }
        else if (UseKernels && typeof(T) == typeof(double))
        {
            Sgd.Step(D(weights), D(gradient), double.CreateTruncating(learningRate), double.CreateTruncating(decay));
        }
        else
        {
            LoopSgdStep(weights, gradient, learningRate, decay);
        }
    }

    /// <summary>Σ_rows −Σ_k y_k ln softmax(z)_k, and gradient = softmax(z) − y per row.</summary>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        logits = logits[..(rows * cols)];
        targets = targets[..(rows * cols)];
        gradient = gradient[..(rows * cols)];
        if (UseKernels && typeof(T) == typeof(float))
        {
            return T.CreateTruncating(Kernels.SoftmaxCrossEntropy.LossAndGradient(F(logits), F(targets), F(gradient), rows, cols));
        }

        if (UseKernels && typeof(T) == typeof(double))
        {
            return T.CreateTruncating(Kernels.SoftmaxCrossEntropy.LossAndGradient(D(logits), D(targets), D(gradient), rows, cols));
        }

        return LoopSoftmaxCrossEntropy(logits, targets, gradient, rows, cols);
    }

    internal static ReadOnlySpan<float> F<T>(ReadOnlySpan<T> span)
        where T : unmanaged => MemoryMarshal.Cast<T, float>(span);

    internal static Span<float> F<T>(Span<T> span)
        where T : unmanaged => MemoryMarshal.Cast<T, float>(span);

    internal static ReadOnlySpan<double> D<T>(ReadOnlySpan<T> span)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(span);

    internal static Span<double> D<T>(Span<T> span)
        where T : unmanaged => MemoryMarshal.Cast<T, double>(span);

    /// <summary>Plain loops: C(m×n) = A(m×k)·B(n×k)ᵀ + β·C, B stored (n×k): the forward pass z = a·Wᵀ.</summary>
    public static void LoopMultiplyTransposeB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < m; i++)
        {
            var row = a.Slice(i * k, k);
            for (var j = 0; j < n; j++)
            {
                var column = b.Slice(j * k, k);
                var sum = T.Zero;
                for (var p = 0; p < k; p++)
                {
                    sum += row[p] * column[p];
                }

                c[(i * n) + j] = sum + (beta == T.Zero ? T.Zero : beta * c[(i * n) + j]);
            }
        }
    }

    /// <summary>C(m×n) = A(m×k)·B(k×n): the backward pass δ^{l} ← δ^{l+1}·W^{l+1}.</summary>
    public static void LoopMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        c[..(m * n)].Clear();
        for (var i = 0; i < m; i++)
        {
            var target = c.Slice(i * n, n);
            for (var p = 0; p < k; p++)
            {
                var scale = a[(i * k) + p];
                var source = b.Slice(p * n, n);
                for (var j = 0; j < n; j++)
                {
                    target[j] += scale * source[j];
                }
            }
        }
    }

    /// <summary>C(m×n) = A(k×m)ᵀ·B(k×n), A stored (k×m): the weight gradient δᵀ·a.</summary>
    public static void LoopMultiplyTransposeA<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var product = new T[m * n];
        for (var p = 0; p < k; p++)
        {
            var source = b.Slice(p * n, n);
            for (var i = 0; i < m; i++)
            {
                var scale = a[(p * m) + i];
                var target = product.AsSpan(i * n, n);
                for (var j = 0; j < n; j++)
                {
                    target[j] += scale * source[j];
                }
            }
        }

        for (var i = 0; i < m * n; i++)
        {
            c[i] = (alpha * product[i]) + (beta == T.Zero ? T.Zero : beta * c[i]);
        }
    }

    /// <summary>Adds <paramref name="bias"/> (cols) to every row of <paramref name="matrix"/> (rows×cols).</summary>
    public static void LoopAddBiasRows<T>(Span<T> matrix, ReadOnlySpan<T> bias, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < rows; i++)
        {
            var row = matrix.Slice(i * cols, cols);
            for (var j = 0; j < cols; j++)
            {
                row[j] += bias[j];
            }
        }
    }

    /// <summary>sums[j] = Σ_i matrix[i, j]: the bias gradient summed over the batch.</summary>
    public static void LoopColumnSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        sums[..cols].Clear();
        for (var i = 0; i < rows; i++)
        {
            var row = matrix.Slice(i * cols, cols);
            for (var j = 0; j < cols; j++)
            {
                sums[j] += row[j];
            }
        }
    }

    /// <summary>x ← s·x.</summary>
    public static void Scale<T>(Span<T> x, T s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= s;
        }
    }

    /// <summary>w ← w − η·(g + decay·w).</summary>
    public static void LoopSgdStep<T>(Span<T> weights, ReadOnlySpan<T> gradient, T learningRate, T decay)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] -= learningRate * (gradient[i] + (decay * weights[i]));
        }
    }

    /// <summary>
    /// Fused softmax cross-entropy per row with log-sum-exp: returns Σ_rows −Σ_k y_k ln s_k and writes
    /// gradient = s − y (the caller divides by the batch).
    /// </summary>
    public static T LoopSoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = T.Zero;
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Slice(i * cols, cols);
            var y = targets.Slice(i * cols, cols);
            var g = gradient.Slice(i * cols, cols);
            var max = z[0];
            for (var k = 1; k < cols; k++)
            {
                max = T.Max(max, z[k]);
            }

            var sum = T.Zero;
            for (var k = 0; k < cols; k++)
            {
                var e = T.Exp(z[k] - max);
                g[k] = e;
                sum += e;
            }

            var logSum = T.Log(sum) + max;
            for (var k = 0; k < cols; k++)
            {
                // ln s_k = z_k − ln Σ e^{z_j}; only the y_k ≠ 0 terms contribute, so 0·(−∞) never appears.
                if (y[k] != T.Zero)
                {
                    total -= y[k] * (z[k] - logSum);
                }

                g[k] = (g[k] / sum) - y[k];
            }
        }

        return total;
    }
}
