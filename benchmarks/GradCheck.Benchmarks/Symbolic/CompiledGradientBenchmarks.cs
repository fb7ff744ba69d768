using BenchmarkDotNet.Attributes;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;

namespace GradCheck.Benchmarks.Symbolic;

/// <summary>
/// The gradient of the sigmoid binary cross-entropy −(y ln σ(wᵀx) + (1 − y) ln(1 − σ(wᵀx))) with
/// respect to every weight: the delegate compiled from the symbolic derivative versus the same
/// formula, −(y − σ(wᵀx))·xᵢ, written by hand. Input layout for both: [w₁..w_K, x₁..x_K, y].
/// </summary>
[MemoryDiagnoser]
public class CompiledGradientBenchmarks
{
    private Action<double[], double[]> _compiled = null!;
    private Dictionary<Symbol, double> _point = null!;
    private List<Expr> _gradient = null!;
    private double[] _input = null!;
    private double[] _output = null!;

    [Params(4, 16)]
    public int Weights { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var w = Enumerable.Range(1, Weights).Select(i => Expr.Sym("w", i)).ToList();
        var x = Enumerable.Range(1, Weights).Select(i => Expr.Sym("x", i)).ToList();
        var y = Expr.Sym("y");
        var s = Expr.Add(w.Zip(x, (wi, xi) => wi * xi));
        var loss = -((y * Expr.Ln(Expr.Sigmoid(s))) + ((1 - y) * Expr.Ln(1 - Expr.Sigmoid(s))));
        _gradient = w.Select(loss.Derivative).ToList();
        var parameters = w.Concat(x).Append(y).ToList();
        _compiled = Compiler.CompileMany(_gradient, parameters);

        var random = new Random(42);
        _input = parameters.Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        _input[^1] = 1;
        _output = new double[Weights];
        _point = parameters.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => _input[t.i]);
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var input = _input;
        var k = Weights;
        var s = 0.0;
        for (var i = 0; i < k; i++)
        {
            s += input[i] * input[k + i];
        }

        var residual = (1.0 / (1.0 + Math.Exp(-s))) - input[2 * k];
        for (var i = 0; i < k; i++)
        {
            _output[i] = residual * input[k + i];
        }

        return _output[0];
    }

    [Benchmark]
    public double Compiled()
    {
        _compiled(_input, _output);
        return _output[0];
    }

    [Benchmark]
    public double Interpreted()
    {
        var sum = 0.0;
        foreach (var g in _gradient)
        {
            sum += Evaluator.Evaluate(g, _point);
        }

        return sum;
    }
}
