using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Conditions in subscripts (z_{k'=k}, z_{k' \neq k} under \sum_{k' \neq k}), the annotation <c>continue</c>,
/// and <c>case k' = k</c> with a primed index: seed 001's expansion of ∂C/∂z_k into the term k and the other terms.</summary>
public class DocumentConditionTests
{
    private const string Softmax = "$$s_k = \\frac{e^{z_k}}{\\sum_{m=1}^K e^{z_m}}$$\n\n$$C = -\\sum_{m=1}^K y_m \\ln(s_m)$$\n\n";

    private static string[] Statuses(string markdown) =>
        [.. DocumentChecker.Check(markdown, "test.md").Equations.Select(e => DocumentReport.StatusText(e.Status))];

    private static EquationResult Last(string markdown) => DocumentChecker.Check(markdown, "test.md").Equations[^1];

    [TestCase(@"\frac{\partial C}{\partial z_k} = -y_k \frac{\partial \ln(s_k)}{\partial z_{k'=k}} - \sum_{k' \neq k}^K y_{k'} \frac{\partial \ln(s_{k'})}{\partial z_k}", "proved for every size")]
    // seed 001's wrong expansion: ln s_k differentiated by the other z_{k'} instead of ln s_{k'} by z_k
    [TestCase(@"\frac{\partial C}{\partial z_k} = -y_k \frac{\partial \ln(s_k)}{\partial z_{k'=k}} - \sum_{k' \neq k}^K y_{k'} \frac{\partial \ln(s_k)}{\partial z_{k' \neq k}}", "refuted")]
    [TestCase(@"\frac{\partial C}{\partial z_k} = -y_k + s_{k'=k} \sum_{k'=1}^K y_{k'}", "proved for every size")]
    public void AConditionThatNamesTheIndex_IsRead(string equation, string expected) =>
        Assert.That(Statuses(Softmax + "$$" + equation + "$$"), Is.EqualTo(new[] { "definition", "definition", expected }));

    // A condition on a summed index would pick one term; k' ≠ k outside its sum names no entry; '=' between an index
    // and a number is not a condition the reader takes.
    [TestCase(@"\sum_{k'=1}^K y_{k'} s_{k'=k}", "'=' in a subscript is not read on an index a sum binds (kprime)")]
    [TestCase(@"y_k s_{k' \neq k}", "'\\neq' in a subscript is read only under a sum with the same condition")]
    [TestCase(@"\sum_{k' \neq j}^K y_{k'} s_{k' \neq k}", "'\\neq' in a subscript is read only under a sum with the same condition")]
    [TestCase(@"y_k s_{k'=1}", "'=' in a subscript is read only between two indices")]
    [TestCase(@"y_k s_{k=k}", "'=' in a subscript is read only between two indices")]
    public void AConditionThatDoesNotNameTheIndex_IsNotChecked_WithThePosition(string expression, string reason)
    {
        var e = Last(Softmax + "$$\\frac{\\partial C}{\\partial z_k} = " + expression + "$$");
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Match(@"^\d+:\d+: ").And.Contain(reason));
    }

    [Test]
    public void Continue_LinksAnEqualsAfterText_ToTheChainBefore()
    {
        const string text = Softmax + "$$\\frac{\\partial C}{\\partial z_j} = -y_j + s_j \\sum_{m=1}^K y_m$$\n\nExpanding:\n\n";
        Assert.That(Statuses(text + "$$= -y_j + s_j$$"), Is.EqualTo(new[] { "definition", "definition", "proved for every size", "not checked" }));
        Assert.That(Statuses(text + "<!-- gradcheck: continue -->\n\n$$= -y_j + s_j \\sum_{m=1}^K y_m$$"),
            Is.EqualTo(new[] { "definition", "definition", "proved for every size", "proved for every size" }));
        Assert.That(Statuses(text + "<!-- gradcheck: continue -->\n\n$$= -y_j + s_j$$"),
            Is.EqualTo(new[] { "definition", "definition", "proved for every size", "refuted" }));
    }

    [Test]
    public void AnAnnotationBetweenTwoDisplays_IsNotText()
    {
        var statuses = Statuses("$$J = x^3$$\n\n$$\\frac{dJ}{dx} = 3x^2$$\n\n<!-- gradcheck: expect proved -->\n\n$$= 3 x x$$\n");
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "proved" }));
    }

    [Test]
    public void CaseWithAPrimedIndex_ReplacesItOutsideTheSumsThatBindIt()
    {
        // seed 001 writes ŷ_k(1 − ŷ_{k'}) for the term k' = k, beside a sum over k' ≠ k
        var statuses = Statuses(Softmax + """
            $$\frac{\partial C}{\partial z_k} = -y_k \frac{1}{s_k} \frac{\partial s_k}{\partial z_k} - \sum_{k' \neq k}^K y_{k'} \frac{1}{s_{k'}} \frac{\partial s_{k'}}{\partial z_k}$$

            <!-- gradcheck: case k' = k -->

            $$= -y_k (1 - s_{k'}) + \sum_{k' \neq k}^K y_{k'} s_k$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "definition", "proved for every size", "proved for every size" }));
    }

    [TestCase(@"\sum_{m=k}^K 1 = K - k + 1", "proved")]
    [TestCase(@"\sum_{m=k}^K x_m + \sum_{m=1}^K x_m = 2 \sum_{m=1}^K x_m - \sum_{m=1}^K x_m + \sum_{m=k}^K x_m", "proved")]
    [TestCase(@"\sum_{m=k}^K x_m = \sum_{m=1}^K x_m", "refuted")]
    // seed 001: the sum of y_k from k' = k to K is (K − k + 1) y_k, not 1
    [TestCase(@"\sum_{m=k}^K y_k = 1", "refuted")]
    public void ASumFromAnIndex_IsTheSumOfTheTermsFromThatIndex(string equation, string expected) =>
        Assert.That(Statuses("<!-- gradcheck: index k, m in 1..K -->\n\n$$" + equation + "$$"), Is.EqualTo(new[] { expected }));

    [TestCase(@"\sum_{m=2}^K x_m = 1", "'\\sum' from anything but 1 or an index is not read")]
    [TestCase(@"\sum_{m=m}^K x_m = 1", "'\\sum' from anything but 1 or an index is not read")]
    [TestCase(@"\prod_{m=k}^K x_m = 1", "'\\prod' from anything but 1 or an index is not read")]
    [TestCase(@"\sum_{m=k, p=1}^K x_m = 1", "'\\sum' from anything but 1 or an index is not read")]
    public void ASumFromAnythingElse_IsNotChecked_WithThePosition(string equation, string reason)
    {
        var e = Last("$$" + equation + "$$");
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Match(@"^1:\d+: ").And.Contain(reason));
    }
}
