using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;

namespace GradCheck.Symbolic.Tests.Corrections;

public class SyntaxToolsTests
{
    [TestCase("a - (b - c)")]
    [TestCase("a/(b*c)")]
    [TestCase("-(a*b)")]
    [TestCase("-x^2")]
    [TestCase("(x^2)^3")]
    [TestCase("x^(-1)")]
    [TestCase("a*(-b)")]
    [TestCase("a + (-b)")]
    [TestCase("-(-x)")]
    [TestCase("-1/N*sum(i, y_i*ln(yhat_i) + (1 - y_i)*ln(1 - yhat_i))")]
    [TestCase("-y_j*(1 - s_j) + (sum(m, y_m*s_m) - y_j*s_j)")]
    [TestCase("2*(d/dx x^2)")]
    [TestCase("d/dz_j s_i")]
    [TestCase("diff(x*y, x, y)")]
    [TestCase("(d)/dx")]
    [TestCase("W_{j,k}*delta(i, j) + prod(k, z_k)")]
    [TestCase("diag(a .* (1 - a))*W'*d3 + (X*w)'")]
    [TestCase("x ./ (1 + exp(-x)) .^ 2 - zeros(H x D)")]
    [TestCase("dot(u, v)*softmax(z) - ones(K)")]
    public void SyntaxPrinter_Text_IsMinimalAndParsesBackToTheSameTree(string text)
    {
        var tree = ExpressionParser.Parse(text);
        var printed = SyntaxPrinter.Print(tree);
        Assert.That(printed, Is.EqualTo(text));
        Assert.That(SyntaxTree.Key(ExpressionParser.Parse(printed)), Is.EqualTo(SyntaxTree.Key(tree)));
    }

    [Test]
    public void SyntaxPrinter_RedundantParentheses_AreDropped()
    {
        Assert.That(SyntaxPrinter.Print(ExpressionParser.Parse("((a)*(b)) + ((c))")), Is.EqualTo("a*b + c"));
    }

    [TestCase("a + lambda*w", "a + 2*lambda*w", 2)]
    [TestCase("s_j - y_j", "s_j - y_j", 0)]
    [TestCase("x", "-x", 1)]
    [TestCase("a + b", "a - b", 1)]
    [TestCase("y_m*s_m", "y_m*s_j", 1)]
    [TestCase("a + b", "a", 2)]
    public void SyntaxDiff_Cost_CountsOnlyWhatChanged(string before, string after, int cost)
    {
        Assert.That(SyntaxDiff.Cost(ExpressionParser.Parse(before), ExpressionParser.Parse(after)), Is.EqualTo(cost));
    }

    [Test]
    public void SyntaxDiff_Changes_NameThePlace()
    {
        var changes = SyntaxDiff.Changes(ExpressionParser.Parse("-y_j + (sum(m, y_m*s_m) - y_j)"), ExpressionParser.Parse("-y_j + (sum(m, y_m*s_j) - y_j)"));
        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That((changes[0].Before.ToString(), changes[0].After.ToString()), Is.EqualTo(("s_m", "s_j")));
        Assert.That(changes[0].Path, Is.EqualTo(new[] { 1, 0, 0, 1 }));
    }

    [Test]
    public void SyntaxEdits_Enumerate_HasEachKindOnce()
    {
        var tree = ExpressionParser.Parse("-(y_m*W_{i,j}) + 2*x");
        var edits = SyntaxEdits.Enumerate(tree, ["i", "j", "m"]);
        var texts = edits.Select(e => SyntaxPrinter.Print(e.Result)).ToList();
        Assert.That(texts, Does.Contain("y_m*W_{i,j} + 2*x"), "sign removed");
        Assert.That(texts, Does.Contain("-(y_m*W_{i,j}) - 2*x"), "operator flipped");
        Assert.That(texts, Does.Contain("-(y_m*W_{i,j})"), "term dropped");
        Assert.That(texts, Does.Contain("-(y_j*W_{i,j}) + 2*x"), "index swapped");
        Assert.That(texts, Does.Contain("-(y_m*W_{j,i}) + 2*x"), "transposed");
        Assert.That(texts, Does.Contain("-(y_m*W_{i,j}) + x"), "factor dropped");
        Assert.That(texts, Does.Contain("-(y_m*W_{i,j}) + 3*x"), "number changed");
        Assert.That(texts, Is.Unique);
        Assert.That(texts, Does.Not.Contain(SyntaxPrinter.Print(tree)));
    }

    [Test]
    public void SyntaxTree_IsLinearPosition_StopsAtDenominatorsAndFunctions()
    {
        var tree = ExpressionParser.Parse("a*b/c + exp(d)");
        Assert.That(SyntaxTree.IsLinearPosition(tree, [0, 0, 1]), Is.True, "b");
        Assert.That(SyntaxTree.IsLinearPosition(tree, [0, 1]), Is.False, "c, a denominator");
        Assert.That(SyntaxTree.IsLinearPosition(tree, [1, 0]), Is.False, "d, inside exp");
    }
}
