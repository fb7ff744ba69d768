using GradCheck.Claims.Documents;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Issue #13 for documents: the text report and the annotated copy show a refuted step's correction (proved equal
/// to the step's left side), the copy in inline math that renders on GitHub.</summary>
public class DocumentCorrectionTests
{
    private const string Penalty = "# Weight decay\n\n$$\\frac{\\partial}{\\partial w_1} \\lambda (w_1^2 + w_2^2) = \\lambda w_1$$\n\nNext paragraph.\n";

    private static DocumentResult Check(string markdown) => DocumentChecker.Check(markdown, "test.md");

    [Test]
    public void Refuted_HasTheCorrectionTheClaimsCheckerFinds()
    {
        var correction = DocumentReport.Correction(Check(Penalty).Equations.Single());
        Assert.That(correction, Is.Not.Null);
        Assert.That((correction!.Text, correction.Explanation),
            Is.EqualTo(("2*lambda*w_1", "`lambda` should be `2*lambda`: the factor 2 is missing (yours is the correction times 1/2)")));
    }

    [Test]
    public void TextReport_ShowsShouldReadUnderTheRefutedEquation()
    {
        var text = DocumentReport.WriteText(Check(Penalty));
        Assert.That(text, Does.Contain(
            "      \\frac{\\partial}{\\partial w_1} \\lambda (w_1^2 + w_2^2) = \\lambda w_1\n"
            + "      should read: 2*lambda*w_1\n"
            + "      (`lambda` should be `2*lambda`: the factor 2 is missing (yours is the correction times 1/2))\n"));
    }

    [Test]
    public void AnnotatedCopy_ShowsTheCorrectionInInlineMath_OnTheVerdictLine()
    {
        var annotated = DocumentReport.WriteAnnotated(Check(Penalty));
        var verdict = annotated.Split('\n').Single(l => l.StartsWith("> ", StringComparison.Ordinal));
        Assert.That(verdict, Does.Match(@"^> ✘ refuted: at lambda = \S+, w\\_1 = \S+, w\\_2 = \S+, left = \S+, right = \S+ — should read: \$[^$]+\$ "
            + @"\(`lambda` should be `2\*lambda`: the factor 2 is missing \(yours is the correction times 1/2\)\)$"));

        // The math reads back, with GradCheck's own LaTeX reader, to the correction.
        var math = verdict[(verdict.IndexOf('$', StringComparison.Ordinal) + 1)..verdict.LastIndexOf('$')];
        var read = DocumentChecker.ReadSide("$$" + math + "$$", 2, 2 + math.Length);
        Assert.That(read?.ToString(), Is.EqualTo(ExpressionParser.Parse("2*lambda*w_1").ToString()));

        // Nothing else changes: without the verdict the copy is the document.
        Assert.That(annotated.Replace(verdict + "\n\n", "", StringComparison.Ordinal), Is.EqualTo(Penalty));
    }

    [Test]
    public void AlignedBlock_TheRefutedRowCarriesItsCorrection()
    {
        var result = Check("""
            $$\begin{aligned}
            \frac{d}{dx} x^3 &= 3x^2 \\
            &= 3x
            \end{aligned}$$
            """);
        var lines = DocumentReport.WriteAnnotated(result).Split('\n').Where(l => l.StartsWith("> ", StringComparison.Ordinal)).ToList();
        Assert.That(lines[0], Is.EqualTo("> line 2: ✔ proved<br>"));
        Assert.That(lines[1], Does.StartWith("> line 3: ✘ refuted: at x = ").And.Contain(" — should read: $").And.EndWith("<br>"));
    }

    [Test]
    public void ProvedOrUnread_HasNoCorrection()
    {
        var result = Check("$$\\frac{d}{dx} x^2 = 2x$$\n\n$$\\frac{d}{dx} \\foo = 1$$");
        Assert.That(result.Equations.Select(DocumentReport.Correction), Has.All.Null);
        Assert.That(DocumentReport.WriteText(result) + DocumentReport.WriteAnnotated(result), Does.Not.Contain("should read"));
    }

    [Test]
    public void Json_RefutedStepHasItsCorrection()
    {
        var claim = DocumentReport.JsonClaims(Check(Penalty)).Single();
        Assert.That((string?)claim["steps"]![0]!["correction"], Is.EqualTo("2*lambda*w_1"));
    }
}
