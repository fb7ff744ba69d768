using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GradCheck.Benchmarks.Kernels;

/// <summary>A benchmark parameter that knows how much work one call does, for the throughput column.</summary>
public interface IKernelWork
{
    /// <summary>Floating-point operations (products) or elements (element-wise kernels) per call.</summary>
    double Work { get; }

    /// <summary>"GFLOP/s" or "Melem/s".</summary>
    string Unit { get; }
}

/// <summary>A product C(m×n) = op(A)·op(B) with inner dimension k; 2·m·k·n flops.</summary>
public sealed record GemmShape(int M, int K, int N, GemmForm Form) : IKernelWork
{
    public double Work => 2.0 * M * K * N;

    public string Unit => "GFLOP/s";

    public override string ToString()
    {
        string op = Form switch { GemmForm.TransposeA => "AᵀB", GemmForm.TransposeB => "ABᵀ", _ => "AB" };
        return string.Create(CultureInfo.InvariantCulture, $"{M}x{K}x{N} {op}");
    }
}

/// <summary>Which operand is transposed.</summary>
public enum GemmForm
{
    Plain,
    TransposeA,
    TransposeB,
}

/// <summary>A rows×cols matrix processed element by element or row by row.</summary>
public sealed record RowShape(int Rows, int Cols) : IKernelWork
{
    public double Work => (double)Rows * Cols;

    public string Unit => "Melem/s";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rows}x{Cols}");
}

/// <summary>Throughput from the median time: GFLOP/s for products, millions of elements per second otherwise.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "GFLOP/s (products, 2mkn/median) or Melem/s (element-wise), from the median time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        IKernelWork? work = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<IKernelWork>().FirstOrDefault();
        if (statistics is null || work is null)
        {
            return "NA";
        }

        double seconds = statistics.Median / 1e9;
        double scale = work.Unit == "GFLOP/s" ? 1e9 : 1e6;
        return string.Create(CultureInfo.InvariantCulture, $"{work.Work / seconds / scale:F1} {work.Unit}");
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds the throughput column, the median and the allocation counts to every kernel benchmark.</summary>
public sealed class KernelBenchmarkConfig : ManualConfig
{
    public KernelBenchmarkConfig()
    {
        AddColumn(new ThroughputColumn());
        AddColumn(StatisticColumn.Median);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
