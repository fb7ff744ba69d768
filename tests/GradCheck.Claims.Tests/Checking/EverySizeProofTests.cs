using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>The "proved for every K" extension: added to the per-K result, never changing it.</summary>
public sealed class EverySizeProofTests
{
    private const string WrongSecondStep = """
        claim wrong
          index i, j, k in 1..K
          for K in 2..3
          let s_i = exp(z_i) / sum(k, exp(z_k))
          d/dz_j s_i = s_i * (delta(i, j) - s_j) = s_i * (delta(i, j) + s_j)
        end

        """;

    private static ClaimResult CheckOne(string text) => ClaimChecker.CheckText(text, "t.claims").Single();

    [Test]
    public void Check_ContractExamples_IndexedClaimsAreProvedForEveryKBesidesEachK()
    {
        var results = ClaimChecker.CheckText(ContractExamples.MustWork, "t.claims").ToDictionary(r => r.Name);

        foreach (var name in new[] { "softmax-jacobian", "softmax-cross-entropy-gradient", "cross-entropy-hessian" })
        {
            Assert.That(results[name].Verdict, Is.EqualTo(Verdict.Proved), name);
            Assert.That(results[name].ProvedForEveryK, Is.True, () => name + ": " + results[name].Steps[0].EverySizeMethod);
            Assert.That(results[name].Steps[0].EverySizeMethod, Does.StartWith("proved for every K ≥ 2"), name);
        }

        Assert.That(results["softmax-jacobian"].Steps[0].Instances, Is.EqualTo(4 + 9 + 16 + 25), "the per-K instances are still checked");
        Assert.That(results["bce-logistic-weight-gradient"].Steps[0].EverySizeMethod, Is.Null, "no `for` line: not attempted");
        Assert.That(results["bce-logistic-weight-gradient"].ProvedForEveryK, Is.False);
        Assert.That(results["wrong-sign-example"].ProvedForEveryK, Is.False);
    }

    [Test]
    public void Check_RefutedStep_IsNotAttemptedAndTheClaimIsNotProvedForEveryK()
    {
        var result = CheckOne(WrongSecondStep);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].ProvedForEveryK, Is.True);
        Assert.That(result.Steps[1].ProvedForEveryK, Is.False);
        Assert.That(result.Steps[1].EverySizeMethod, Is.Null);
        Assert.That(result.ProvedForEveryK, Is.False);
    }

    [Test]
    public void Check_ProductOverK_SaysWhyNotForEveryK()
    {
        var result = CheckOne("""
            claim log-of-product
              index k in 1..K
              for K in 1..3
              assume x > 0
              ln(prod(k, x_k)) = sum(k, ln(x_k))
            end

            """);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(result.Steps[0].ProvedForEveryK, Is.False);
        Assert.That(result.Steps[0].EverySizeMethod, Is.EqualTo("not attempted for every size: prod over the symbolic range 1..K"));
    }

    [Test]
    public void Annotate_NoTimeLeft_LeavesTheVerdictAndSaysWhy()
    {
        var claim = ClaimsParser.Parse(ContractExamples.MustWork, "t.claims").Single(e => e.Name == "softmax-jacobian").Claim!;
        var steps = ClaimChecker.Check(claim).Steps.Select(s => s with { ProvedForEveryK = false, EverySizeMethod = null }).ToList();

        var annotated = EverySizeProof.Annotate(claim, steps, CheckOptions.Default, TimeSpan.Zero);

        Assert.That(annotated[0].Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(annotated[0].ProvedForEveryK, Is.False);
        Assert.That(annotated[0].EverySizeMethod, Is.EqualTo("not attempted for every size: stopped (out of time)"));
    }

    [Test]
    public void Reports_ProvedForEveryK_AreExtendedNotChanged()
    {
        var text = ContractExamples.MustWork + "\n" + WrongSecondStep;
        var results = ClaimChecker.CheckText(text, "t.claims");

        var report = TextReport.Write(results, verbose: true);
        var json = JsonReport.Write(results);
        var markdown = MarkdownReport.WritePage(new CheckedFile("t.claims", text, results));

        Assert.That(report, Does.Contain("ok   softmax-jacobian: proved for every K ≥ 2  [t.claims:"));
        Assert.That(report, Does.Contain("ok   bce-logistic-weight-gradient: proved  [t.claims:1]"));
        Assert.That(report, Does.Contain("FAIL wrong: refuted at step 2  [t.claims:"));
        Assert.That(report, Does.Contain("step 1: proved for every K ≥ 2   d/dz_j s_i"));
        // Three indexed claims and their steps, and the first step of `wrong`; then bce, wrong-sign and `wrong` and their other steps.
        Assert.That(System.Text.RegularExpressions.Regex.Count(json, "\"provedForEveryK\": true"), Is.EqualTo(7));
        Assert.That(System.Text.RegularExpressions.Regex.Count(json, "\"provedForEveryK\": false"), Is.EqualTo(6));
        Assert.That(markdown, Does.Contain("Verdict: **proved**, and proved for every K ≥ 2 at once (index calculus)."));
        Assert.That(markdown, Does.Contain("| 1 | proved for every K ≥ 2 |"));
    }

    public static IEnumerable<TestCaseData> RefutedCatalogueSteps() =>
        ClaimsCatalogue.Files.SelectMany(file => ClaimsParser.Parse(file.Text, file.FileName))
            .Where(entry => entry.Claim is { Fors.Count: > 0 } claim && claim.Expectation?.Outcome == ExpectedOutcome.Refuted)
            .Select(entry => new TestCaseData(entry.Claim).SetName($"EverySize_{Path.GetFileNameWithoutExtension(entry.File)}_{entry.Name}"));

    /// <summary>The catalogue's expected refutations with sizes: no step refuted for some K may be proved for every K.</summary>
    [TestCaseSource(nameof(RefutedCatalogueSteps))]
    public void ProveStep_StepRefutedPerK_IsNotProvedForEveryK(ClaimSyntax claim)
    {
        var result = ClaimChecker.Check(claim);
        var refuted = result.Steps.Where(s => s.Verdict == Verdict.Refuted && !s.IsPsd).ToList();
        Assert.That(refuted, Is.Not.Empty);
        foreach (var step in refuted)
        {
            var everySize = EverySizeProof.ProveStep(claim, step.Index, CheckOptions.Default.Prover);
            Assert.That(everySize, Is.Not.Null);
            Assert.That(everySize!.ProvedForEverySize, Is.False, $"step {step.Index}: {everySize.Method}");
        }
    }
}
