using System.CommandLine;

namespace GradCheck.Cli.Commands;

/// <summary>
/// <c>gradcheck completion bash|zsh</c>: prints a script that wires the shell's completion to
/// System.CommandLine's <c>[suggest:POSITION]</c> directive, so completions always come from the
/// installed tool's own command tree (commands, options, and the values an option accepts).
/// </summary>
internal static class CompletionCommand
{
    public const string Bash = """
        # gradcheck completion for bash: add `source <(gradcheck completion bash)` to ~/.bashrc
        _gradcheck_complete()
        {
            local IFS=$'\n'
            COMPREPLY=( $(gradcheck "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _gradcheck_complete gradcheck

        """;

    public const string Zsh = """
        # gradcheck completion for zsh: add `source <(gradcheck completion zsh)` to ~/.zshrc
        _gradcheck_complete()
        {
            local -a candidates
            candidates=("${(@f)$(gradcheck "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
            compadd -- $candidates
        }
        compdef _gradcheck_complete gradcheck

        """;

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", """
            Print a shell completion script. Completions come from the tool itself through
            System.CommandLine's [suggest] directive (try: gradcheck "[suggest:15]" "gradcheck check").
            Exit code: 0.

            Examples:
              source <(gradcheck completion bash)      (in ~/.bashrc)
              source <(gradcheck completion zsh)       (in ~/.zshrc, after compinit)
            """);
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return 0;
        });
        return command;
    }
}
