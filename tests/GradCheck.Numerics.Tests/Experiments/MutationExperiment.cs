using System.Globalization;
using System.Text;
using GradCheck.Numerics.Tests.Models;

namespace GradCheck.Numerics.Tests.Experiments;

/// <summary>One model's row of the mutation table: detections per bug and false alarms on the correct gradient.</summary>
/// <param name="LargestCorrectRatio">The largest worst-entry ratio over the correct gradients (below 1 passes): the margin against false alarms.</param>
/// <param name="SmallestBugRatio">The smallest worst-entry ratio over the buggy gradients (above 1 fails): the margin of detection.</param>
public sealed record MutationRow(string Model, int Parameters, int Points, int FalseAlarms, IReadOnlyDictionary<Bug, int> Detected,
    double LargestCorrectRatio, double SmallestBugRatio);

/// <summary>
/// The mutation test of the checker: at random points (parameters uniform on [−1, 1], a batch of
/// 4 inputs uniform on [−1, 1] with random labels) the correct hand-written gradient must pass and
/// every injected bug must fail.
/// </summary>
public static class MutationExperiment
{
    public static IReadOnlyList<Model> Models { get; } =
        [new SigmoidBce(4, 3), new SoftmaxCe(4, 3), new L2LogisticRegression(4), new Mlp(4, 5, 3)];

    public static IReadOnlyList<Bug> AllBugs { get; } = Enum.GetValues<Bug>().Where(b => b != Bug.None).ToArray();

    public static IReadOnlyList<MutationRow> Run(int points, int seed, GradientCheckOptions? options = null)
    {
        var rows = new List<MutationRow>();
        foreach (var model in Models)
        {
            var random = new Random(seed);
            var falseAlarms = 0;
            double largestCorrect = 0, smallestBug = double.PositiveInfinity;
            var detected = model.Bugs.ToDictionary(b => b, _ => 0);
            for (var p = 0; p < points; p++)
            {
                var batch = Batches.Random<double>(random, 4, model.Features, model.Classes);
                var theta = model.Parameters(random);
                double Loss(double[] t) => model.Loss<double>(t, batch);
                var correct = GradientChecker.Check(Loss, theta, model.Gradient(theta, batch), options);
                falseAlarms += correct.Passed ? 0 : 1;
                largestCorrect = Math.Max(largestCorrect, correct.Worst.Ratio);
                foreach (var bug in model.Bugs)
                {
                    var buggy = GradientChecker.Check(Loss, theta, model.Gradient(theta, batch, bug), options);
                    detected[bug] += buggy.Passed ? 0 : 1;
                    smallestBug = Math.Min(smallestBug, buggy.Worst.Ratio);
                }
            }

            rows.Add(new MutationRow(model.Name, model.ParameterCount, points, falseAlarms, detected, largestCorrect, smallestBug));
        }

        return rows;
    }

    public static string ToMarkdown(IEnumerable<MutationRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| model (parameters) | false alarms on the correct gradient |");
        foreach (var bug in AllBugs)
        {
            text.Append(CultureInfo.InvariantCulture, $" {bug} |");
        }

        text.AppendLine(" largest ratio, correct | smallest ratio, bugs |");
        text.Append("|---|---:|");
        text.AppendLine(string.Concat(Enumerable.Repeat("---:|", AllBugs.Count + 2)));
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {r.Model} ({r.Parameters}) | {r.FalseAlarms} / {r.Points} |");
            foreach (var bug in AllBugs)
            {
                text.Append(r.Detected.TryGetValue(bug, out var d)
                    ? string.Create(CultureInfo.InvariantCulture, $" {d} / {r.Points} |")
                    : " n/a |");
            }

            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $" {r.LargestCorrectRatio:0.00E+0} | {r.SmallestBugRatio:0.0E+0} |"));
        }

        return text.ToString();
    }
}
