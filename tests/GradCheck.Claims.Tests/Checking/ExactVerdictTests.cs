using GradCheck.Claims.Checking;

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
