using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Syntax;

public class ClaimsParserTests
{
    private static ClaimSyntax Single(string text)
    {
        var entries = ClaimsParser.Parse(text, "t.claims");
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0].Error, Is.Null, () => entries[0].Error!.ToString());
        return entries[0].Claim!;
    }

    private static SourceError SingleError(string text)
    {
        var entries = ClaimsParser.Parse(text, "t.claims");
        var errors = entries.Where(e => e.Error is not null).ToList();
        Assert.That(errors, Is.Not.Empty, "expected an error");
        return errors[0].Error!;
    }

    [Test]
    public void Parse_ContractExamples_ReadsEveryDeclaration()
    {
        var entries = ClaimsParser.Parse(ContractExamples.MustWork, "examples.claims");
        Assert.That(entries.Select(e => e.Name), Is.EqualTo(new[]
        {
            "bce-logistic-weight-gradient", "softmax-jacobian", "softmax-cross-entropy-gradient", "cross-entropy-hessian", "wrong-sign-example",
        }));
        Assert.That(entries.All(e => e.Error is null), Is.True);
        var bce = entries[0].Claim!;
        Assert.That(bce.Source, Is.EqualTo("seed 001, Task 1.a"));
        Assert.That(bce.Lets.Select(l => l.Name), Is.EqualTo(new[] { "yhat", "C" }));
        Assert.That(bce.Assumptions.Single(), Is.EqualTo(new IntervalAssumeSyntax("y", "0", "1", false, false, 5, 3)));
        Assert.That(bce.Chain.Select(c => c.Text), Is.EqualTo(new[] { "d/dw1 C", "-(y - yhat) * x1" }));
        var jacobian = entries[1].Claim!;
        Assert.That(jacobian.Indices.Single().Names, Is.EqualTo(new[] { "i", "j", "k" }));
        Assert.That(jacobian.Indices.Single().To, Is.EqualTo(new RangeBound(null, "K")));
        Assert.That(jacobian.Fors.Single(), Is.EqualTo(new ForSyntax("K", 2, 5, 11, 3)));
        Assert.That(jacobian.Lets.Single().IndexParameters, Is.EqualTo(new[] { "i" }));
        Assert.That(entries[2].Claim!.Assumptions.Single(), Is.EqualTo(new VectorAssumeSyntax("y", "k", false, 21, 3)));
        Assert.That(entries[4].Claim!.Expectation, Is.EqualTo(new ExpectSyntax(ExpectedOutcome.Refuted, 1, 34, 3)));
    }

    [Test]
    public void Parse_MultiLineChain_KeepsEachExpressionsPosition()
    {
        var claim = Single(ContractExamples.SigmoidChain);
        Assert.That(claim.Chain, Has.Count.EqualTo(4));
        Assert.That(claim.Chain[0], Is.EqualTo(new ExpressionText("d/dz sigmoid(z)", 4, 3)));
        Assert.That(claim.Chain[1], Is.EqualTo(new ExpressionText("d/dz (1 + exp(-z))^(-1)", 5, 7)));
        Assert.That(claim.Chain[3], Is.EqualTo(new ExpressionText("sigmoid(z) * (1 - sigmoid(z))", 7, 7)));
        Assert.That(claim.StepCount, Is.EqualTo(3));
        Assert.That(claim.Notes, Is.EqualTo("sigmoid derivative, written as a derivation chain"));
    }

    [Test]
    public void Parse_ExpressionContinuedOnNextLine_KeepsTheLineBreakSoColumnsStayTrue()
    {
        var claim = Single("claim c\n  a + b\n    + c = d\nend\n");
        Assert.That(claim.Chain[0], Is.EqualTo(new ExpressionText("a + b\n    + c", 2, 3)));
    }

    [Test]
    public void Parse_OneLineChainWithManySteps_SplitsOnEveryEquals()
    {
        var claim = Single("claim c\n x = x = 1*x # comment = not a step\nend");
        Assert.That(claim.Chain.Select(c => c.Column), Is.EqualTo(new[] { 2, 6, 10 }));
    }

    [TestCase("assume x > 0", "0", null, true, true)]
    [TestCase("assume x < 0", null, "0", true, true)]
    [TestCase("assume x in (0, 1]", "0", "1", true, false)]
    [TestCase("assume x in [-1/3, 0.5)", "-1/3", "0.5", false, true)]
    [TestCase("assume x in (0, inf)", "0", null, true, true)]
    public void Parse_IntervalAssumptions_AreRead(string line, string? lower, string? upper, bool lowerOpen, bool upperOpen)
    {
        var claim = Single($"claim c\n  {line}\n  x = x\nend");
        Assert.That(claim.Assumptions.Single(), Is.EqualTo(new IntervalAssumeSyntax("x", lower, upper, lowerOpen, upperOpen, 2, 3)));
    }

    [Test]
    public void Parse_DiscreteAndOneHotAssumptions_AreRead()
    {
        var claim = Single("claim c\n  index k in 1..3\n  assume y in {-1, 1}\n  assume t onehot over k\n  y = y\nend");
        Assert.That(((DiscreteAssumeSyntax)claim.Assumptions[0]).Values, Is.EqualTo(new[] { "-1", "1" }));
        Assert.That(claim.Assumptions[1], Is.EqualTo(new VectorAssumeSyntax("t", "k", true, 4, 3)));
    }

    [Test]
    public void Parse_PsdLine_AddsOneStep()
    {
        var claim = Single("claim c\n index i, j in 1..2\n psd over i, j\n delta(i, j) = delta(i, j)\nend");
        Assert.That(claim.Psd, Is.EqualTo(new PsdSyntax("i", "j", 3, 2)));
        Assert.That(claim.StepCount, Is.EqualTo(2));
    }

    [Test]
    public void Parse_UnterminatedClaim_IsAnErrorAtTheClaimLine()
    {
        var error = SingleError("\n\nclaim open\n  x = x\n");
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Column, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("not terminated"));
    }

    [Test]
    public void Parse_ClaimWithoutEndBeforeNextClaim_ReportsTheFirstAndReadsTheSecond()
    {
        var entries = ClaimsParser.Parse("claim a\n x = x\nclaim b\n y = y\nend\n", "t");
        Assert.That(entries[0].Error!.Message, Does.Contain("before the next `claim` at line 3"));
        Assert.That(entries[1].Claim!.Name, Is.EqualTo("b"));
    }

    [TestCase("")]
    [TestCase("   \n\n  # only a comment\n")]
    public void Parse_EmptyFile_IsAnError(string text)
    {
        var error = SingleError(text);
        Assert.That(error, Is.EqualTo(new SourceError(1, 1, "the file holds no claims")));
    }

    [Test]
    public void Parse_ForWithEmptyRange_PointsAtTheRange()
    {
        var error = SingleError("claim c\n  for K in 5..2\n  x = x\nend");
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 12)));
        Assert.That(error.Message, Does.Contain("empty range 5..2"));
    }

    [TestCase("claim c\n  x\nend", 2, 3, "at least one '='")]
    [TestCase("claim c\n  = x\nend", 2, 3, "starts with '='")]
    [TestCase("claim c\n  x = \nend", 2, 5, "after the last '='")]
    [TestCase("claim c\n  x = = y\nend", 2, 7, "between two '='")]
    [TestCase("claim c\nend", 2, 1, "has no chain")]
    [TestCase("claim c\n  let a = b = c\n  a = a\nend", 2, 13, "unexpected '='")]
    [TestCase("claim c\n  expect maybe\n  a = a\nend", 2, 10, "expected `proved`")]
    [TestCase("claim c\n  expect refuted at step 0\n  a = a\nend", 2, 26, "numbered from 1")]
    [TestCase("claim c\n  expect refuted at step 3\n  a = a\nend", 2, 3, "the chain has 1 step")]
    [TestCase("claim c\n  x = x\n  let a = 1\nend", 3, 3, "must come before the chain")]
    [TestCase("claim c\n  index i in 1..\n  x = x\nend", 2, 17, "expected an integer or a size symbol")]
    [TestCase("claim c\n  assume x in (0 1)\n  x = x\nend", 2, 18, "expected ',' between the bounds")]
    [TestCase("claim c\n  assume x in (0, 1/0)\n  x = x\nend", 2, 21, "division by zero")]
    [TestCase("claim bad name!\n x = x\nend", 1, 7, "not a claim name")]
    [TestCase("hello\nclaim c\n x = x\nend", 1, 1, "expected `claim NAME`")]
    [TestCase("claim c\n  for K in 1..1000\n  x = x\nend", 2, 12, "larger than the limit")]
    public void Parse_BadLine_GivesPositionAndReason(string text, int line, int column, string reason)
    {
        var error = SingleError(text);
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)), error.ToString());
        Assert.That(error.Message, Does.Contain(reason));
    }

    [Test]
    public void Parse_ErrorInOneClaim_LetsTheNextClaimParse()
    {
        var entries = ClaimsParser.Parse("claim a\n  for K in 5..2\n  x = x\nend\nclaim b\n  y = y\nend", "t");
        Assert.That(entries.Select(e => e.Error is null), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public void Parse_BinaryJunk_GivesOneErrorWithAPrintableReason()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var entries = ClaimsParser.Parse(text, "junk.bin");
        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.All(e => e.Error is not null && e.Claim is null), Is.True);
        Assert.That(entries[0].Error!.Message.Any(char.IsControl), Is.False);
    }

    [Test]
    public void Parse_TenMegabytesOfJunk_AnswersQuicklyWithAnError()
    {
        var text = string.Concat(Enumerable.Repeat("lorem ipsum = ( dolor sit amet\n", 10 * 1024 * 1024 / 31));
        var entries = ClaimsParser.Parse(text, "big.claims");
        Assert.That(entries.Single().Error!.Message, Does.Contain("expected `claim NAME`"));
    }

    [Test]
    public void ParseInline_BareChain_KeepsColumnsOfTheTypedText()
    {
        var entry = ClaimsParser.ParseInline("d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))").Single();
        Assert.That(entry.Claim!.Chain[1], Is.EqualTo(new ExpressionText("sigmoid(z)*(1 - sigmoid(z))", 1, 19)));
    }

    [Test]
    public void ParseInline_WholeClaim_IsParsedAsAFile()
    {
        var entry = ClaimsParser.ParseInline("claim c\n  expect proved\n  x = x\nend").Single();
        Assert.That(entry.Claim!.Expectation!.Outcome, Is.EqualTo(ExpectedOutcome.Proved));
    }
}
