using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Tests.Reporting;

public class SyntaxLatexTests
{
    [TestCase("d/dz_j s_i", @"\frac{\partial}{\partial z_{j}} s_{i}")]
    [TestCase("d2/dz_i dz_j L", @"\frac{\partial^{2}}{\partial z_{i} \, \partial z_{j}} L")]
    [TestCase("d2/da2 C", @"\frac{\partial^{2}}{\partial {a}^{2}} C")]
    [TestCase("W1_{j,p}*x_p", @"W^{(1)}_{j,p} \cdot x_{p}")]
    [TestCase("w1*x1", @"w_{1} \cdot x_{1}")]
    [TestCase("yhat - yt_k", @"\hat{y} - \tilde{y}_{k}")]
    [TestCase("lambda*theta1", @"\lambda \cdot \theta_{1}")]
    [TestCase("a/(b + c)", @"\frac{a}{b + c}")]
    [TestCase("-(a + b)", @"-\left(a + b\right)")]
    [TestCase("a - (b - c)", @"a - \left(b - c\right)")]
    [TestCase("(1 + exp(-z))^(-1)", @"{\left(1 + \exp\left(-z\right)\right)}^{-1}")]
    [TestCase("sigmoid(z)*(1 - sigmoid(z))", @"\sigma\left(z\right) \cdot \left(1 - \sigma\left(z\right)\right)")]
    [TestCase("sum(k, y_k*ln(s_k))", @"\sum_{k} y_{k} \cdot \ln\left(s_{k}\right)")]
    [TestCase("delta(i, j) - s_j", @"\delta_{ij} - s_{j}")]
    [TestCase("relu(x) + abs(x)", @"\operatorname{relu}\left(x\right) + \left|x\right|")]
    public void FromText_Expression_PrintsAsOnPaper(string text, string latex) =>
        Assert.That(SyntaxLatex.FromText(text), Is.EqualTo(latex));

    // Matrix notation: every closing delimiter is \right and a transpose is ^{\top} (they once came out as
    // a carriage return + "ight" and a tab + "op").
    [TestCase("W'*x", @"{W}^{\top} \cdot x")]
    [TestCase("norm(a - y)^2", @"{\left\|a - y\right\|}^{2}")]
    [TestCase("dot(u, v)", @"\left\langle u, v\right\rangle")]
    [TestCase("diag(s) - s*s'", @"\operatorname{diag}\left(s\right) - s \cdot {s}^{\top}")]
    [TestCase("g .* sigmoid(z)", @"g \odot \sigma\left(z\right)")]
    public void FromText_MatrixExpression_PrintsAsOnPaper(string text, string latex)
    {
        var printed = SyntaxLatex.FromText(text);
        Assert.That(printed, Does.Not.Contain("\r").And.Not.Contain("\t"), "no control characters");
        Assert.That(printed, Is.EqualTo(latex));
    }

    [Test]
    public void FromText_Unparsable_IsQuotedVerbatimAndEscaped() =>
        Assert.That(SyntaxLatex.FromText("a_{ +"), Is.EqualTo(@"\texttt{a\_\{ +}"));
}
