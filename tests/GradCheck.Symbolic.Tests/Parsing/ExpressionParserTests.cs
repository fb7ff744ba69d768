using GradCheck.Symbolic.Parsing;

namespace GradCheck.Symbolic.Tests.Parsing;

public sealed class ExpressionParserTests
{
    [TestCase("x + y * z", "(x + (y * z))")]
    [TestCase("a - b - c", "((a - b) - c)")]
    [TestCase("a / b / c", "((a / b) / c)")]
    [TestCase("2^3^2", "(2 ^ (3 ^ 2))")]
    [TestCase("-x^2", "(-(x ^ 2))")]
    [TestCase("2^-1", "(2 ^ (-1))")]
    [TestCase("z_i + z_1 + W_{j,k} + W2_{2,3}", "(((z_i + z_1) + W_{j,k}) + W2_{2,3})")]
    [TestCase("σ(z) * log(y)", "(sigmoid(z) * ln(y))")]
    [TestCase("x − y · z × w", "(x - ((y * z) * w))")]
    [TestCase("sum(k, exp(z_k))", "sum(k, exp(z_k))")]
    [TestCase("prod(k, x_k)", "prod(k, x_k)")]
    [TestCase("delta(i, 2)", "delta(i, 2)")]
    [TestCase("d/dz_j s_i", "(d/dz_j s_i)")]
    [TestCase("d/dx x^2 + 1", "(d/dx ((x ^ 2) + 1))")]
    [TestCase("2 * d/dx x^2 + 1", "(2 * (d/dx ((x ^ 2) + 1)))")]
    [TestCase("(d/dx x^2) + 1", "((d/dx (x ^ 2)) + 1)")]
    [TestCase("d/dx(x*y)", "(d/dx (x * y))")]
    [TestCase("d/dW_{j,k} W_{j,k}", "(d/dW_{j,k} W_{j,k})")]
    [TestCase("d2/dx2 x^3", "diff((x ^ 3), x, x)")]
    [TestCase("d2/dz_i dz_j L", "diff(L, z_i, z_j)")]
    [TestCase("d2/dx dy (x*y)", "diff((x * y), x, y)")]
    [TestCase("d2/dx2 delta(i, j)", "diff(delta(i, j), x, x)")]
    [TestCase("d2/dz_i dz_j -ln(s_2)", "diff((-ln(s_2)), z_i, z_j)")]
    [TestCase("d2/dx dy -(x*y)", "diff((-(x * y)), x, y)")]
    [TestCase("d2/dx dy +x", "diff((+x), x, y)")]
    [TestCase("d2/dx dy -x + y", "diff(((-x) + y), x, y)")]
    [TestCase("d2/dx2 dy x", "diff(x, x2, y)")]
    [TestCase("d2/dx2 dy - x", "diff((dy - x), x, x)")]
    [TestCase("d2/dx2 -x^3", "diff((-(x ^ 3)), x, x)")]
    [TestCase("diff(x^2, x)", "(d/dx (x ^ 2))")]
    [TestCase("diff(x*y, x, y)", "diff((x * y), x, y)")]
    [TestCase("d / dx", "(d / dx)")]
    [TestCase("yhat*lambda", "(yhat * lambda)")]
    public void Parse_ValidText_GivesTheTree(string text, string printed) =>
        Assert.That(ExpressionParser.Parse(text).ToString(), Is.EqualTo(printed));

    [TestCase("0.1", 1, 10)]
    [TestCase("2.50", 5, 2)]
    [TestCase("1e-3", 1, 1000)]
    [TestCase("1.5E+2", 150, 1)]
    [TestCase(".25", 1, 4)]
    public void Parse_DecimalLiteral_IsExact(string text, int numerator, int denominator)
    {
        var number = (NumberSyntax)ExpressionParser.Parse(text);
        Assert.That((number.Numerator, number.Denominator), Is.EqualTo(((System.Numerics.BigInteger)numerator, (System.Numerics.BigInteger)denominator)));
    }

