using System.CommandLine;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;
using GradCheck.Claims.Syntax;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck check</c>: checks claims files and claims given on the command line.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = ".claims files to check", Arity = ArgumentArity.ZeroOrMore };
        var claims = new Option<string[]>("--claim", "-c")
        {
            Description = "a claim to check, written inline: a chain like \"LHS = RHS\" or a whole claim ... end block (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "write the JSON report (claims-format.md) to standard output" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "list every step, also of proved claims" };
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
            """);
        command.Arguments.Add(files);
        command.Options.Add(claims);
        command.Options.Add(json);
        command.Options.Add(verbose);
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
            foreach (var path in paths)
            {
                if (ClaimsRunner.Read(path, out var failure) is { } file)
                {
                    readable.Add(file);
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

            output.Write(asJson ? JsonReport.Write(results) + "\n" : TextReport.Write(results, parse.GetValue(verbose)));
            return ExitCodes.For(results);
        });
        return command;
    }
}
