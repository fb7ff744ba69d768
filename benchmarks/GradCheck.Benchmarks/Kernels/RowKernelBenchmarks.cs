using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GradCheck.Kernels;
using MathNet.Numerics;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;
using Ref = GradCheck.Kernels.Reference;

namespace GradCheck.Benchmarks.Kernels;

/// <summary>
/// The element-wise and row-wise kernels against the scalar reference, TensorPrimitives and MathNet.Numerics 5
/// (managed provider) where they have the operation (TensorPrimitives.SoftMax skips the max subtraction, so it
/// returns NaN for logits far apart; MathNet has no softmax).
/// Shapes: the MLP's hidden layer at batch 20 and 128, its logits at batch 128, and a 1024×1024 block.
/// Each kernel is a category with GradCheck as its baseline. Benchmarks use double (the engine's default).
/// </summary>
[Config(typeof(KernelBenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RowKernelBenchmarks
{
    private double[] _x = [], _u = [], _y = [], _targets = [], _bias = [], _sums = [];
    private MathNetVector _vx = null!, _vu = null!, _vy = null!, _vt = null!;

    [ParamsSource(nameof(Shapes))]
    public RowShape Shape { get; set; } = null!;

    public static IEnumerable<RowShape> Shapes() => [new(20, 200), new(128, 200), new(128, 10), new(1024, 1024)];

    [GlobalSetup]
    public void Setup()
    {
        int length = Shape.Rows * Shape.Cols;
        _x = KernelCalls.Random<double>(length, 1);
        for (int i = 0; i < length; i++)
        {
            _x[i] *= 8;
        }

        _u = KernelCalls.Random<double>(length, 2);
        _y = new double[length];
        _targets = new double[length];
        for (int r = 0; r < Shape.Rows; r++)
        {
            _targets[(r * Shape.Cols) + (r % Shape.Cols)] = 1;
        }

        _bias = KernelCalls.Random<double>(Shape.Cols, 3);
        _sums = new double[Shape.Cols];

        Control.UseManaged();
        _vx = MathNetVector.Build.Dense(_x);
        _vu = MathNetVector.Build.Dense(_u);
        _vy = MathNetVector.Build.Dense(_y);
        _vt = MathNetVector.Build.Dense(length);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Sigmoid")]
    public void Sigmoid() => Activations.Sigmoid(_x, _y);

    [Benchmark, BenchmarkCategory("Sigmoid")]
    public void SigmoidReference() => Ref.Activations.Sigmoid(_x, _y);

    [Benchmark, BenchmarkCategory("Sigmoid")]
    public void SigmoidTensorPrimitives() => TensorPrimitives.Sigmoid<double>(_x, _y);

    [Benchmark, BenchmarkCategory("Sigmoid")]
    public void SigmoidMathNet() => _vx.Map(SpecialFunctions.Logistic, _vy);

    [Benchmark(Baseline = true), BenchmarkCategory("Tanh")]
    public void Tanh() => Activations.Tanh(_x, _y);

    [Benchmark, BenchmarkCategory("Tanh")]
    public void TanhReference() => Ref.Activations.Tanh(_x, _y);

    [Benchmark, BenchmarkCategory("Tanh")]
    public void TanhTensorPrimitives() => TensorPrimitives.Tanh<double>(_x, _y);

    [Benchmark, BenchmarkCategory("Tanh")]
    public void TanhMathNet() => _vx.PointwiseTanh(_vy);

    [Benchmark(Baseline = true), BenchmarkCategory("Relu")]
    public void Relu() => Activations.Relu(_x, _y);

    [Benchmark, BenchmarkCategory("Relu")]
    public void ReluReference() => Ref.Activations.Relu(_x, _y);

    [Benchmark, BenchmarkCategory("Relu")]
    public void ReluTensorPrimitives() => TensorPrimitives.Max(_x, 0.0, _y);

    [Benchmark, BenchmarkCategory("Relu")]
    public void ReluMathNet() => _vx.PointwiseMaximum(0.0, _vy);

    [Benchmark(Baseline = true), BenchmarkCategory("SigmoidBackward")]
    public void SigmoidBackward() => Activations.SigmoidBackward(_x, _u, _y);

    [Benchmark, BenchmarkCategory("SigmoidBackward")]
    public void SigmoidBackwardReference() => Ref.Activations.SigmoidBackward(_x, _u, _y);

    [Benchmark(Baseline = true), BenchmarkCategory("Softmax")]
    public void Softmax() => GradCheck.Kernels.Softmax.Rows(_x, _y, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("Softmax")]
    public void SoftmaxReference() => Ref.Softmax.Rows(_x, _y, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("Softmax")]
    public void SoftmaxTensorPrimitivesUnstable()
    {
        int cols = Shape.Cols;
        for (int r = 0; r < Shape.Rows; r++)
        {
            TensorPrimitives.SoftMax<double>(_x.AsSpan(r * cols, cols), _y.AsSpan(r * cols, cols));
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("LogSoftmax")]
    public void LogSoftmax() => GradCheck.Kernels.LogSoftmax.Rows(_x, _y, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("LogSoftmax")]
    public void LogSoftmaxReference() => Ref.LogSoftmax.Rows(_x, _y, Shape.Rows, Shape.Cols);

    [Benchmark(Baseline = true), BenchmarkCategory("SoftmaxCrossEntropy")]
    public double SoftmaxCrossEntropy() => GradCheck.Kernels.SoftmaxCrossEntropy.LossAndGradient(_x, _targets, _y, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("SoftmaxCrossEntropy")]
    public double SoftmaxCrossEntropyReference() => Ref.SoftmaxCrossEntropy.LossAndGradient(_x, _targets, _y, Shape.Rows, Shape.Cols);

    [Benchmark(Baseline = true), BenchmarkCategory("BiasAddRows")]
    public void BiasAddRows() => Bias.AddRows(_y, _bias, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("BiasAddRows")]
    public void BiasAddRowsReference() => Ref.Bias.AddRows(_y, _bias, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("BiasAddRows")]
    public void BiasAddRowsTensorPrimitives()
    {
        int cols = Shape.Cols;
        for (int r = 0; r < Shape.Rows; r++)
        {
            Span<double> row = _y.AsSpan(r * cols, cols);
            TensorPrimitives.Add(row, _bias, row);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("BiasColumnSums")]
    public void BiasColumnSums() => Bias.ColumnSums(_x, _sums, Shape.Rows, Shape.Cols);

    [Benchmark, BenchmarkCategory("BiasColumnSums")]
    public void BiasColumnSumsReference() => Ref.Bias.ColumnSums(_x, _sums, Shape.Rows, Shape.Cols);

    [Benchmark(Baseline = true), BenchmarkCategory("SgdStep")]
    public void SgdStep() => Sgd.Step(_y, _u, 1e-3, 1e-4);

    [Benchmark, BenchmarkCategory("SgdStep")]
    public void SgdStepReference() => Ref.Sgd.Step(_y, _u, 1e-3, 1e-4);

    [Benchmark, BenchmarkCategory("SgdStep")]
    public void SgdStepTensorPrimitives()
    {
        // w ← w·(1 − η·d) − η·g as two fused passes.
        TensorPrimitives.Multiply(_y, 1 - (1e-3 * 1e-4), _y);
        TensorPrimitives.MultiplyAdd(_u, -1e-3, _y, _y);
    }

    [Benchmark, BenchmarkCategory("SgdStep")]
    public void SgdStepMathNet()
    {
        // The same two passes in MathNet's vector API: w ← w·(1 − η·d), then w ← w − η·g.
        _vy.Multiply(1 - (1e-3 * 1e-4), _vy);
        _vu.Multiply(-1e-3, _vt);
        _vy.Add(_vt, _vy);
    }
}
