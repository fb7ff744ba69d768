using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Equations a careless reading would refute although the student is right: they must be read as meant or
/// reported as not checked with the reason, never refuted.</summary>
public class DocumentFalseRefutationTests
{
    private static DocumentResult Check(string markdown) => DocumentChecker.Check(markdown, "test.md");

    // ---- an expectation is an operator, not a product of a symbol E and what follows

    [TestCase(@"$$L = -\ln(E_{x,y} P [\hat{y}^{y}(1 - \hat{y})^{1-y}])$$", "1:12:")]
    [TestCase(@"$$\frac{d}{dw} E[(w x - y)^2] = 2 x (w x - y)$$", "1:16:")]
    [TestCase(@"$$\frac{d}{dw} E_{x} \left[(w x - y)^2\right] = 2 x (w x - y)$$", "1:16:")]
    public void Expectation_IsNotChecked_WithTheReason(string markdown, string position)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.StartWith(position).And.Contain("expectation"));
    }

    [TestCase(@"$$\frac{d}{dw} \mathbb{E}[w^2] = 2w$$", @"1:16: '\mathbb{E}' (an expectation) is not read")]
    [TestCase(@"$$\frac{d}{dw} \mathbb E[w^2] = 2w$$", @"1:16: '\mathbb{E}' (an expectation) is not read")]
    [TestCase(@"$$\frac{d}{dw} \operatorname{E}_x[w^2 x] = 2w$$", @"1:16: '\operatorname{E}' applied to what follows is an expectation, which is not read")]
    [TestCase(@"$$\frac{d}{dw} \mathrm{E}[w^2] = 2w$$", @"1:16: '\mathrm{E}' applied to what follows is an expectation, which is not read")]
    public void Expectation_WrittenAsAnOperatorName_IsNotChecked_WithTheReason(string markdown, string reason)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That((e.Status, e.Reason), Is.EqualTo((EquationStatus.NotChecked, reason)));
    }

    [Test]
    public void Seed000_TheBinaryCrossEntropyFromAnExpectation_IsNotRefuted()
    {
        // Seed 000, eqs. (24)-(25): read as a product E_{x,y}·P·[…], the ln of it is undefined where E_{x,y}·P < 0 and the
        // step was refuted; the step from an expectation to a likelihood is modelling, not calculus.
        var result = Check("""
            <!-- gradcheck: index i in 1..n; for n in 1..3; assume yhat in (0, 1); assume y in [0, 1] -->

            $$L(\theta) = -\ln(E_{x,y} P [\hat{y}^{y_i}(1 - \hat{y})^{1-y_i}]) \quad (24)$$

            $$= -\ln\left(\prod_{i=1}^n (\hat{y}_i^{y_i}(1 - \hat{y}_i)^{1-y_i})\right) \quad (25)$$
            """);
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.NotChecked, EquationStatus.NotChecked }));
        Assert.That(result.Equations[1].Reason, Does.StartWith("its step starts from line 3, which was not read (3:20:").And.Contain("expectation"));
    }

    [Test]
    public void DefinedE_IsStillAName()
    {
        var result = Check("$$E = \\frac{1}{2}(a - y)^2$$\n\n$$\\frac{dE}{da} = a - y$$");
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.Definition, EquationStatus.Proved }));
    }

    [Test]
    public void IndexedE_BeforeAnOperator_IsStillAName()
    {
        var e = Check(@"$$\frac{\partial}{\partial x_i} x_i E_i = E_i$$").Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.ProvedForEverySize));
    }

    // ---- a case stated in prose: "if j = i"

    private const string DiagonalCase = """
        If $j = i$:

        @ANNOTATION@$$\frac{\partial}{\partial z_j} \frac{e^{z_i}}{\sum_k e^{z_k}} = \frac{e^{z_j}}{\sum_k e^{z_k}} \left(1 - \frac{e^{z_j}}{\sum_k e^{z_k}}\right)$$
        """;

    [Test]
    public void CaseStatedInProse_WithoutAnAnnotation_IsRefutedWhereTheIndicesDiffer()
    {
        var e = Check(DiagonalCase.Replace("@ANNOTATION@", "", StringComparison.Ordinal)).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.Refuted));
        Assert.That(DocumentReport.VerdictLine(e), Does.Contain("i = 1, j = 2").Or.Contain("i = 2, j = 1"));
    }

    [TestCase("<!-- gradcheck: case j = i -->\n")]
    [TestCase("<!-- gradcheck: case i = j -->\n")]
    public void CaseAnnotation_ChecksTheNextDisplayWhereTheIndicesAreEqual(string annotation)
    {
        var e = Check(DiagonalCase.Replace("@ANNOTATION@", annotation, StringComparison.Ordinal)).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.ProvedForEverySize));
    }

    [Test]
    public void CaseAnnotation_StillRefutesAWrongDiagonal()
    {
        var e = Check("<!-- gradcheck: case j = i -->\n$$\\frac{\\partial}{\\partial z_j} \\frac{e^{z_i}}{\\sum_k e^{z_k}} = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$")
            .Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.Refuted));
    }

    [Test]
    public void CaseAnnotation_CoversOnlyTheNextDisplay()
    {
        var result = Check("<!-- gradcheck: case j = i -->\n$$\\frac{\\partial z_i}{\\partial z_j} = 1$$\n\n$$\\frac{\\partial z_j}{\\partial z_i} = 1$$");
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.ProvedForEverySize, EquationStatus.Refuted }));
    }

    [Test]
    public void CaseAnnotation_LeavesABoundIndexAlone_AndRefusesToCaptureOne()
    {
        var bound = Check("<!-- gradcheck: case j = i -->\n$$\\frac{\\partial}{\\partial z_j} \\sum_j z_j z_i = \\sum_k z_k + z_i$$").Equations.Single();
        Assert.That(bound.Status, Is.EqualTo(EquationStatus.ProvedForEverySize));
        var captured = Check("<!-- gradcheck: case j = i -->\n$$\\frac{\\partial}{\\partial z_j} \\sum_i z_i z_j = \\sum_i z_i + z_j$$").Equations.Single();
        Assert.That((captured.Status, captured.Reason), Is.EqualTo((EquationStatus.NotChecked,
            "2:33: `case j = i`: a sum or product over i holds j, so j cannot become i")));
    }

    [TestCase("case j")]
    [TestCase("case j = j")]
    [TestCase("case j = 1 + i")]
    public void CaseAnnotation_Malformed_IsAPositionedMessage(string annotation)
    {
        var result = Check($"text\n<!-- gradcheck: {annotation} -->\n$$\\frac{{\\partial z_i}}{{\\partial z_j}} = 1$$");
        Assert.That(result.AnnotationErrors.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (2, 17) }));
        Assert.That(result.AnnotationErrors[0].Message, Does.Contain("case j = i"));
        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.Refuted));
    }
}
