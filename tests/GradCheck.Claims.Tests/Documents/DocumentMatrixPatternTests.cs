using GradCheck.Claims.Documents;

namespace GradCheck.Claims.Tests.Documents;

/// <summary>Matrices written as patterns (a diagonal d_1 … d_n, or entries w_{11} … w_{nn} with ⋯ ⋮ ⋱) times a column
/// written as a pattern: read as the product's entry i.</summary>
public class DocumentMatrixPatternTests
{
    private const string Diagonal = @"\begin{bmatrix} \sigma'(z_1) & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & \sigma'(z_n) \end{bmatrix}";

    // seed 000 eq. (4): row 1 is w_{11} w_{21} … w_{n1}, so entry (i, j) is w_{ji} (the transpose of w)
    private const string Transposed = @"\begin{bmatrix} w_{11} & w_{21} & \dots & w_{n1} \\ w_{12} & \ddots & \ddots & \vdots \\ \vdots & \ddots & \ddots & \vdots \\ w_{1n} & \dots & \dots & w_{nn} \end{bmatrix}";

    private static string[] Statuses(string markdown) =>
        [.. DocumentChecker.Check(markdown, "test.md").Equations.Select(e => DocumentReport.StatusText(e.Status))];

    private static EquationResult Single(string markdown) => DocumentChecker.Check(markdown, "test.md").Equations.Single();

    [TestCase(@"\begin{bmatrix} g_1 \sigma'(z_1) \\ \vdots \\ g_n \sigma'(z_n) \end{bmatrix}", "proved for every size")]
    [TestCase(@"\begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}", "refuted")]
    [TestCase(@"\begin{bmatrix} g_1 \sigma'(z_2) \\ \vdots \\ g_n \sigma'(z_n) \end{bmatrix}", "not checked")]
    public void DiagonalTimesColumn_IsTheEntrywiseProduct(string right, string expected) =>
        Assert.That(Statuses($$"""$${{Diagonal}} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = {{right}}$$"""), Is.EqualTo(new[] { expected }));

    [TestCase(@"\begin{bmatrix} \sum_j^n w_{j1} d_j \\ \sum_j^n w_{j2} d_j \\ \vdots \\ \sum_j^n w_{jn} d_j \end{bmatrix}", "proved for every size")]
    [TestCase(@"\begin{bmatrix} \sum_j^n w_{1j} d_j \\ \sum_j^n w_{2j} d_j \\ \vdots \\ \sum_j^n w_{nj} d_j \end{bmatrix}", "refuted")]
    public void MatrixTimesColumn_IsTheSumOverTheColumn_WithTheEntriesAsWritten(string right, string expected) =>
        Assert.That(Statuses($$"""$${{Transposed}} \begin{bmatrix} d_1 \\ d_2 \\ \vdots \\ d_n \end{bmatrix} = {{right}}$$"""), Is.EqualTo(new[] { expected }));

    [Test]
    public void MatrixTimesColumn_ThenEntrywise_ReadsSeed000Eq4To5()
    {
        var statuses = Statuses($$"""
            $$\left( {{Transposed}} \begin{bmatrix} d_1 \\ \vdots \\ d_n \end{bmatrix} \right) \odot \begin{bmatrix} s_1 \\ \vdots \\ s_n \end{bmatrix} = \begin{bmatrix} \sum_j^n (w_{j1} d_j) \cdot s_1 \\ \vdots \\ \sum_j^n (w_{jn} d_j) \cdot s_n \end{bmatrix}$$
            $$\left( {{Transposed}} \begin{bmatrix} d_1 \\ \vdots \\ d_n \end{bmatrix} \right) \odot \begin{bmatrix} s_1 \\ \vdots \\ s_n \end{bmatrix} = \begin{bmatrix} \sum_j^n (w_{j1} d_j) \cdot s_j \\ \vdots \\ \sum_j^n (w_{jn} d_j) \cdot s_j \end{bmatrix}$$
            """);
        // the second writes s_j inside the sum over j (the sum takes the product that follows): a wrong step
        Assert.That(statuses, Is.EqualTo(new[] { "proved for every size", "refuted" }));
    }

    // Patterns that are not plain, or a matrix not times a pattern column, stay not checked with the position.
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & b_n \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 1 \\ \vdots & \ddots & \vdots \\ 0 & \dots & a_n \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} w_{11} & \dots & w_{1n} \\ \vdots & w_{22} & \vdots \\ w_{n1} & \dots & w_{nn} \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} w_{11} & \dots & w_{1n} \\ \vdots & \ddots & \vdots \\ w_{n1} & \dots & w_{nm} \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} x_{12} & \dots & x_{n2} \\ \vdots & \ddots & \vdots \\ x_{1n} & \dots & x_{nn} \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & a_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "1:3: matrix of unknown pattern (a matrix written by a pattern is read only times a column")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & a_n \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_K \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "matrix of unknown pattern (a matrix of size n times a column of size K)")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & a_n \end{bmatrix} \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}^T = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "matrix of unknown pattern (a transposed column)")]
    [TestCase(@"$$\begin{bmatrix} a_1 & \dots & 0 \\ \vdots & \ddots & \vdots \\ 0 & \dots & a_n \end{bmatrix} \begin{bmatrix} g_1 & \dots & g_n \end{bmatrix} = \begin{bmatrix} g_1 \\ \vdots \\ g_n \end{bmatrix}$$", "matrix of unknown pattern")]
    [TestCase(@"$$\begin{bmatrix} s_0(1 - s_0) & -s_1 s_0 & \dots & -s_j s_0 \\ -s_0 s_1 & \ddots & -s_j s_i & \vdots \\ \vdots & -s_j s_i & s_j(1 - s_j) & \vdots \\ -s_0 s_i & \vdots & \ddots & \ddots \end{bmatrix} = x$$", "matrix of unknown pattern")]
    public void NotPlain_IsNotChecked_WithThePosition(string markdown, string reason)
    {
        var e = Single(markdown);
        Assert.That(e.Status, Is.EqualTo(EquationStatus.NotChecked));
        Assert.That(e.Reason, Does.Contain(reason));
    }
}
