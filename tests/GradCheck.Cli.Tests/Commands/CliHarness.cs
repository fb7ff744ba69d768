using GradCheck.Cli.Commands;

namespace GradCheck.Cli.Tests.Commands;

/// <summary>Runs the claims commands in-process with captured output.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = GradCheckCommand.Create();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliExit.Invoke(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The repository's root (the folder holding GradCheck.sln).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GradCheck.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GradCheck.sln not found above the test directory");
    }

    public static string TempClaims(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradcheck-{Guid.NewGuid():N}.claims");
        File.WriteAllText(path, text);
        return path;
    }
}
