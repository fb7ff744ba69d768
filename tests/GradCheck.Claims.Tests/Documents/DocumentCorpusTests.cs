using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Small documents written for the tests, each with its expected verdict per equation, one or more per rule of
/// documents-format.md.</summary>
public class DocumentCorpusTests
{
    private static string[] Statuses(string markdown) =>
        [.. DocumentChecker.Check(markdown, "test.md").Equations.Select(e => DocumentReport.StatusText(e.Status))];

    private static DocumentResult Check(string markdown) => DocumentChecker.Check(markdown, "test.md");

    // ---- which equations are read

    [TestCase("$$\\frac{d}{dz} \\sigma(z) = \\sigma(z)(1 - \\sigma(z))$$", "proved")]
    [TestCase("\\[ \\frac{d}{dz} \\tanh(z) = 1 - \\tanh^2(z) \\]", "proved")]
    [TestCase("$$\n\\frac{d}{dz} \\ln(\\sigma(z)) = \\sigma(z) - 1\n$$", "refuted")]
    [TestCase("Inline $\\frac{d}{dz} z = 2$ is not read.\n\n$$\\frac{d}{dx} x^2 = 2x$$", "proved")]
    [TestCase("```\n$$\\frac{d}{dx} x = 5$$\n```\n$$\\frac{d}{dx} 3x = 3$$", "proved")]
    // A subscripted δ or d in a fraction is a symbol (Kronecker delta, an entry), not a differential.
    [TestCase("$$\\frac{\\delta_{ij}}{\\delta_{ij} + 1} = \\frac{1}{2} \\delta_{ij}$$", "proved for every size")]
    [TestCase("$$\\frac{\\delta_{ij}}{\\delta_{ij} + 1} = \\delta_{ij}$$", "refuted")]
    [TestCase("$$\\frac{d_1}{d_2} d_2 = d_1$$", "proved")]
    public void Displays_AreTheEquations(string markdown, string expected) =>
        Assert.That(Statuses(markdown), Is.EqualTo(new[] { expected }));

