using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary><c>\begin{cases}</c> with an inequality and its complement (or "otherwise"), read exactly with the step
/// function; other conditions stay not checked with the reason.</summary>
public class DocumentCasesTests
{
    private static string[] Statuses(string markdown) =>
        [.. DocumentChecker.Check(markdown, "test.md").Equations.Select(e => DocumentReport.StatusText(e.Status))];

    // seed 004 (d): a_1 = 3 ReLU(s_1) written by cases, and its derivative
    private const string ReLU = "$$a = \\begin{cases} 3s & \\text{if } s > 0 \\\\ 0 & \\text{if } s \\leq 0 \\end{cases}$$\n\n";

    [TestCase(@"\frac{\partial a}{\partial s} = \begin{cases} 3 & \text{if } s > 0 \\ 0 & \text{if } s \leq 0 \end{cases} \in \mathbb{R}^D", "proved")]
    [TestCase(@"\frac{\partial a}{\partial s} = \begin{cases} 3 & \text{if } s > 0 \\ 0 & \text{otherwise} \end{cases}", "proved")]
    [TestCase(@"\frac{\partial a}{\partial s} = \begin{cases} 0 & s \leq 0 \\ 3 & s > 0 \end{cases}", "proved")]
    [TestCase(@"\frac{\partial a}{\partial s} = \begin{cases} 3s & \text{if } s > 0 \\ 0 & \text{if } s \leq 0 \end{cases}", "refuted")]
    [TestCase(@"\frac{\partial a}{\partial s} = \begin{cases} 3 & \text{if } s \geq 0 \\ 1 & \text{if } s < 0 \end{cases}", "refuted")]
    [TestCase(@"a = 3 \operatorname{ReLU}(s)", "proved")]
    [TestCase(@"a = \begin{cases} 3s & s > 1 \\ 0 & s \leq 1 \end{cases}", "refuted")]
    public void TwoComplementaryCases_AreReadWithTheStepFunction(string equation, string expected) =>
        Assert.That(Statuses(ReLU + "$$" + equation + "$$"), Is.EqualTo(new[] { "definition", expected }));

    [TestCase(@"x = \begin{cases} 3s & s > 1 \\ 0 & s < 1 \end{cases}", "1:39: the second case's condition is not the complement of the first's")]
    [TestCase(@"x = \begin{cases} 3s & s > 1 \\ 0 & t \leq 1 \end{cases}", "the second case's condition is not the complement of the first's")]
    [TestCase(@"x = \begin{cases} s & y = 1 \\ 1 - s & y = 0 \end{cases}", "a case whose condition is '=' is not read (it holds on one value only)")]
    [TestCase(@"x = \begin{cases} 1 & s > 0 \\ 0 & s = 0 \\ -1 & s < 0 \end{cases}", "'\\begin{cases}' is read only with two cases")]
    [TestCase(@"x = \begin{cases} 1 & 0 < s < 1 \\ 0 & \text{otherwise} \end{cases}", "a case whose condition is not one inequality")]
    [TestCase(@"x = \begin{cases} 1 & \text{otherwise} \\ 0 & s > 0 \end{cases}", "a case whose condition is not an inequality")]
    [TestCase(@"x = \begin{cases} \end{cases}", "an empty '\\begin{cases}' is not read")]
    [TestCase(@"x = \begin{cases} 1 & s > 0 \\ 0 & \text{otherwise}", "1:7: unbalanced '\\begin': it is never closed")]
    public void OtherCases_AreNotChecked_WithThePosition(string equation, string reason)
    {
        var e = DocumentChecker.Check("$$" + equation + "$$", "test.md").Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain(reason));
    }

    [Test]
    public void ANameWithANumberedSubscript_DefinedByCases_IsNotAnIdentityOfAFreeSymbol()
    {
        // seed 004 (d): a_1 = {3s_1 if s_1 > 0; 0 if s_1 ≤ 0} defines a_1; read as an identity, a_1 would be a free
        // symbol and the equation refuted whatever its right side
        var result = DocumentChecker.Check("$$a_1 = \\begin{cases} 3s_1 & \\text{if } s_1 > 0 \\\\ 0 & \\text{if } s_1 \\leq 0 \\end{cases}$$", "test.md");
        var e = result.Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.StartWith("a_1 = … defines a_1, a name with a number for its subscript"));
    }
}
