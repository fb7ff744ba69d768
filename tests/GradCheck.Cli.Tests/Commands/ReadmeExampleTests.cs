using System.Text.RegularExpressions;

namespace GradCheck.Cli.Tests.Commands;

/// <summary>The README's "A derivation, checked" example is what `gradcheck check` prints today, so the
/// first page a user reads cannot drift from the tool.</summary>
public partial class ReadmeExampleTests
{
    [Test]
    public void Readme_DerivationExample_PrintsWhatTheReadmeShows()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## A derivation, checked", StringComparison.Ordinal)..];
        var blocks = FencedBlock().Matches(section).Select(m => m.Groups[1].Value).Take(2).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2), "the section has the claims file and the output");
        const string Prompt = "$ gradcheck check examples.claims\n";
        Assert.That(blocks[1], Does.StartWith(Prompt));

        var directory = Directory.CreateTempSubdirectory("gradcheck-readme-");
        try
        {
            var path = Path.Combine(directory.FullName, "examples.claims");
            File.WriteAllText(path, blocks[0]);
            var (code, output, _) = CliHarness.Run("check", path);
            Assert.That(code, Is.EqualTo(1), "the example holds one refuted step");
            Assert.That(output.Replace(path, "examples.claims", StringComparison.Ordinal).ReplaceLineEndings("\n"),
                Is.EqualTo(blocks[1][Prompt.Length..]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void Readme_HomeworkExample_PrintsAndAnnotatesWhatTheReadmeShows()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## Homework as it is written", StringComparison.Ordinal)..];
        var blocks = FencedBlock().Matches(section).Select(m => m.Groups[1].Value).Take(2).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2), "the section has the document and the output");
        const string Prompt = "$ gradcheck check hw.md --annotate hw.checked.md\n";
        Assert.That(blocks[1], Does.StartWith(Prompt));

        var directory = Directory.CreateTempSubdirectory("gradcheck-readme-");
        try
        {
            var path = Path.Combine(directory.FullName, "hw.md");
            var annotated = Path.Combine(directory.FullName, "hw.checked.md");
            File.WriteAllText(path, blocks[0]);
            var (code, output, _) = CliHarness.Run("check", path, "--annotate", annotated);
            Assert.That(code, Is.EqualTo(1), "the example holds one refuted step");
            Assert.That(output.Replace(path, "hw.md", StringComparison.Ordinal).ReplaceLineEndings("\n"),
                Is.EqualTo(blocks[1][Prompt.Length..]));
            // The prose after the output quotes the annotated copy's verdict lines.
            var copy = File.ReadAllText(annotated);
            Assert.That(copy, Does.Contain("> ✔ proved"));
            Assert.That(copy, Does.Contain("— should read: $\\sigma\\left(-z\\right)$ (the sign is wrong:"));
            Assert.That(section, Does.Contain("should read: $\\sigma\\left(-z\\right)$ (the sign is wrong:"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"```\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