    [Test]
    public void Aligned_EachRowIsAStepOfOneChain()
    {
        var statuses = Statuses("""
            $$\begin{aligned}
            \frac{d\sigma}{dz} &= \frac{d}{dz} (1 + e^{-z})^{-1} \\
            &= \frac{e^{-z}}{(1 + e^{-z})^2} \\
            &= \sigma(z) + 1
            \end{aligned}$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "proved", "refuted" }));
    }

    [Test]
    public void EquationStartingWithEquals_ContinuesTheDisplayBefore()
    {
        var statuses = Statuses("$$\\frac{d}{dz} e^{2z} = 2e^{2z}$$\n\n$$= 2 e^{z} e^{z}$$\n\n$$= e^{z}$$");
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "proved", "refuted" }));
    }

    [Test]
    public void EquationStartingWithEquals_AfterProse_ContinuesNothing()
    {
        var statuses = Statuses("$$\\frac{d}{dz} e^{2z} = 2e^{2z}$$\n\nNow for another term,\n\n$$= 3x$$");
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "not checked" }));
    }

    [Test]
    public void Chain_InOneEquation_IsTwoSteps_AndRefutedAtTheSecond()
    {
        var e = Check("$$\\frac{d}{dx} x^3 = 3x^2 = 3x$$").Equations.Single();
        Assert.That((e.Status, e.RefutedStep), Is.EqualTo((EquationStatus.Refuted, (int?)2)));
        Assert.That(DocumentReport.VerdictLine(e), Does.StartWith("✘ refuted at step 2: at x = "));
    }

    [TestCase(@"$$\frac{d}{dz} \sigma(z) = \sigma(z)(1-\sigma(z)) \quad (12)$$", "12")]
    [TestCase(@"$$\frac{d}{dz} \sigma(z) = \sigma(z)(1-\sigma(z)) \tag{1.3}$$", "1.3")]
    public void Tags_AreLabels(string markdown, string label) =>
        Assert.That(Check(markdown).Equations.Single().Label, Is.EqualTo(label));

    // ---- definitions and sections

    [Test]
    public void Definition_IsALetForTheRestOfItsSection()
    {
        var statuses = Statuses("""
            # One
            $$a = \sigma(z)$$
            $$\frac{da}{dz} = a(1 - a)$$
            # Two
            $$\frac{da}{dz} = a(1 - a)$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "not checked" }));
    }

    [Test]
    public void IndexedDefinition_SoftmaxJacobian_ProvedForEveryK()
    {
        var result = Check("""
            $$s_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$$
            $$\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)$$
            """);
        Assert.That(result.Equations.Select(e => e.Status), Is.EqualTo(new[] { EquationStatus.Definition, EquationStatus.ProvedForEverySize }));
        Assert.That(DocumentReport.VerdictLine(result.Equations[1]), Is.EqualTo("✔ proved for every K ≥ 2"));
    }

    [Test]
    public void NumberedHeading_ClosesTheSectionOfItsNumberedSibling()
    {
        // "### 1.3" after "## 1.2" is 1.2's sibling, not its subsection: 1.2's definitions end there. An unnumbered
        // deeper heading stays inside.
        var statuses = Statuses("""
            ## 1.2 First
            $$a = \sigma(z)$$
            ### Answer
            $$\frac{da}{dz} = a(1 - a)$$
            ### 1.3 Second
            $$\frac{da}{dz} = a(1 - a)$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "not checked" }));
    }

    [Test]
    public void FunctionDefinition_AndItsPrime()
    {
        var statuses = Statuses("$$f(x) = x^3$$\n\n$$f'(z) = 3z^2$$\n\n$$f'(z) = 3z$$");
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "refuted" }));
    }

    [Test]
    public void FunctionAnnotation_DefinesAFunctionOfOneOrSeveralParameters()
    {
        // let h(x) = … in an annotation: a function the student defines in prose; each call substitutes its arguments.
        var result = Check("""
            <!-- gradcheck: vector theta in R^d; vector x in R^d; let htheta(x) = sigmoid(theta'*x); let Cost(h, y) = -y*ln(h) - (1 - y)*ln(1 - h) -->
            $$\frac{\partial Cost(h_{\theta}(x), y)}{\partial \theta} = -(y - h_{\theta}(x)) x$$
            $$\frac{\partial Cost(h_{\theta}(x), y)}{\partial \theta} = (y - h_{\theta}(x)) x$$
            <!-- gradcheck: let g(u) = u^2 -->
            $$\frac{d}{du} g(u) = 2u$$
            $$\frac{d}{du} g(3u) = 6u$$
            """);
        Assert.That(result.AnnotationErrors, Is.Empty);
        Assert.That(result.Equations.Select(e => DocumentReport.StatusText(e.Status)),
            Is.EqualTo(new[] { "proved for every size", "refuted", "proved", "refuted" }));
    }

    [Test]
    public void FunctionOfSeveralParameters_PrimesAndNamedArguments()
    {
        // L'(z; y = +1): semicolons separate arguments, y = +1 gives y by name, primes differentiate by the first argument.
        var statuses = Statuses("""
            <!-- gradcheck: let L(z, y) = -(1 + y)/2*ln(sigmoid(z)) - (1 - y)/2*ln(1 - sigmoid(z)) -->
            $$L'(z; y = +1) = \frac{d}{dz} - \log[\sigma(z)]$$
            $$L''(z; y) = \sigma(z)(1 - \sigma(z))$$
            $$L'(z; y = -1) = \sigma(z) - 1$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "proved", "refuted" }));
    }

    [TestCase("<!-- gradcheck: let f(x, 2) = x -->", "a parameter of `let f(…)` is a name")]
    [TestCase("<!-- gradcheck: let f(x, x) = x -->", "the parameter 'x' appears twice")]
    [TestCase("<!-- gradcheck: let f(x) = x + -->", "annotation: ")]
    public void FunctionAnnotation_BadDefinitions_AreAnnotationErrors(string annotation, string message)
    {
        var result = Check(annotation + "\n\n$$\\frac{d}{dx} x^2 = 2x$$");
        Assert.That(result.AnnotationErrors.Single().Message, Does.Contain(message));
        Assert.That(result.Equations.Single().Status, Is.EqualTo(EquationStatus.Proved));
    }

    [Test]
    public void FunctionCall_WithTheWrongNumberOfArguments_IsNotChecked()
    {
        var e = Check("<!-- gradcheck: let F(a, b) = a*b -->\n\n$$\\frac{d}{dx} F(x, x, x) = 2x$$").Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain("F takes 2 arguments, not 3"));
    }

    [Test]
    public void FunctionDefinition_OfSeveralNames_AndAtItsArguments()
    {
        // L(x, y, w) = … defines L of three parameters; Cost(h_θ(x), y) = … defines Cost at its arguments: h_θ(x) stands
        // for the first parameter wherever the body uses it.
        var statuses = Statuses("""
            <!-- gradcheck: let htheta(x) = sigmoid(theta*x) -->
            $$L(x, y, w) = \frac{1}{2}(y - wx)^2$$
            $$\frac{\partial}{\partial w} L(x, y, w) = -(y - wx)x$$
            $$Cost(h_{\theta}(x), y) = -y \log(h_{\theta}(x)) - (1 - y) \log(1 - h_{\theta}(x))$$
            $$\frac{\partial Cost(h_{\theta}(x), y)}{\partial \theta} = -(y - h_{\theta}(x)) x$$
            $$\frac{\partial Cost(h_{\theta}(x), y)}{\partial \theta} = (y - h_{\theta}(x)) x$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved", "definition", "proved", "refuted" }));
    }

    [Test]
    public void FunctionDefinition_AParameterMayCarryANumber()
    {
        // l(w, w_0) = …: w_0 (the bias) is a parameter like w, even where the body does not use it.
        var statuses = Statuses("$$l(w, w_0) = w^2$$\n\n$$\\frac{d}{dw} l(w, w_0) = 2w$$");
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved" }));
    }

    [Test]
    public void FunctionDefinition_WithOtherArguments_IsANewFunction()
    {
        // J(z) = … after J(\theta) = … (a later question reusing the letter) defines J afresh; J(z) = … again is a claim.
        var statuses = Statuses("$$J(\\theta) = \\theta^2$$\n\n$$J(z) = z^3$$\n\n$$\\frac{d}{dz} J(z) = 3z^2$$\n\n$$J(z) = z^2$$");
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "definition", "proved", "refuted" }));
    }

    [Test]
    public void Update_IsAnAssignment_NotCounted_AndItsRestatementsAreChecked()
    {
        // θ = θ − α·dJ/dθ assigns θ; the rows that follow restate the new value (checked against each other).
        var result = Check("""
            $$J = \theta^2$$
            $$\begin{aligned} \theta &= \theta - \alpha \frac{dJ}{d\theta} \\ \theta &= \theta - 2 \alpha \theta \end{aligned}$$
            $$\theta = \theta (1 - \alpha)$$
            """);
        Assert.That(result.Equations.Select(e => DocumentReport.StatusText(e.Status)),
            Is.EqualTo(new[] { "definition", "not checked", "proved", "refuted" }));
        Assert.That(result.Equations[1].Reason, Does.StartWith("an update of theta"));
        Assert.That(result.Equations.Select(e => e.IsDerivationOrIdentity), Is.EqualTo(new[] { false, false, true, true }));
    }

    [Test]
    public void GradientWrittenByItsEntry_IsReadAsTheDerivativeByThatEntry()
    {
        // ∂J/∂z = −y_i + s_i: one free index i, so ∂/∂z is ∂/∂z_i (entry i of the gradient); with no free index, or two,
        // an undeclared z stays unread, and a declared vector z keeps its gradient.
        var statuses = Statuses("""
            <!-- gradcheck: let s_k = exp(z_k)/sum(k, exp(z_k)); assume y simplex over k -->
            $$J = -\sum_k y_k \log s_k$$
            $$\frac{\partial J}{\partial z} = -y_i + s_i$$
            $$\frac{\partial J}{\partial z} = y_i - s_i$$
            $$\frac{\partial J}{\partial z} = -y_i + s_j$$
            $$\frac{\partial J}{\partial z} = -\frac{\partial}{\partial z} \sum_k y_k \log s_k$$
            <!-- gradcheck: vector z in R^K -->
            $$\frac{\partial J}{\partial z} = -\frac{\partial}{\partial z} \sum_k y_k \log s_k$$
            $$\frac{\partial J}{\partial z} = -y_i + s_i$$
            """);
        Assert.That(statuses, Is.EqualTo(new[]
        {
            "definition", "proved for every size", "refuted", "not checked", "not checked", "proved for every size", "proved for every size",
        }));
    }

    [Test]
    public void EntryOfAGradient_IsTheDerivativeByTheEntry()
    {
        // (∂C/∂ỹ)_i is ∂C/∂ỹ_i
        var statuses = Statuses("""
            <!-- gradcheck: vector y in R^K; vector ytilde in R^K; let C = sum(i, (ytilde_i - y_i)^2) -->
            $$\left( \frac{\partial C}{\partial \tilde{y}} \right)_i = 2(\tilde{y}_i - y_i)$$
            $$\left( \frac{\partial C}{\partial \tilde{y}} \right)_i = \tilde{y}_i - y_i$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "refuted" }));
    }

    [Test]
    public void GradientByEntry_NotReadWhenTheNameHasTwoSubscripts()
    {
        // x_{i,j} makes x a family of vectors: ∂/∂x with a free i is not entry i of one gradient.
        var e = Check("$$\\frac{\\partial}{\\partial x} \\sum_j x_{i,j}^2 = 2 x_i$$").Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain("in the entries x_i"));
    }

    [Test]
    public void UndefinedName_InADerivative_IsNotChecked()
    {
        var e = Check("$$\\frac{\\partial C}{\\partial a} = 2a$$").Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.StartWith("1:").And.Contain("C is not defined"));
    }

    // ---- reading rules

    [TestCase(@"$$\frac{d}{dz} 2\sigma(2z) = 4\sigma(2z)(1 - \sigma(2z))$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} \log x = \frac{1}{x}$$", "proved")]
    [TestCase(@"$$\frac{d}{dz} \exp(z^2) = 2z e^{z^2}$$", "proved")]
    [TestCase(@"$$\frac{d\sigma}{dz} = \sigma(z)(1-\sigma(z))$$", "proved")]
    [TestCase(@"$$\sigma'(z) = \sigma(z)(1-\sigma(z))$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} \left( x \cdot x \right) = 2x$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} \big( x \times x \big) = 2x$$", "proved")]
    [TestCase(@"$$\frac{\partial^2}{\partial x^2} x^3 = 6x$$", "proved")]
    [TestCase(@"$$\frac{\partial^2 (x^2 y^2)}{\partial x \partial y} = 4xy$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} (x)^+ = 1$$", "refuted")]
    [TestCase(@"$$\frac{d}{d\theta} \frac{\lambda}{2}\theta^2 = \lambda \theta$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} \hat{y} x = \hat{y}$$", "proved")]
    [TestCase(@"$$\frac{d}{dx} \dfrac{x}{2} = \tfrac{1}{2}\,.$$", "proved")]
    public void ReadingRules(string markdown, string expected) =>
        Assert.That(Statuses(markdown), Is.EqualTo(new[] { expected }));

    [Test]
    public void Sum_TakesTheProductThatFollows_UpToTheNextPlusOrMinus()
    {
        // e^{z_i} Σ_k e^{z_k} - e^{2 z_i} subtracts outside the sum: the identity holds only when the minus is outside.
        var statuses = Statuses("""
            $$\frac{\partial}{\partial z_i} e^{z_i} \sum_k e^{z_k} = e^{z_i}\sum_k e^{z_k} + e^{2z_i}$$
            $$e^{z_i}\sum_k e^{z_k} - e^{2z_i} = e^{z_i}\sum_k (e^{z_k} - e^{2z_i})$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "refuted" }));
    }

    [Test]
    public void SumExcluding_AndKroneckerDelta()
    {
        var statuses = Statuses(@"$$\sum_{k \ne i} y_k = \sum_k y_k - y_i \delta_{ii}$$");
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size" }));
    }

    [Test]
    public void LabelsAnnotation_MakesSuperscriptsNames_ParenthesisedOnesAlways()
    {
        var statuses = Statuses("""
            <!-- gradcheck: label L -->
            $$\frac{\partial}{\partial z^L} (z^L)^2 = 2 z^L$$
            $$\frac{\partial}{\partial a^{(2)}} (a^{(2)})^2 = 2 a^{(2)}$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "proved" }));
    }

    [Test]
    public void MatrixNotation_WithDeclaredVectors()
    {
        var statuses = Statuses("""
            <!-- gradcheck: vector w in R^D -->
            $$\frac{\partial}{\partial w} \lambda \|w\|^2 = 2\lambda w$$
            $$\lambda\|w\|^2 = \lambda w^T w$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "proved for every size" }));
    }

    [Test]
    public void Softmax_EntryForms()
    {
        var statuses = Statuses(@"$$\text{softmax}(x)_i = \frac{e^{x_i}}{\sum_{k} e^{x_k}}$$");
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size" }));
    }

    // ---- annotations

    [Test]
    public void Annotations_AssumeAndSkip()
    {
        var statuses = Statuses("""
            <!-- gradcheck: assume x > 0 -->
            $$\frac{d}{dx} \ln(x^2) = \frac{2}{x}$$
            <!-- gradcheck: skip -->
            $$0 = x - 1$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "not checked" }));
    }

    [Test]
    public void Annotation_AppliesToTheEndOfItsSection()
    {
        var statuses = Statuses("""
            ## A
            <!-- gradcheck: let C = x^2 -->
            ### A.1
            $$\frac{dC}{dx} = 2x$$
            ## B
            $$\frac{dC}{dx} = 2x$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "proved", "not checked" }));
    }

    [Test]
    public void Expect_MakesARefutationAcceptable()
    {
        var result = Check("<!-- gradcheck: expect refuted -->\n$$\\frac{d}{dx} x^2 = x$$");
        Assert.That((result.Equations[0].Status, result.IsAcceptable(false)), Is.EqualTo((EquationStatus.Refuted, true)));
    }

    [Test]
    public void BadAnnotation_IsAPositionedMessage_AndIgnored()
    {
        var result = Check("text\n<!-- gradcheck: assume x in (1, -->\n$$\\frac{d}{dx} x = 1$$");
        Assert.That(result.AnnotationErrors, Has.Count.EqualTo(1));
        Assert.That(result.AnnotationErrors[0].Line, Is.EqualTo(2));
        Assert.That(result.Equations[0].Status, Is.EqualTo(EquationStatus.Proved));
    }

    // ---- matrices written as patterns

    [Test]
    public void PatternColumn_GradientOfASum_IsReadEntryByEntry_AndProved()
    {
        // [∂C/∂a_1 \\ ⋮ \\ ∂C/∂a_n] is the vector of entries ∂C/∂a_i, i = 1 … n; so is the right side.
        var statuses = Statuses("""
            $$C = \frac{1}{2} \sum_j (a_j - y_j)^2$$
            $$\begin{bmatrix} \frac{\partial C}{\partial a_1} \\ \vdots \\ \frac{\partial C}{\partial a_n} \end{bmatrix} = \begin{bmatrix} a_1 - y_1 \\ a_2 - y_2 \\ \vdots \\ a_n - y_n \end{bmatrix}$$
            $$\nabla_a C = \begin{bmatrix} a_1 - y_1 \\ \vdots \\ a_n - y_n \end{bmatrix}$$
            $$\begin{bmatrix} \sigma(z_1) \\ \vdots \\ \sigma(z_K) \end{bmatrix} \odot \begin{bmatrix} g_1 \\ \vdots \\ g_K \end{bmatrix} = \begin{bmatrix} g_1 \sigma(z_1) \\ \vdots \\ g_K \sigma(z_K) \end{bmatrix}$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved for every size", "proved for every size", "proved for every size" }));
    }

    [Test]
    public void PatternColumn_Definition_DefinesTheVectorByItsEntries()
    {
        var statuses = Statuses("""
            $$v = \begin{bmatrix} a_1 b_1 \\ \vdots \\ a_n b_n \end{bmatrix}$$
            $$v_j = b_j a_j$$
            $$v_j = a_j + b_j$$
            $$\begin{bmatrix} v_1 \\ \vdots \\ v_n \end{bmatrix} = \begin{bmatrix} a_1 b_1 \\ \vdots \\ a_n b_n \end{bmatrix}$$
            $$\begin{bmatrix} c_1 \\ \vdots \\ c_n \end{bmatrix} = \begin{bmatrix} a_1 \\ \vdots \\ a_n \end{bmatrix}$$
            """);
        // the last: a column of a new name's entries on the left defines them (c_i = a_i), as c_i = a_i would
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "proved for every size", "refuted", "proved for every size", "definition" }));
    }

    [Test]
    public void PatternColumn_WrongEntries_AreRefuted()
    {
        var statuses = Statuses("""
            $$C = \frac{1}{2} \sum_j (a_j - y_j)^2$$
            $$\begin{bmatrix} \frac{\partial C}{\partial a_1} \\ \vdots \\ \frac{\partial C}{\partial a_n} \end{bmatrix} = \begin{bmatrix} a_1 + y_1 \\ \vdots \\ a_n + y_n \end{bmatrix}$$
            """);
        Assert.That(statuses, Is.EqualTo(new[] { "definition", "refuted" }));
    }

    [TestCase(@"$$\begin{bmatrix} a_0 \\ \vdots \\ a_n \end{bmatrix} = \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 \\ \vdots \\ b_n \end{bmatrix} = \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 \\ a_3 \\ \vdots \\ a_n \end{bmatrix} = \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \cdots & a_n \end{bmatrix} = \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 + 1 \\ \vdots \\ a_n + n \end{bmatrix} = \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\frac{\partial}{\partial x} x^2 = \begin{bmatrix} a_1 \\ \vdots \\ a_n \end{bmatrix} + \begin{bmatrix} b_1 \\ \vdots \\ b_n \end{bmatrix}$$", "matrix of unknown pattern (a column written by a pattern against a side not written by its entries)")]
    [TestCase(@"$$\begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}^T \begin{bmatrix} y_1 \\ \vdots \\ y_n \end{bmatrix} = \begin{bmatrix} y_1 \\ \vdots \\ y_n \end{bmatrix}^T \begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}$$", "matrix of unknown pattern (a transposed column)")]
    [TestCase(@"$$\begin{bmatrix} \frac{\partial}{\partial x_1} x_1^2 \\ \vdots \\ \frac{\partial}{\partial x_n} x_n^2 \end{bmatrix} = \begin{bmatrix} 2x_1 \\ \vdots \\ 2x_K \end{bmatrix}$$", "matrix of unknown pattern (columns of sizes n and K)")]
    public void PatternColumn_NotPlain_IsNotChecked_WithThePosition(string markdown, string reason)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain(reason));
    }

    // ---- equations that cannot be read

    [TestCase(@"$$\frac{d}{dx} \mathcal{F}(x) = 1$$", "1:")]
    [TestCase(@"$$\frac{d}{dx} \foo{x} = 1$$", "unknown macro '\\foo'")]
    [TestCase(@"$$\frac{d}{dx} {x = 1$$", "unbalanced")]
    [TestCase(@"$$\frac{d}{dx} x^2 \geq 0$$", "'\\geq' is not an equation")]
    [TestCase(@"$$\begin{bmatrix} a_1 \\ \vdots \end{bmatrix} = v$$", "matrix of unknown pattern")]
    [TestCase("$$x^2 + 1", "never closed")]
    [TestCase(@"$$(13)$$", "only the tag (13)")]
    public void Unreadable_IsNotChecked_WithTheReason(string markdown, string reason)
    {
        var e = Check(markdown).Equations.Single();
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain(reason));
    }

    [Test]
    public void Positions_MapToTheDocument()
    {
        var e = Check("# Title\n\nSome text\n\n$$\\frac{d}{dx} x^2 = \\foo$$").Equations.Single();
        Assert.That((e.Line, e.Column), Is.EqualTo((5, 3)));
        Assert.That(e.Reason, Does.StartWith("5:22: unknown macro"));
    }

    // ---- outputs

    [Test]
    public void Annotated_KeepsTheTextAndAddsAVerdictUnderEachEquation()
    {
        var markdown = "# T\n\n$$\\frac{d}{dx} x^2 = 2x$$\nnext line\n";
        var annotated = DocumentReport.WriteAnnotated(Check(markdown));
        Assert.That(annotated, Is.EqualTo("# T\n\n$$\\frac{d}{dx} x^2 = 2x$$\n\n> ✔ proved\n\nnext line\n"));
    }

    [Test]
    public void Json_HasOneClaimPerEquation_WithLineLabelAndStatus()
    {
        var result = Check("$$a = x^2$$\n\n$$\\frac{da}{dx} = 2x \\tag{4}$$\n\n$$\\frac{d}{dx} \\foo = 1$$");
        var claims = DocumentReport.JsonClaims(result);
        Assert.That(claims.Select(c => (string?)c["status"]), Is.EqualTo(new[] { "definition", "proved", "not checked" }));
        Assert.That(claims.Select(c => (int)c["line"]!), Is.EqualTo(new[] { 1, 3, 5 }));
        Assert.That((string?)claims[1]["name"], Is.EqualTo("(4)"));
        Assert.That((string?)claims[1]["verdict"], Is.EqualTo("proved"));
        Assert.That((string?)claims[2]["error"]!["message"], Does.Contain("unknown macro"));
    }
}
