using System.Text;
using System.Text.Json;

namespace GradCheck.Cli.Tests.Commands;

/// <summary><c>gradcheck check</c> on documents a student or a tool may hand in by mistake: a message with line:column for
/// each problem, exit 2 only for a file that cannot be read as a document, and never a stack trace.</summary>
public class DocumentBadInputCommandTests
{
    private static string TempDocument(string text, string extension = ".md")
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradcheck-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Output, string Error) CheckDocument(string text, params string[] options)
    {
        var path = TempDocument(text);
        try
        {
            var (code, output, error) = CliHarness.Run(["check", path, .. options]);
            Assert.That(output + error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "a stack trace");
            return (code, output.Replace(path, "doc.md", StringComparison.Ordinal), error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("# T\n\n$$\\frac{d}{dx} {x^2 = 2x$$\n", "line 3           · not checked: 3:16: unbalanced '{': it is never closed")]
    [TestCase("# T\n\n$$\\frac{d}{dx} \\foo{x} = 1$$\n", "line 3           · not checked: 3:16: unknown macro '\\foo'")]
    [TestCase("# T\n\n$$\\frac{d}{dx} x^2 = 2x\n\nmore text\n", "line 3           · not checked: 3:1: unbalanced '$$': the display math is never closed")]
    public void SpoiltLatex_IsNotChecked_WithLineAndColumn_AndExitsZero(string text, string line)
    {
        var (code, output, _) = CheckDocument(text);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain(line));
    }

    [Test]
    public void SpoiltLatex_UnderStrict_ExitsOne()
    {
        var (code, _, _) = CheckDocument("$$\\frac{d}{dx} \\foo{x} = 1$$\n", "--strict");
        Assert.That(code, Is.EqualTo(1));
    }

    [Test]
    public void AnnotationWithASyntaxError_IsIgnoredWithLineAndColumn_AndExitsZero()
    {
        var (code, output, _) = CheckDocument("text\n<!-- gradcheck: let = x + -->\n$$\\frac{d}{dx} x^2 = 2x$$\n");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("doc.md:2:21: annotation ignored: annotation: expected a name after `let`, found '='"));
        Assert.That(output, Does.Contain("✔ proved"));
    }

    [Test]
    public void BinaryJunk_IsAnUnreadableFile_AtItsFirstNulByte_ExitTwo()
    {
        var random = new Random(5);
        var bytes = new byte[50_000];
        random.NextBytes(bytes);
        bytes[0] = (byte)'a';
        bytes[1] = (byte)'\n';
        bytes[2] = (byte)'b';
        bytes[3] = 0;
        var path = Path.Combine(Path.GetTempPath(), $"gradcheck-{Guid.NewGuid():N}.md");
        File.WriteAllBytes(path, bytes);
        try
        {
            var (code, output, error) = CliHarness.Run("check", path);
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain($"{path}:2:2: error: cannot read the file: it is binary data (a NUL byte), not a text document"));
            Assert.That(output + error, Does.Not.Contain("   at "));

            (code, output, _) = CliHarness.Run("check", path, "--json");
            Assert.That(code, Is.EqualTo(2));
            using var json = JsonDocument.Parse(output);
            var claim = json.RootElement.GetProperty("claims")[0];
            Assert.That(claim.GetProperty("verdict").GetString(), Is.EqualTo("error"));
            Assert.That(claim.GetProperty("error").GetProperty("line").GetInt32(), Is.EqualTo(2));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void MissingDocument_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradcheck-{Guid.NewGuid():N}.md");
        var (code, output, _) = CliHarness.Run("check", path);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("cannot read the file: no such file"));
    }

    [Test, CancelAfter(60000)]
    public void FiveMegabyteDocument_IsCheckedInFull_WithJson()
    {
        var text = new StringBuilder();
        var n = 0;
        while (text.Length < 5_000_000)
        {
            text.Append("Some words about the derivation, with inline math $x^2$ and no display.\n\n");
            if (n++ % 1000 == 0)
            {
                text.Append("$$\\frac{d}{dx} x^2 = 2x$$\n\n$$\\frac{d}{dx} \\foo = 1$$\n\n");
            }
        }

        text.Append("$$\\frac{d}{dx} " + string.Concat(Enumerable.Repeat("x + ", 200_000)) + "x = 1$$\n");
        var (code, output, _) = CheckDocument(text.ToString(), "--json");
        Assert.That(code, Is.Zero);
        using var json = JsonDocument.Parse(output);
        var statuses = json.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ToList();
        Assert.That(statuses, Has.Count.GreaterThan(100));
        Assert.That(statuses.Distinct(), Is.EquivalentTo(new[] { "proved", "not checked" }));
    }
}