    [TestCase("(x + 1", 1, 7, "'(' at 1:1 is never closed")]
    [TestCase("x + 1)", 1, 6, "')' has no matching '('")]
    [TestCase("foo(x)", 1, 1, "unknown function 'foo'")]
    [TestCase("2x", 1, 2, "implicit multiplication")]
    [TestCase("x y", 1, 3, "implicit multiplication")]
    [TestCase("", 1, 1, "empty expression")]
    [TestCase("   ", 1, 4, "empty expression")]
    [TestCase("x +", 1, 4, "found end of text")]
    [TestCase("x $ y", 1, 3, "unexpected character '$'")]
    [TestCase("x \u0001", 1, 3, "U+0001")]
    [TestCase("d/d(x+1) x", 1, 3, "derivative with respect to a non-symbol")]
    [TestCase("diff(x, 2)", 1, 9, "derivative with respect to a non-symbol")]
    [TestCase("d2/dx y", 1, 4, "a second derivative needs two variables")]
    [TestCase("d2/dx -y", 1, 4, "a second derivative needs two variables")]
    [TestCase("d2/dx dy", 1, 9, "expected the expression to differentiate")]
    [TestCase("d2/dx dy = 1", 1, 10, "expected the expression to differentiate")]
    [TestCase("d2/dx dy * x", 1, 10, "")]
    [TestCase("d/dx", 1, 5, "expected the expression to differentiate")]
    [TestCase("exp", 1, 1, "'exp' is a function")]
    [TestCase("exp(x, y)", 1, 6, "takes one argument")]
    [TestCase("z_i_j", 1, 4, "one subscript")]
    [TestCase("z_{1.5}", 1, 4, "whole number")]
    [TestCase("z_{i,}", 1, 6, "expected a subscript")]
    [TestCase("sum(2, x)", 1, 5, "needs an index name")]
    [TestCase("delta(i)", 1, 8, "delta takes two indices")]
    [TestCase("a = b", 1, 3, "'=' cannot appear")]
    [TestCase("1.", 1, 2, "decimal point")]
    [TestCase("x_99999999999", 1, 3, "too large")]
    public void Parse_BadText_ThrowsWithPositionAndReason(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse(text))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.Message);
        Assert.That(error.Reason, Does.Contain(reason));
        Assert.That(error.Message, Does.StartWith($"{line}:{column}: "));
    }

    [Test]
    public void Parse_TextStartingMidFile_ReportsFilePositions()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse("x +\n   2y", line: 7, column: 5))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((8, 5)));
        var first = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse("  2y", line: 3, column: 10))!;
        Assert.That((first.Line, first.Column), Is.EqualTo((3, 13)));
    }

    [Test]
    public void Parse_NodesKnowWhereTheyStart()
    {
        var node = (BinarySyntax)ExpressionParser.Parse("a +\n  exp(b)", line: 4, column: 3);
        Assert.That((node.Line, node.Column), Is.EqualTo((4, 3)));
        Assert.That((node.Right.Line, node.Right.Column), Is.EqualTo((5, 3)));
    }

    [Test]
    public void ParseChain_MultiLineDerivation_SplitsOnEquals()
    {
        var chain = ExpressionParser.ParseChain("d/dz sigmoid(z)\n    = d/dz (1 + exp(-z))^(-1)\n    = sigmoid(z) * (1 - sigmoid(z))", 5, 3);
        Assert.That(chain, Has.Count.EqualTo(3));
        Assert.That(chain[0], Is.TypeOf<DerivativeSyntax>());
        Assert.That((chain[2].Line, chain[2].Column), Is.EqualTo((7, 7)));
    }

    [TestCase("a =", 1, 4)]
    [TestCase("= a", 1, 1)]
    [TestCase("a == b", 1, 4)]
    public void ParseChain_MissingSide_ThrowsWithPosition(string text, int line, int column)
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.ParseChain(text))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.Message);
    }

    [Test]
    public void Parse_HundredThousandOpenParentheses_IsRejectedWithoutStackOverflow()
    {
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse(new string('(', 100_000)))!;
        Assert.That(error.Reason, Does.Contain("nested too deeply"));
        Assert.That(error.Column, Is.EqualTo(ExpressionParser.MaxNesting + 1));
    }

    [Test]
    public void Parse_DeepButAllowedNesting_Parses()
    {
        var depth = ExpressionParser.MaxNesting - 1;
        var text = new string('(', depth) + "x" + new string(')', depth);
        Assert.That(ExpressionParser.Parse(text).ToString(), Is.EqualTo("x"));
        var minus = new string('-', depth) + "x";
        Assert.That(ExpressionParser.Parse(minus), Is.TypeOf<UnarySyntax>());
    }

    [Test]
    public void Parse_VeryLongChain_IsRejectedWithPosition()
    {
        var text = string.Concat(Enumerable.Repeat("x+", 50_000)) + "x";
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse(text))!;
        Assert.That(error.Reason, Does.Contain("too deep"));
    }

    [Test]
    public void Parse_HundredKilobytesOfJunk_ThrowsPositionedError()
    {
        var random = new Random(7);
        var junk = new string([.. Enumerable.Range(0, 100_000).Select(_ => (char)random.Next(0, 0x3000))]);
        var error = Assert.Throws<SymbolicSyntaxException>(() => ExpressionParser.Parse(junk))!;
        Assert.That(error.Line, Is.GreaterThanOrEqualTo(1));
        Assert.That(error.Column, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Parse_HugeNumberLiteral_IsRejected()
    {
        Assert.That(() => ExpressionParser.Parse(new string('9', 5000)), Throws.TypeOf<SymbolicSyntaxException>().With.Message.Contains("digits"));
        Assert.That(() => ExpressionParser.Parse("1e999999"), Throws.TypeOf<SymbolicSyntaxException>().With.Message.Contains("exponent"));
    }

    [Test]
    public void Parse_NullText_ThrowsArgumentNull() =>
        Assert.That(() => ExpressionParser.Parse(null!), Throws.ArgumentNullException);
}
