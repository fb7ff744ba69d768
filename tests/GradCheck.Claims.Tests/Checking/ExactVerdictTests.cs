using System.Text.Json;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>
/// Claims wrong by less than double precision are refuted (the prover compares the sides exactly at a point),
/// and identities that need exp-of-ln, root or sign reasoning are proved where their assumptions make them true.
/// </summary>
public class ExactVerdictTests
{
    private static ClaimResult CheckOne(string text)
    {
        var results = ClaimChecker.CheckText(text, "exact.claims");
        Assert.That(results, Has.Count.EqualTo(1));
        return results[0];
    }

    [TestCase("1/3 = 0.33333333333333333333")]
    [TestCase("x + 1e-30 = x")]
    [TestCase("(x + 1)^2 = x^2 + 2*x + 1 + 10^(-40)")]
    public void Check_ClaimWrongBelowDoublePrecision_IsRefutedAtItsStep(string step)
    {
        var result = CheckOne($"claim tiny\n  expect refuted at step 1\n  {step}\nend\n");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.FirstRefutedStep, Is.EqualTo(1));
        Assert.That(result.ExpectationMet, Is.True);
        Assert.That(result.Steps[0].Counterexample, Is.Not.Null);
    }

    [Test]
    public void Reports_ExactCounterexample_GiveTheExactDifferenceNotAZeroGap()
    {
        // As doubles both sides print 0.333333: the reports must say they differ exactly, and by how much.
        var result = CheckOne("claim third\n  1/3 = 0.33333333333333333333\nend\n");
        var counterexample = result.Steps[0].Counterexample!;
        Assert.That(counterexample.ExactDifference.ToString(), Is.EqualTo("1/300000000000000000000"));

        var text = TextReport.Write([result]);
        var json = JsonDocument.Parse(JsonReport.Write([result])).RootElement
            .GetProperty("claims")[0].GetProperty("steps")[0].GetProperty("counterexample");
        var markdown = MarkdownReport.WritePage(new CheckedFile("exact.claims", "claim third\n  1/3 = 0.33333333333333333333\nend\n", [result]));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("left − right = 1/300000000000000000000 exactly"));
            Assert.That(text, Does.Not.Contain("|difference|"));
            Assert.That(text, Does.Not.Match(@"\n +at \n"), "a claim without symbols has no point to print");
            Assert.That(json.GetProperty("exactDifference").GetString(), Is.EqualTo("1/300000000000000000000"));
            Assert.That(json.GetProperty("exactLeft").GetString(), Is.EqualTo("1/3"));
            Assert.That(json.GetProperty("left").GetDouble(), Is.EqualTo(1.0 / 3));
            Assert.That(markdown, Does.Contain("left − right = 1/300000000000000000000 exactly"));
            Assert.That(markdown, Does.Not.Contain("| symbol | value |"));
        });
    }

    // Found in review: interval ends were rounded to doubles. [0.1, 0.1] was sampled at the double nearest 0.1,
    // where 10*eta*w = w differs exactly, so a true claim was refuted; a lower end of −10⁻⁴⁰⁰ rounded to 0 and
    // made abs(x) = x "proved", false at x = −10⁻⁴⁰¹.
    [TestCase("[0.1, 0.1]", "10*eta*w = w", Verdict.Proved)]
    [TestCase("[1/3, 1/3]", "3*eta = 1", Verdict.Proved)]
    [TestCase("[0.1, 0.1]", "10*eta*w = w + 1e-30", Verdict.Refuted)]
    [TestCase("[0.1, 0.100000000000000001]", "eta = eta", Verdict.Proved)]
    [TestCase("[-0.TINY, 1]", "abs(eta) = eta", Verdict.HoldsNumerically)]
    [TestCase("(-0.TINY, 1)", "abs(eta) = eta", Verdict.HoldsNumerically)]
    [TestCase("(-1, 0.TINY)", "sign(eta) = -1", Verdict.HoldsNumerically)]
    [TestCase("[0, 1]", "abs(eta) = eta", Verdict.Proved)]
    public void Check_IntervalEndsThatAreNotDoubles_AreTakenExactly(string interval, string step, Verdict expected)
    {
        var tiny = new string('0', 399) + "1"; // 10^-400: below the smallest double
        var result = CheckOne($"claim ends\n  assume eta in {interval.Replace("TINY", tiny, StringComparison.Ordinal)}\n  {step}\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(expected), result.Error?.Message ?? result.Steps[0].Method);
    }

    // Found in review: root splitting made sqrt(-4) = 2*sqrt(-1) "proved", though neither side has a real value.
    [TestCase("sqrt(-4) = 2*sqrt(-1)", false)]
    [TestCase("ln(-1 - x^2) = ln(-1 - x^2)", false)]
    [TestCase("x/x = 1", true)]
    [TestCase("sqrt(4) = 2", true)]
    public void Check_StepRealNowhereItWasSampled_IsAnErrorNotAProof(string step, bool proved)
    {
        var result = CheckOne($"claim nowhere\n  {step}\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(proved ? Verdict.Proved : Verdict.Error));
        if (!proved)
        {
            Assert.That(result.Error!.Message, Does.Contain("not both defined at the sampled points"));
        }
    }

    [Test]
    public void Check_ExpOfLnUnderPositivity_IsProvedAndWithoutItRefuted()
    {
        Assert.That(CheckOne("claim e\n  assume x > 0\n  exp(ln(x)) = x\nend\n").Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(CheckOne("claim e\n  exp(ln(x)) = x\nend\n").Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void Check_RootsOfSquaresAndConstants_AreProved()
    {
        var result = CheckOne("""
            claim roots
              assume x >= 0
              sqrt(4*x^2) = 2*abs(x)
                = 2*x
                = sqrt(4*x)*sqrt(x)
            end
            """);

        Assert.That(result.Steps.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Proved, Verdict.Proved, Verdict.Proved }));
    }

    [Test]
    public void Check_SquareRootOfASquareAsTheVariable_IsRefutedWithoutAnAssumption()
    {
        var result = CheckOne("claim s\n  sqrt(x^2) = x\nend\n");

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.Values["x"], Is.LessThan(0));
    }
}
