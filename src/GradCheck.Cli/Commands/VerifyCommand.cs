using System.CommandLine;
using System.Globalization;
using System.Text;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck verify</c>: checks the built-in catalogue of derivations.</summary>
internal static class VerifyCommand
{
    private static readonly string[] Header = ["file", "claim", "verdict", "expected", "steps", ""];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "write the JSON report (claims-format.md) to standard output instead of the table" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "after the table, list every step of every claim" };
        var command = new Command("verify", """
            Check the built-in catalogue: the canonical identities of deep-learning calculus and every
            checkable derivation of the five seed solutions (their wrong steps are expected to be refuted).
            Prints a table of claims and verdicts; exits 0 only when every verdict meets its expectation.

            Examples:
              gradcheck verify
              gradcheck verify --json > verdicts.json
              gradcheck verify --verbose
            """);
        command.Options.Add(json);
        command.Options.Add(verbose);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var asJson = parse.GetValue(json);
            var files = ClaimsRunner.CheckCatalogue(ClaimsRunner.ProgressWriter(error, asJson));
            var results = files.SelectMany(f => f.Results).ToList();
            if (asJson)
            {
                output.Write(JsonReport.Write(results));
                output.Write('\n');
            }
            else
            {
                output.Write(Table(files));
                if (parse.GetValue(verbose))
                {
                    output.Write('\n');
                    output.Write(TextReport.Write(results, verbose: true));
                }
                else
                {
                    var failures = results.Where(r => !r.IsAcceptable).ToList();
                    if (failures.Count > 0)
                    {
                        output.Write('\n');
                        output.Write(TextReport.Write(failures));
                    }
                }
            }

            return ExitCodes.For(results);
        });
        return command;
    }

    /// <summary>The table: one row per claim with its verdict, expectation and step count.</summary>
    public static string Table(IReadOnlyList<CheckedFile> files)
    {
        var rows = new List<string[]> { Header };
        foreach (var file in files)
        {
            foreach (var r in file.Results)
            {
                var expected = r.Expected is null ? "" : r.ExpectedStep is { } s ? $"refuted at step {s}" : r.Expected.ToString()!.ToLowerInvariant();
                var verdict = TextReport.VerdictPhrase(r);

                rows.Add([file.FileName, r.Name, verdict, expected, r.Steps.Count.ToString(CultureInfo.InvariantCulture), r.IsAcceptable ? "ok" : "FAIL"]);
            }
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var b = new StringBuilder();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            b.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
            if (i == 0)
            {
                b.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }

        var all = files.SelectMany(f => f.Results).ToList();
        var summary = VerdictSummary.Of(all);
        var unmet = all.Count(r => !r.IsAcceptable);
        b.Append('\n').Append(CultureInfo.InvariantCulture,
            $"{all.Count} claims in {files.Count} files: {summary.Proved} proved ({all.Count(r => r.ProvedForEveryK)} of them for every size at once), {summary.HoldsNumerically} hold numerically, {summary.Refuted} refuted, {summary.Error} error; ");
        b.Append(unmet == 0 ? "every verdict meets its expectation.\n" : $"{unmet} not as expected.\n");
        return b.ToString();
    }
}
