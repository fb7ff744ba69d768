using System.Globalization;
using System.Text;
using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests.Experiments;

/// <summary>One row of the accuracy table.</summary>
public sealed record AccuracyRow(string Function, int Trials, double MaxRelativeError, double MedianRelativeError,
    double Coverage, double EvaluationsPerEntry);

/// <summary>
/// How accurate is the Richardson estimate, and does its own error estimate bound the true error?
/// For each function, random well-conditioned points (entries uniform on [−3, 3]; MLP parameters
/// on [−1, 1]) are drawn; the estimate is compared with the exact derivative (normwise ∞ relative
/// error for gradients), and a trial counts as covered when every entry's estimated error is at
/// least its true error.
/// </summary>
public static class AccuracyExperiment
{
    public static IReadOnlyList<AccuracyRow> Run(int trials, int seed)
    {
        var random = new Random(seed);
        var rows = new List<AccuracyRow>
        {
            Scalar("sigmoid", trials, random, x => Sigmoid(x), x => Sigmoid(x) * (1 - Sigmoid(x))),
            Scalar("tanh", trials, random, Math.Tanh, x => 1 - (Math.Tanh(x) * Math.Tanh(x))),
            Scalar("softplus", trials, random, x => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))), x => Sigmoid(x)),
            Vector("log-sum-exp", trials, random, (_, _) => (LogSumExp, Softmax)),
            Vector("softmax cross-entropy", trials, random, (r, n) =>
            {
                var label = r.Next(n);
                return (z => LogSumExp(z) - z[label], z =>
                {
                    var g = Softmax(z);
                    g[label] -= 1;
                    return g;
                });
            }),
            MlpRow(trials, random),
        };
        return rows;
    }

    public static string ToMarkdown(IEnumerable<AccuracyRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| function | trials | max relative error | median relative error | error estimate ≥ true error | evaluations per entry |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Function} | {r.Trials} | {r.MaxRelativeError:0.0E+0} | {r.MedianRelativeError:0.0E+0} | {100 * r.Coverage:0.00} % | {r.EvaluationsPerEntry:0.0} |"));
        }

        return text.ToString();
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double LogSumExp(double[] z)
    {
        var max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max)));
    }

    private static double[] Softmax(double[] z)
    {
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static AccuracyRow Scalar(string name, int trials, Random random, Func<double, double> f, Func<double, double> exact)
    {
        var errors = new double[trials];
        var covered = 0;
        long evaluations = 0;
        for (var t = 0; t < trials; t++)
        {
            var x = (random.NextDouble() * 6) - 3;
            var estimate = FiniteDifferences.Richardson(v =>
            {
                evaluations++;
                return f(v);
            }, x);
            var truth = exact(x);
            var error = Math.Abs(estimate.Value - truth);
            errors[t] = error / Math.Abs(truth);
            covered += estimate.ErrorEstimate >= error ? 1 : 0;
        }

        return Row(name, trials, errors, covered, (double)evaluations / trials);
    }

    private static AccuracyRow Vector(string name, int trials, Random random,
        Func<Random, int, (Func<double[], double> F, Func<double[], double[]> Exact)> make)
    {
        var errors = new double[trials];
        var covered = 0;
        long evaluations = 0, entries = 0;
        for (var t = 0; t < trials; t++)
        {
            var n = random.Next(2, 9);
            var x = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
            var (f, exact) = make(random, n);
            var truth = exact(x);
            var estimate = FiniteDifferences.Gradient(v =>
            {
                evaluations++;
                return f(v);
            }, x);
            entries += n;
            (errors[t], var ok) = Compare(estimate, truth);
            covered += ok ? 1 : 0;
        }

        return Row(name, trials, errors, covered, (double)evaluations / entries);
    }

    private static AccuracyRow MlpRow(int trials, Random random)
    {
        var model = new Mlp(4, 5, 3);
        var errors = new double[trials];
        var covered = 0;
        long evaluations = 0, entries = 0;
        for (var t = 0; t < trials; t++)
        {
            var batch = Batches.Random<double>(random, 3, model.Features, model.Classes);
            var theta = model.Parameters(random);
            var truth = model.Gradient(theta, batch);
            var estimate = FiniteDifferences.Gradient(p =>
            {
                evaluations++;
                return model.Loss<double>(p, batch);
            }, theta);
            entries += theta.Length;
            (errors[t], var ok) = Compare(estimate, truth);
            covered += ok ? 1 : 0;
        }

        return Row("2-layer MLP loss (43 parameters)", trials, errors, covered, (double)evaluations / entries);
    }

    private static (double RelativeError, bool Covered) Compare(DerivativeEstimate[] estimate, double[] truth)
    {
        double difference = 0, scale = 0;
        var covered = true;
        for (var i = 0; i < truth.Length; i++)
        {
            var error = Math.Abs(estimate[i].Value - truth[i]);
            difference = Math.Max(difference, error);
            scale = Math.Max(scale, Math.Abs(truth[i]));
            covered &= estimate[i].ErrorEstimate >= error;
        }

        return (difference / scale, covered);
    }

    private static AccuracyRow Row(string name, int trials, double[] errors, int covered, double evaluationsPerEntry)
    {
        var sorted = errors.Order().ToArray();
        return new AccuracyRow(name, trials, sorted[^1], sorted[sorted.Length / 2], (double)covered / trials, evaluationsPerEntry);
    }
}
