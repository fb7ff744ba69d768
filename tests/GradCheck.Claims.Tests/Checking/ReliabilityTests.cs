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
}
