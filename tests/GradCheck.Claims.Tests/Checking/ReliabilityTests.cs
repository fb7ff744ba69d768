using System.Diagnostics;
using System.Text;
using GradCheck.Claims.Checking;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>Regressions of issue #14: no hang, no false counterexample, no silent misreading.</summary>
public class ReliabilityTests
{
    private static ClaimResult CheckOne(string text, CheckOptions? options = null)
    {
        var results = ClaimChecker.CheckText(text, "t.claims", options);
        Assert.That(results, Has.Count.EqualTo(1));
        return results[0];
    }

    /// <summary>39 nested lets double the expression's depth each time: the derivative's structurally equal DAGs
    /// compared exponentially often ran for minutes past the 30 s limit, which was checked only between instances.</summary>
    [Test]
    public void Check_ExplodingLetChain_StopsAtTheLimitNamingThePhase()
    {
        var text = new StringBuilder("claim hang\n  let a0 = x\n");
        for (var i = 1; i < 40; i++)
        {
            text.Append("  let a").Append(i).Append(" = a").Append(i - 1).Append("*a").Append(i - 1).Append(" + a").Append(i - 1).Append('\n');
        }

        text.Append("  d/dx a39 = d/dx a39\nend\n");
        var clock = Stopwatch.StartNew();
        var result = CheckOne(text.ToString(), CheckOptions.Default with { ClaimTimeLimit = TimeSpan.FromSeconds(2) });
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "the limit holds inside a phase");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Match(@"stopped after \d+ s in [a-z]"));
    }

    [Test]
    public void Check_DerivativeOfLnAgainstOneOverAbs_IsNotRefutedWhereLnHasNoValue()
    {
        // x < 0 is outside the domain of ln(x), the function differentiated: no counterexample there.
        var result = CheckOne("claim c\n  d/dx ln(x) = 1/abs(x)\nend\n");
        Assert.That(result.Verdict, Is.AnyOf(Verdict.Proved, Verdict.HoldsNumerically), result.Steps[0].Method);
    }

    [Test]
    public void Check_DerivativeOfSquaredRoot_KeepsTheRootsDomain()
    {
        // (√x)² folds to x when built; its derivative still says nothing at x < 0.
        var result = CheckOne("claim c\n  d/dx sqrt(x)^2 = sign(x)\nend\n");
        Assert.That(result.Verdict, Is.AnyOf(Verdict.Proved, Verdict.HoldsNumerically), result.Steps[0].Method);
    }

    [Test]
    public void Check_DerivativeDomain_StillRefutesInsideIt()
    {
        var result = CheckOne("claim c\n  d/dx ln(x) = -1/x\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.Values["x"], Is.GreaterThan(0), "the point lies where ln(x) is defined");
    }

    [Test]
    public void Check_SubDoubleFalseCorpus_IsRefutedOrUndecidedNeverHolding()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpus", "sub-double-false.claims");
        var results = ClaimChecker.CheckText(File.ReadAllText(path), "sub-double-false.claims");
        Assert.That(results, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var r in results)
        {
            Assert.That(r.Verdict, Is.Not.EqualTo(Verdict.Proved).And.Not.EqualTo(Verdict.HoldsNumerically),
                $"{r.Name}: {string.Join("; ", r.Steps.Select(s => s.Method))}");
            if (r.Verdict == Verdict.Error)
            {
                Assert.That(r.Error!.Message, Does.Contain("undecided"), r.Name);
            }
        }

        Assert.That(results.Count(r => r.Verdict == Verdict.Refuted), Is.GreaterThanOrEqualTo(8), "most are refuted outright");
    }

    [TestCase("d2/dz2 softplus(z) = sigmoid(z)*sigmoid(-z) + 10^(-30)", "")]
    [TestCase("ln(sigmoid(z)) = -exp(-z)", "  assume z in (20, 30)\n")]
    public void Check_IssueSubDoubleClaims_AreRefuted(string chain, string assume)
    {
        var result = CheckOne($"claim c\n{assume}  {chain}\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        var c = result.Steps[0].Counterexample!;
        Assert.That(c.PreciseBits > 0 || c.ExactDifference is not null, Is.True, "decided below double precision");
    }

    [Test]
    public void Check_IdenticalSidesThatOverflow_AreProvedNotUndefined()
    {
        var result = CheckOne("claim c\n  x^1000000 = x^1000000*1\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved), result.Error?.Message);
    }

    [Test]
    public void Check_SidesThatOverflow_SayOverflowNotUndefined()
    {
        var result = CheckOne("claim c\n  assume x in (2, 3)\n  exp(exp(exp(x))) = exp(exp(exp(x)))*(1 + 0*x) + exp(-exp(exp(exp(x))))\nend\n");
        if (result.Verdict == Verdict.Error)
        {
            Assert.That(result.Error!.Message, Does.Contain("overflow").And.Not.Contain("not both defined"));
        }
        else
        {
            Assert.That(result.Verdict, Is.Not.EqualTo(Verdict.HoldsNumerically));
        }
    }

    [Test]
    public void TextReport_FileWithoutExpectations_SaysFailingNotUnexpected()
    {
        var results = ClaimChecker.CheckText("claim a\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1\nend\n", "t.claims");
        var text = GradCheck.Claims.Reporting.TextReport.Write(results);
        Assert.That(text, Does.Contain("; 1 failing").And.Not.Contain("not as expected"));
    }
}
