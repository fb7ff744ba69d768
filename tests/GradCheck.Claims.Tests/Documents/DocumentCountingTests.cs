using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Which displays count as derivations and identities (the documents goal's denominator) and which hold none.</summary>
public class DocumentCountingTests
{
    private static DocumentResult Check(string markdown) => DocumentChecker.Check(markdown, "test.md");

    [TestCase("$$(13)$$", "no formula, only the tag (13)")]
    [TestCase("$$s_i(1 - s_i) \\geq 0$$", "'\\geq' is not an equation (only '=' is checked)")]
    [TestCase("$$1 - s_i \\geq s_j \\Leftrightarrow 1 \\geq s_i + s_j$$", "'\\geq' is not an equation (only '=' is checked)")]
    [TestCase("$$L : \\mathbb{R}^N \\rightarrow \\mathbb{R}$$", "'\\rightarrow' is not an equation (only '=' is checked)")]
    [TestCase("$$\\sigma(z) (1 - \\sigma(z))$$", "no '=' (an expression, not an equation)")]
    public void ATagAnInequalityAnArrowOrAnExpression_HoldsNoIdentity_AndIsNotCheckedWithItsReason(string markdown, string reason)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That((e.Status, e.Reason, e.IsDerivationOrIdentity), Is.EqualTo((EquationStatus.NotChecked, reason, false)));
    }

    [Test]
    public void AnEqualsAfterAnotherRelation_IsAnIdentity_CountedAndNotChecked()
    {
        // seed 003: "With L : R^N → R, ∇L = […], where ∂L/∂z_i = …" holds identities the reader does not reach.
        var e = Check("$$\\text{With } L : \\mathbb{R}^N \\rightarrow \\mathbb{R}, \\nabla L(z; y = a) = z$$").Equations.Single();
        Assert.That((e.Status, e.IsDerivationOrIdentity), Is.EqualTo((EquationStatus.NotChecked, true)));
        Assert.That(e.Reason, Is.EqualTo("'\\rightarrow' is not an equation (only '=' is checked), and the '=' after it are not read"));
    }

    [Test]
    public void AnEqualsInsideBracketsAfterARelation_IsNotAnIdentity()
    {
        var e = Check("$$L(y = a) \\geq 0$$").Equations.Single();
        Assert.That(e.IsDerivationOrIdentity, Is.False);
    }

    [Test]
    public void AnIdentityBeforeAnEquivalence_IsCountedAndChecked()
    {
        var e = Check("$$\\frac{d}{dx} x^2 = 2x \\Leftrightarrow x = x$$").Equations.Single();
        Assert.That((e.Status, e.IsDerivationOrIdentity), Is.EqualTo((EquationStatus.Proved, true)));
    }

    [Test]
    public void TheReadmeTable_AddsUp_AndStatesTheRule()
    {
        var result = Check("$$x = 2$$\n\n$$(1)$$\n\n$$x \\geq 1$$\n\n$$\\frac{d}{dx} x^2 = 2x$$\n\n<!-- gradcheck: skip -->\n\n$$y = 1$$\n");
        var readme = HomeworkPages.WriteReadme([result]);
        Assert.That(readme, Does.Contain("| [test.md](test.checked.md) | 5 | 1 | 2 | 1 | 1 (100%) |"));
        Assert.That(readme, Does.Contain("\"No identity\" counts the rest: a display with only a tag"));
    }
}
