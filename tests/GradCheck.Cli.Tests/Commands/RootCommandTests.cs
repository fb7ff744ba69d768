using System.CommandLine;
using System.Reflection;
using GradCheck.Cli.Commands;

namespace GradCheck.Cli.Tests.Commands;

/// <summary>The root command: --version, the exit codes in --help, shell completion.</summary>
public class RootCommandTests
{
    private static (int ExitCode, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = GradCheckCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString());
    }

    [Test]
    public void Version_Option_PrintsThePackageVersion()
    {
        var (code, output) = Run("--version");

        var informational = typeof(GradCheckCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Is.EqualTo(informational));
        Assert.That(output, Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public void Help_Root_DocumentsEveryExitCode()
    {
        var (code, output) = Run("--help");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Exit codes:"));
        foreach (var exit in new[] { "0  success", "1  a claim is refuted", "2  an input is in error", "3  train", "4  train", "5  train" })
        {
            Assert.That(output, Does.Contain(exit));
        }
    }

    [Test]
    public void Help_Root_ListsEveryCommand()
    {
        var (_, output) = Run("--help");

        Assert.That(output, Does.Contain("verify").And.Contain("check").And.Contain("docs").And.Contain("train").And.Contain("completion"));
    }

    [TestCase("bash", "complete -o default -F _gradcheck_complete gradcheck")]
    [TestCase("zsh", "compdef _gradcheck_complete gradcheck")]
    public void Completion_Shell_PrintsAScriptCallingTheSuggestDirective(string shell, string registration)
    {
        var (code, output) = Run("completion", shell);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("[suggest:").And.Contain(registration));
    }

    [Test]
    public void Completion_UnknownShell_IsAnInputError()
    {
        var (code, _) = Run("completion", "fish");

        Assert.That(code, Is.Not.Zero);
    }

    [Test]
    public void SuggestDirective_PartialOption_CompletesFromTheCommandTree()
    {
        var (code, output) = Run("[suggest:19]", "gradcheck check --j");

        Assert.That(code, Is.Zero);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "--json" }));
    }

    [Test]
    public void SuggestDirective_PartialCommand_CompletesTheCommand()
    {
        var (_, output) = Run("[suggest:13]", "gradcheck che");

        Assert.That(output.Trim(), Is.EqualTo("check"));
    }
}
