using System.Text;
using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Input a student or a tool may hand in by mistake: each equation it spoils is <c>not checked</c> with a message
/// that says line:column, annotations are ignored with one, and nothing throws or overflows the stack.</summary>
public class DocumentBadInputTests
{
    private static DocumentResult Check(string markdown) => DocumentChecker.Check(markdown, "bad.md");

    [TestCase("# T\n\n$$\\frac{d}{dx} {x^2 = 2x$$", "3:16: unbalanced '{': it is never closed")]
    [TestCase("# T\n\n$$\\frac{d}{dx} \\left( x^2 = 2x$$", "3:")]
    [TestCase("# T\n\n$$\\frac{d}{dx} x^2} = 2x$$", "3:")]
    [TestCase("# T\n\n$$\\frac{d}{dx} (x^2)) = 2x$$", "3:")]
    [TestCase("# T\n\n$$\\frac{d}{dx} \\foo{x} = 1$$", "3:16: unknown macro '\\foo'")]
    [TestCase("# T\n\n$$\\frac{d}{dx} \\mathcal{L}(x) = \\bar 1$$", "3:")]
    [TestCase("# T\n\n$$\\frac{d}{dx} x^2 = 2x", "3:1: unbalanced '$$'")]
    [TestCase("# T\n\n\\[ \\frac{d}{dx} x^2 = 2x", "3:1:")]
    public void SpoiltEquation_IsNotChecked_WithLineAndColumn(string markdown, string reason)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.StartWith(reason));
        Assert.That(e.Reason, Does.Match(@"^\d+:\d+: "));
    }

    [Test]
    public void SpoiltEquation_LeavesTheOthersChecked()
    {
        var result = Check("$$\\frac{d}{dx} {x^2 = 2x$$\n\n$$\\frac{d}{dx} \\foo = 1$$\n\n$$\\frac{d}{dx} x^2 = 2x$$");
        Assert.That(result.Equations.Select(e => e.Status),
            Is.EqualTo(new[] { EquationStatus.NotChecked, EquationStatus.NotChecked, EquationStatus.Proved }));
    }

    [TestCase("text\n<!-- gradcheck: let = x + -->\n$$\\frac{d}{dx} x^2 = 2x$$", 2, 21)]
    [TestCase("text\n<!-- gradcheck: assume x in (1, -->\n$$\\frac{d}{dx} x^2 = 2x$$", 2, 32)]
    [TestCase("text\n<!-- gradcheck: let C = (x -->\n$$\\frac{d}{dx} x^2 = 2x$$", 2, 27)]
    [TestCase("text\n<!-- gradcheck: index i in 1.. -->\n$$\\frac{d}{dx} x^2 = 2x$$", 2, 31)]
    public void AnnotationWithASyntaxError_IsIgnoredWithLineAndColumn(string markdown, int line, int column)
    {
        var result = Check(markdown);
        Assert.That(result.AnnotationErrors.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (line, column) }));
        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.Proved));
    }

    [Test]
    public void AnnotationNeverClosed_IsAPositionedMessage_AndHidesTheRest_AsMarkdownDoes()
    {
        var result = Check("text\n\n<!-- gradcheck: skip\n$$\\frac{d}{dx} x^2 = 2x$$");
        Assert.That(result.AnnotationErrors.Select(e => (e.Line, e.Column, e.Message)),
            Is.EqualTo(new[] { (3, 1, "the annotation '<!--' is never closed ('-->' is missing)") }));
        Assert.That(result.Equations, Is.Empty);
    }

    [Test]
    public void BinaryJunk_IsFoundAtItsFirstNulByte_AndNeverThrows()
    {
        var random = new Random(11);
        var bytes = new byte[100_000];
        random.NextBytes(bytes);
        var text = "# Notes\nabc" + Encoding.Latin1.GetString(bytes) + "\0";
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        var expectedLine = text[..nul].Count(c => c == '\n') + 1;
        var expectedColumn = nul - (text.LastIndexOf('\n', nul - 1) + 1) + 1;

        var binary = DocumentChecker.BinaryContent(text);
        Assert.That(binary, Is.Not.Null);
        Assert.That((binary!.Line, binary.Column), Is.EqualTo((expectedLine, expectedColumn)));
        Assert.That(DocumentChecker.BinaryContent("# Notes\n\n$$x = 1$$\n"), Is.Null);
        Assert.DoesNotThrow(() => Check(text));
    }

    [Test]
    public void LongRunOfTerms_IsNotChecked_InsteadOfOverflowingTheStack()
    {
        // x + x + … + x nests as deep as it is long: the checks walking it would overflow the stack (seen with 1.25 M terms).
        var markdown = "# T\n\n$$\\frac{d}{dx} x^2 = " + string.Concat(Enumerable.Repeat("x + ", 300_000)) + "x$$\n\n$$\\frac{d}{dx} x^3 = 3x^2$$";
        var result = Check(markdown);
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.NotChecked, EquationStatus.Proved }));
        Assert.That(result.Equations[0].Reason, Does.StartWith("3:22: the formula is too deep (more than 2000 nested operations)"));
    }

    [Test]
    public void LongRunOfTerms_ThroughAFunctionDefinition_IsNotChecked()
    {
        var body = string.Concat(Enumerable.Repeat("x + ", 1500)) + "x";
        var result = Check($"$$f(x) = {body}$$\n\n$$\\frac{{d}}{{dx}} f(f(x)) = 1$$");
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.Definition, EquationStatus.NotChecked }));
        Assert.That(result.Equations[1].Reason, Does.Contain("too deep"));
    }

    [Test, CancelAfter(60000)]
    public void FiveMegabyteDocument_OfProseEquationsAndSpoiltLatex_IsReadInFull()
    {
        // Prose with inline math, a few hundred displays (good, wrong, unreadable) and annotations, to 5 MB.
        var text = new StringBuilder();
        var n = 0;
        while (text.Length < 5_000_000)
        {
            text.Append("Some words about the derivation, with inline math $x^2$ and $\\sigma(z)$, and no display.\n\n");
            if (n % 400 == 0)
            {
                text.Append(n % 1200 == 0 ? "$$\\frac{d}{dx} x^2 = 2x$$\n\n" : n % 1200 == 400 ? "$$\\frac{d}{dx} x^3 = 2x$$\n\n" : "$$\\frac{d}{dx} {x = \\foo$$\n\n");
            }

            n++;
        }

        var result = Check(text.ToString());
        Assert.That(result.Equations, Has.Count.GreaterThan(100));
        Assert.That(result.Equations.Select(e => e.Status).Distinct(),
            Is.EquivalentTo(new[] { EquationStatus.Proved, EquationStatus.Refuted, EquationStatus.NotChecked }));
        Assert.That(result.Equations.Where(e => e.Status == EquationStatus.NotChecked).Select(e => e.Reason), Has.All.Match(@"^\d+:\d+: "));
    }
}
