using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace GradCheck.Cli.Commands;

/// <summary>The root command: every subcommand, <c>--version</c>, <c>--help</c> with the exit codes, and
/// the <c>[suggest]</c> directive that shell completion calls.</summary>
internal static class GradCheckCommand
{
    public const string Description = """
        gradcheck: verifies the calculus of deep learning, symbolically, numerically and against a training engine.
        Start with `gradcheck verify`; `gradcheck check --claim "d/dz tanh(z) = 1 - tanh(z)^2"` checks one claim;
        `gradcheck <command> --help` shows examples; `gradcheck completion bash` prints a completion script.

        Exit codes:
          0  success: every claim proved or holds numerically, or meets its `expect` (verify, check);
             the pages are current (docs --check); training finished (train)
          1  a claim is refuted against expectation (verify, check); the pages are stale (docs --check)
          2  an input is in error: a claims file or claim (line:column and why), or a bad option value
          3  train: the data set cannot be loaded
          4  train: the metrics cannot be written
          5  train: training diverged (a loss that is not finite)
        """;

    /// <summary>Builds the whole command tree.</summary>
    public static RootCommand Create()
    {
        // RootCommand brings --help, --version (the package version) and the [suggest] directive.
        var root = new RootCommand(Description);
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(DocsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());

        // --version names this assembly's version (the package's, with its commit), also when the
        // command tree runs inside another process (a test host), where the default reads the entry assembly.
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        return root;
    }

    /// <summary>The version printed by --version: the informational version of GradCheck.Cli.</summary>
    public static string Version =>
        typeof(GradCheckCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(GradCheckCommand).Assembly.GetName().Version?.ToString() ?? "unknown";

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }
}
