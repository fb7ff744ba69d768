using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Where an annotation or a definition holds (its section, with numbered items and "Problem N" headings as
/// the student means them), and functions left unspecified (<c>function C of a_k</c>) in documents.</summary>
public class DocumentScopeTests
{
    private static string[] Statuses(string markdown) =>
        [.. DocumentChecker.Check(markdown, "test.md").Equations.Select(e => DocumentReport.StatusText(e.Status))];

    [Test]
    public void ProblemHeadings_AreSiblingsWhateverTheirHashes()
    {
        // "### Problem 3" under "## Problem 2" is Problem 2's sibling, as "### 1.3" after "## 1.2" is: the
        // definition of Problem 2 ends there, and C = … in Problem 3 defines C again instead of being checked.
        var statuses = Statuses("""
            ## Problem 2
            $$C = (a - y)^2$$
            $$\frac{\partial C}{\partial a} = 2(a - y)$$
            ### Problem 3
            $$C = -(y \ln(a) + (1 - y) \ln(1 - a))$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "definition" }));
    }

    [Test]
    public void DifferentWords_AreNotSiblings()
    {
        var statuses = Statuses("""
            ## Problem 2
            $$C = (a - y)^2$$
            ### Part 1
            $$\frac{\partial C}{\partial a} = 2(a - y)$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved" }));
    }

    [TestCase("4)")]
    [TestCase("(4)")]
    [TestCase("  4)  ")]
    public void NumberedItemLine_ClosesTheItemBefore(string item)
    {
        // An annotation written in part 3) holds in part 3) only; one written under the heading holds in every part.
        var statuses = Statuses($"""
            ## Problem 1
            <!-- gradcheck: let a = sigmoid(z) -->
            3)
            <!-- gradcheck: let C = (a - y)^2 -->
            $$\frac{"{"}\partial C{"}"}{"{"}\partial z{"}"} = 2(a - y) a (1 - a)$$
            {item}
            $$\frac{"{"}\partial C{"}"}{"{"}\partial z{"}"} = 2(a - y) a (1 - a)$$
            $$\frac{"{"}\partial a{"}"}{"{"}\partial z{"}"} = a (1 - a)$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "not checked", "proved" }));
    }

    [TestCase("4) The derivative")]
    [TestCase("4)x")]
    [TestCase("1234)")]
    public void LineWithMoreThanAnItemNumber_IsProse(string line)
    {
        var statuses = Statuses($"""
            <!-- gradcheck: let C = (a - y)^2 -->
            3)
            {line}
            $$\frac{"{"}\partial C{"}"}{"{"}\partial a{"}"} = 2(a - y)$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved" }));
    }

    [Test]
    public void UnspecifiedCost_BackpropagationStepsChecked()
    {
        // BP1 for any cost C of the output activations: the chain rule is proved, dropping sigma' is refuted.
        var result = DocumentChecker.Check("""
            <!-- gradcheck: label L; index j, k in 1..n; for n in 1..3; let aL_k = sigmoid(zL_k); function C of aL_k -->
            $$\frac{\partial C}{\partial z_j^L} = \sum_k \frac{\partial C}{\partial a_k^L} \frac{\partial a_k^L}{\partial z_j^L} = \frac{\partial C}{\partial a_j^L} \sigma'(z_j^L)$$
            $$\frac{\partial C}{\partial z_j^L} = \frac{\partial C}{\partial a_j^L}$$
            """, "test.md");

        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.ProvedForEverySize, EquationStatus.Refuted }));
        var refuted = DocumentReport.VerdictLine(result.Equations[1]);
        Assert.That(refuted, Does.Contain("dCdaL_1 = "), "the counterexample gives C's gradient");
        Assert.That(result.Equations[1].Claim!.Steps.Select(s => s.Correction?.Text ?? ""), Has.None.Contains("dCda"), "no correction shows the form's symbols");
    }

    [Test]
    public void UnspecifiedCost_SecondDerivative_IsNotCheckedWithTheReason()
    {
        var result = DocumentChecker.Check("""
            <!-- gradcheck: index j, k in 1..n; for n in 1..2; function C of a_k -->
            $$\frac{\partial^2 C}{\partial a_j \partial a_k} = 0$$
            """, "test.md");

        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(DocumentReport.VerdictLine(result.Equations.Single()), Does.Contain("second derivative of the unspecified function C"));
    }

    [Test]
    public void ReadAs_RenamesTheStudentsNameToOneAnAnnotationDefines()
    {
        // s_1 is the output of layer 1 here, not entry 1 of a vector s: `read s_1 as s1` lets an annotation define it.
        const string Display = "$$\\frac{\\partial a_1}{\\partial s_1} = 3 \\cdot \\text{step}(s_1)$$";
        var withRead = Statuses("<!-- gradcheck: read s_1 as s1; read a_1 as a1; let a1 = 3*relu(s1) -->\n" + Display);
        var without = Statuses("<!-- gradcheck: let a1 = 3*relu(s1) -->\n" + Display);

        Assert.That(withRead, Is.EqualTo(new[] { "proved" }));
        Assert.That(without, Is.EqualTo(new[] { "not checked" }));
    }

    [Test]
    public void ReadAs_RenamesOnlyThatNameWithThoseSubscripts()
    {
        var statuses = Statuses("""
            <!-- gradcheck: read x_1 as u; let y = u^2 -->
            $$\frac{\partial y}{\partial x_1} = 2 x_1$$
            $$\frac{\partial y}{\partial x_2} = 2 x_1$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "not checked" }));
    }

    [TestCase("read s_1")]
    [TestCase("read s_1 as s_1")]
    [TestCase("read s_1 as s + 1")]
    public void ReadAs_Malformed_IsAnAnnotationErrorAndTheRestIsChecked(string annotation)
    {
        var result = DocumentChecker.Check($"<!-- gradcheck: {annotation} -->\n$$\\frac{{d}}{{dx}} x^2 = 2x$$", "test.md");

        Assert.That(result.AnnotationErrors.Single().Message, Does.Contain("`read` names two different names"));
        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.Proved));
    }

    [Test]
    public void Next_HoldsForEveryRowOfTheNextDisplayOnly()
    {
        var statuses = Statuses("""
            <!-- gradcheck: let b = 2*a -->
            <!-- gradcheck: next; let C = b^2 -->
            $$\begin{aligned} \frac{\partial C}{\partial a} &= 2b \cdot 2 \\ &= 8a \end{aligned}$$
            $$\frac{\partial C}{\partial a} = 8a$$
            $$\frac{\partial b}{\partial a} = 2$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "proved", "not checked", "proved" }));
    }

    [Test]
    public void Definitions_MeanWhatTheDocumentDefines_WhereverTheyStand()
    {
        // J is defined with z before the text says z = w x + c: dJ/dw goes through z all the same.
        var statuses = Statuses("""
            $$J = z^2$$
            <!-- gradcheck: let z = w*x + c -->
            $$\frac{\partial J}{\partial w} = 2 z x$$
            $$\frac{\partial J}{\partial w} = 2 z$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "refuted" }));
    }

    [Test]
    public void LaterDefinition_ReplacesADeclaration()
    {
        // The section declares z a free vector; a later `let z_k` (here for the next display only) makes it depend on W.
        var statuses = Statuses("""
            <!-- gradcheck: vector z in R^K -->
            $$J = \sum_k z_k^2$$
            <!-- gradcheck: next; index m in 1..D; for D in 1..2; let z_k = sum(m, W_{k,m}*x_m) -->
            $$\frac{\partial J}{\partial W_{i,m}} = 2 z_i x_m$$
            $$\frac{\partial J}{\partial z_i} = 2 z_i$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved for every size", "proved for every size" }));
    }

    [Test]
    public void ReadAs_NameWhoseIndexASumBinds_IsNotRenamed()
    {
        // Inside a sum over i, x_{i,j} is a different entry in every term; as xi_j it would be one entry N times.
        var result = DocumentChecker.Check("""
            <!-- gradcheck: read x_{i,j} as xi_j -->
            $$\frac{\partial}{\partial \theta_j} \sum_i \theta_j x_{i,j} = \sum_i x_{i,j}$$
            """, "test.md");

        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(result.Equations.Single().Reason, Does.Contain("a sum over i holds x_{i,j} here"));
    }

    [Test]
    public void VectorDefinedByItsEntries_AgainstAPatternColumn_IsReadEntryByEntry()
    {
        // d = [E_1 … E_n] with d defined as d_j = 2 x_j states d_i = E_i; a d defined as a scalar is no vector.
        var statuses = Statuses("""
            <!-- gradcheck: index j in 1..n; for n in 1..3; let d_j = 2*x_j; let s = 2*x_1 -->
            $$d = \begin{bmatrix} 2 x_1 \\ \vdots \\ 2 x_n \end{bmatrix}$$
            $$d = \begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}$$
            $$s = \begin{bmatrix} 2 x_1 \\ \vdots \\ 2 x_n \end{bmatrix}$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "refuted", "not checked" }));
    }

    [Test]
    public void Left_GivesTheLeftSideTheTextNamesInWords()
    {
        // "For the regularization term we get, = 2 lambda w": the annotation writes what the text names.
        var statuses = Statuses("""
            For the regularization term we get,
            <!-- gradcheck: left d/dw (lambda*w^2) -->
            $$= 2 \lambda w$$
            For the regularization term we get,
            <!-- gradcheck: left d/dw (lambda*w^2) -->
            $$= \lambda w$$
            For the regularization term we get,
            $$= 2 \lambda w$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "refuted", "not checked" }));
    }

    [TestCase("left", "`left` needs an expression")]
    [TestCase("left d/dw (", "`left` needs an expression")]
    public void Left_WithoutAnExpression_IsAnAnnotationError(string annotation, string message)
    {
        var result = DocumentChecker.Check($"<!-- gradcheck: {annotation} -->\n$$= 2 w$$", "test.md");

        Assert.That(result.AnnotationErrors.Single().Message, Does.Contain(message));
    }

    [Test]
    public void Left_BeforeADisplayWithItsOwnLeftSide_IsAnAnnotationErrorAndTheDisplayIsCheckedAsWritten()
    {
        var result = DocumentChecker.Check("<!-- gradcheck: left d/dw (lambda*w^2) -->\n$$\\frac{d}{dw} w^2 = 2 w$$", "test.md");

        Assert.That(result.AnnotationErrors.Single().Message, Does.Contain("this one has its own"));
        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.Proved));
    }

    [Test]
    public void PrimedNameDefinedByAnAnnotation_IsAFunctionOfItsOwn()
    {
        // Nielsen's Σ'(z) = diag(σ'(z)): not the derivative of a function Σ, a notation the annotation defines.
        var statuses = Statuses("""
            <!-- gradcheck: for n in 1..2; vector z in R^n; matrix w in R^(n x n); vector d in R^n; let Sigma'(u) = diag(sigmoid(u) .* (1 - sigmoid(u))) -->
            $$\Sigma'(z) (w)^T d = ((w)^T d) \odot \sigma(z) \odot (1 - \sigma(z))$$
            $$\Sigma'(z) (w)^T d = (w)^T d$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "refuted" }));
    }

    [Test]
    public void PrimedNameNotDefined_IsNotCheckedWithTheReason()
    {
        var result = DocumentChecker.Check("$$\\Sigma'(z) = 1$$", "test.md");

        Assert.That(result.Equations.Single().Reason, Does.Contain("a prime after '\\Sigma' is read only on a function"));
    }

    [Test]
    public void NameInParentheses_FollowedByAGroup_IsAProductNotASignature()
    {
        // z is defined, so z(w) would be its signature; (z)(w)^T b is a product of three factors.
        var statuses = Statuses("""
            <!-- gradcheck: for n in 1..2; matrix w in R^(n x n); vector b in R^n; let z = 2*t -->
            $$(z) (w)^T b = 2 t w^T b$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size" }));
    }
}
