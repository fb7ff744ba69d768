using System.CommandLine;

namespace GradCheck.Cli.Commands;

/// <summary>
/// Runs the command line with one exit code for every kind of bad input: a parse error (an unknown option,
/// a value that is not a number or is out of range) prints its messages and exits with 2, the code every
/// command uses for input in error, rather than System.CommandLine's 1, which <c>check</c> uses for "refuted".
/// </summary>
internal static class CliExit
{
    /// <summary>The exit code for input in error.</summary>
    public const int InputError = 2;

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>.</summary>
    public static int Invoke(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var to = error ?? Console.Error;
            foreach (var e in parse.Errors)
            {
                to.WriteLine($"gradcheck: {e.Message}");
            }

            var command = parse.CommandResult.Command;
            to.WriteLine($"See `gradcheck {(command is RootCommand ? "" : command.Name + " ")}--help`.");
            return InputError;
        }

        return output is null && error is null
            ? parse.Invoke()
            : parse.Invoke(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error });
    }
}
