using System.Numerics;
using BenchmarkDotNet.Attributes;
using GradCheck.Kernels;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace GradCheck.Benchmarks.Kernels;

/// <summary>
/// GEMM side by side: GradCheck.Kernels (both cores, and pinned to one), the scalar reference triple loop,
/// a TensorPrimitives row loop and MathNet.Numerics 5 with its managed provider. Square sizes 64..1024 and
/// the products of one training step of a 784-200-10 MLP at batch 20 and 128 (forward AB, weight
/// gradients AᵀB, input gradients ABᵀ).
/// </summary>
[Config(typeof(KernelBenchmarkConfig))]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class GemmBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _a = [], _b = [], _c = [];
    private Matrix<T> _ma = null!, _mb = null!, _mc = null!;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = null!;

    public IEnumerable<GemmShape> Shapes()
    {
        foreach (int size in new[] { 64, 128, 256, 512, 1024 })
        {
            yield return new GemmShape(size, size, size, GemmForm.Plain);
        }

        foreach (int batch in new[] { 20, 128 })
        {
            yield return new GemmShape(batch, 784, 200, GemmForm.Plain);      // hidden pre-activations X·W1
            yield return new GemmShape(batch, 200, 10, GemmForm.Plain);       // logits H·W2
            yield return new GemmShape(784, batch, 200, GemmForm.TransposeA); // ∂W1 = Xᵀ·δ1
            yield return new GemmShape(200, batch, 10, GemmForm.TransposeA);  // ∂W2 = Hᵀ·δ2
            yield return new GemmShape(batch, 10, 200, GemmForm.TransposeB);  // δ2·W2ᵀ
            yield return new GemmShape(batch, 200, 784, GemmForm.TransposeB); // δ1·W1ᵀ (a deeper net's input gradient)
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        Control.UseManaged();
        (int m, int k, int n) = (Shape.M, Shape.K, Shape.N);
        _a = KernelCalls.Random<T>(m * k, 1);
        _b = KernelCalls.Random<T>(k * n, 2);
        _c = new T[m * n];

        // MathNet is column-major; the stored shapes below make each call the same product size.
        _ma = Shape.Form == GemmForm.TransposeA ? Matrix<T>.Build.Dense(k, m, _a) : Matrix<T>.Build.Dense(m, k, _a);
        _mb = Shape.Form == GemmForm.TransposeB ? Matrix<T>.Build.Dense(n, k, _b) : Matrix<T>.Build.Dense(k, n, _b);
        _mc = Matrix<T>.Build.Dense(m, n);
    }

    [Benchmark(Baseline = true)]
    public void GradCheckKernels() => KernelCalls.Gemm(Shape.Form, false, _a, _b, _c, Shape.M, Shape.K, Shape.N);

    [Benchmark]
    public void GradCheckKernelsOneThread()
    {
        int saved = Gemm.MaxDegreeOfParallelism;
        Gemm.MaxDegreeOfParallelism = 1;
        KernelCalls.Gemm(Shape.Form, false, _a, _b, _c, Shape.M, Shape.K, Shape.N);
        Gemm.MaxDegreeOfParallelism = saved;
    }

    [Benchmark]
    public void ScalarReference() => KernelCalls.Gemm(Shape.Form, true, _a, _b, _c, Shape.M, Shape.K, Shape.N);

    [Benchmark]
    public void TensorPrimitivesRows() => KernelCalls.TensorPrimitivesGemm(Shape.Form, _a, _b, _c, Shape.M, Shape.K, Shape.N);

    [Benchmark]
    public void MathNetManaged()
    {
        switch (Shape.Form)
        {
            case GemmForm.TransposeA: _ma.TransposeThisAndMultiply(_mb, _mc); break;
            case GemmForm.TransposeB: _ma.TransposeAndMultiply(_mb, _mc); break;
            default: _ma.Multiply(_mb, _mc); break;
        }
    }
}
