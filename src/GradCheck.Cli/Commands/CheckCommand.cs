using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Documents;
using GradCheck.Claims.Reporting;
using GradCheck.Claims.Syntax;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck check</c>: checks claims files and claims given on the command line.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = ".claims files and Markdown documents (.md, .markdown) to check", Arity = ArgumentArity.ZeroOrMore };
        var claims = new Option<string[]>("--claim", "-c")
        {
            Description = "a claim to check, written inline: a chain like \"LHS = RHS\" or a whole claim ... end block (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "write the JSON report (claims-format.md) to standard output" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "list every step, also of proved claims" };
        var document = new Option<bool>("--document") { Description = "read every FILE as a Markdown document with LaTeX math, whatever its extension" };
        var annotate = new Option<string?>("--annotate") { Description = "write a copy of the (one) document with a verdict under each equation to this file" };
        var strict = new Option<bool>("--strict") { Description = "an equation of a document that is not checked is a failure (exit 1)" };
        var command = new Command("check", """
            Check .claims files, or claims written on the command line. Each claim is checked for every
            size in its `for` lines and every value of its free indices; each step is proved symbolically
            or, failing that, compared at random points with rigorous error bounds.
            Exit code: 0 when every claim is proved or holds numerically (or meets its `expect`),
            1 when a claim is refuted against expectation, 2 when an input is in error.

            Examples:
              gradcheck check derivations.claims
              gradcheck check --claim "d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))"
              gradcheck check --claim "d/dz ln(sigmoid(z)) = sigmoid(z) - 1"     (refuted, with a counterexample)
              gradcheck check a.claims b.claims --json
              gradcheck check homework.md                      (every display equation: proved, refuted, definition, not checked)
              gradcheck check --document seed.txt --annotate checked.md
            """);
        command.Arguments.Add(files);
        command.Options.Add(claims);
        command.Options.Add(json);
        command.Options.Add(verbose);
        command.Options.Add(document);
        command.Options.Add(annotate);
        command.Options.Add(strict);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var paths = parse.GetValue(files) ?? [];
            var inline = parse.GetValue(claims) ?? [];
            if (paths.Length == 0 && inline.Length == 0)
            {
                error.WriteLine("gradcheck check: give one or more .claims files or --claim \"LHS = RHS\" (see gradcheck check --help)");
                return ExitCodes.Error;
            }

            var asJson = parse.GetValue(json);
            var results = new List<ClaimResult>();
            var readable = new List<(string Name, string Text)>();
            var documents = new List<DocumentResult>();
            var allDocuments = parse.GetValue(document);
            var annotateTo = parse.GetValue(annotate);
            if (annotateTo is not null && paths.Count(p => allDocuments || DocumentChecker.IsDocument(p)) != 1)
            {
                error.WriteLine("gradcheck check: --annotate writes the copy of one document; give exactly one document");
                return ExitCodes.Error;
            }

            foreach (var path in paths)
            {
                if (ClaimsRunner.Read(path, out var failure) is { } file)
                {
                    if ((allDocuments || DocumentChecker.IsDocument(path)) && DocumentChecker.BinaryContent(file.Text) is { } binary)
                    {
                        results.Add(new ClaimResult("(file)", file.Name, binary.Line, null, Verdict.Error, null, null, null, [],
                            binary with { Message = "cannot read the file: " + binary.Message }, null, TimeSpan.Zero));
                    }
                    else if (allDocuments || DocumentChecker.IsDocument(path))
                    {
                        documents.Add(DocumentChecker.Check(file.Text, file.Name));
                    }
                    else
                    {
                        readable.Add(file);
                    }
                }
                else
                {
                    results.Add(failure!);
                }
            }

            results.AddRange(ClaimsRunner.CheckMany(readable, ClaimsRunner.ProgressWriter(error, asJson)).SelectMany(f => f.Results));
            for (var i = 0; i < inline.Length; i++)
            {
                foreach (var entry in ClaimsParser.ParseInline(inline[i], inline.Length == 1 ? "command-line" : $"command-line-{i + 1}"))
                {
                    results.Add(ClaimChecker.Check(entry));
                }
            }

            var exit = ExitCodes.For(results);
            if (documents.Any(d => !d.IsAcceptable(parse.GetValue(strict))) && exit == ExitCodes.Success)
            {
                exit = ExitCodes.Refuted;
            }

            if (annotateTo is not null && documents.Count == 1)
            {
                try
                {
                    File.WriteAllText(annotateTo, DocumentReport.WriteAnnotated(documents[0]));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    error.WriteLine($"gradcheck check: cannot write '{annotateTo}': {e.Message}");
                    return ExitCodes.Error;
                }
            }

            if (asJson)
            {
                output.Write(CombinedJson(results, documents, exit) + "\n");
            }
            else
            {
                if (results.Count > 0 || documents.Count == 0)
                {
                    output.Write(TextReport.Write(results, parse.GetValue(verbose)));
                }

                foreach (var checkedDocument in documents)
                {
                    output.Write(DocumentReport.WriteText(checkedDocument));
                }
            }

            return exit;
        });
        return command;
    }

    /// <summary>The claims JSON report with each document's equations added as claims (with <c>status</c>), and a
    /// summary that counts definitions and equations not checked apart from errors.</summary>
    private static string CombinedJson(List<ClaimResult> results, List<DocumentResult> documents, int exit)
    {
        var root = JsonNode.Parse(JsonReport.Write(results))!.AsObject();
        if (documents.Count == 0)
        {
            return root.ToJsonString(Options);
        }

        var claims = root["claims"]!.AsArray();
        var summary = root["summary"]!.AsObject();
        int definitions = 0, notChecked = 0;
        foreach (var d in documents)
        {
            foreach (var claim in DocumentReport.JsonClaims(d))
            {
                claims.Add((JsonNode)claim);
            }

            summary["proved"] = (int)summary["proved"]! + d.Count(EquationStatus.Proved) + d.Count(EquationStatus.ProvedForEverySize);
            summary["holdsNumerically"] = (int)summary["holdsNumerically"]! + d.Count(EquationStatus.HoldsNumerically);
            summary["refuted"] = (int)summary["refuted"]! + d.Count(EquationStatus.Refuted);
            definitions += d.Count(EquationStatus.Definition);
            notChecked += d.Count(EquationStatus.NotChecked);
        }

        summary["definition"] = definitions;
        summary["notChecked"] = notChecked;
        root["exitCode"] = exit;
        return root.ToJsonString(Options);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
