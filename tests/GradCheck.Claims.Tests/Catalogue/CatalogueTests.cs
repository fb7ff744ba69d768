using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;

namespace GradCheck.Claims.Tests.Catalogue;

/// <summary>The catalogue, one test case per claim: each claim's verdict must meet its expectation.</summary>
public class CatalogueTests
{
    public static IEnumerable<TestCaseData> Claims() =>
        ClaimsCatalogue.Files.SelectMany(file => ClaimsParser.Parse(file.Text, file.FileName)
            .Select(entry => new TestCaseData(file.FileName, entry).SetName($"Catalogue_{Path.GetFileNameWithoutExtension(file.FileName)}_{entry.Name}")));

    [TestCaseSource(nameof(Claims))]
    public void Catalogue_Claim_MeetsItsExpectation(string file, ClaimEntry entry)
    {
        Assert.That(entry.Error, Is.Null, () => $"{file}:{entry.Error}");
        var result = ClaimChecker.Check(entry);
        Assert.That(result.Error, Is.Null, () => $"{file}:{result.Error}");
        Assert.That(result.IsAcceptable, Is.True, () => $"{file}:{result.Line} {result.Name}: {result.Verdict}, first refuted step {result.FirstRefutedStep}");
        if (result.Verdict == Verdict.Refuted)
        {
            var step = result.Steps.Single(s => s.Index == result.FirstRefutedStep);
            Assert.That(step.Counterexample, Is.Not.Null, "a refuted step shows its counterexample");
            Assert.That(Math.Abs(step.Counterexample!.Left - step.Counterexample.Right), Is.GreaterThan(step.Counterexample.Bound));
        }
    }

    [Test]
    public void Catalogue_Files_AreCanonicalThenTheFiveSeeds()
    {
        Assert.That(ClaimsCatalogue.Files.Select(f => f.FileName), Is.EqualTo(new[]
        {
            "canonical.claims", "seed-000.claims", "seed-001.claims", "seed-002.claims", "seed-003.claims", "seed-004.claims",
        }));
    }

    [Test]
    public void Catalogue_EverySeedClaim_NamesItsSource()
    {
        var missing = ClaimsCatalogue.Files.Where(f => f.FileName.StartsWith("seed", StringComparison.Ordinal))
            .SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName))
            .Where(e => e.Claim?.Source is null || !e.Claim.Source.StartsWith("seed " + e.File[5..8], StringComparison.Ordinal))
            .Select(e => $"{e.File}:{e.Name}")
            .ToList();
        Assert.That(missing, Is.Empty);
    }

    /// <summary>The fifteen wrong statements of the five seeds, each in the catalogue as the seed writes it, with
    /// the step where it goes wrong (docs/claims-language.md, "What the seeds got wrong").</summary>
    private static readonly (string File, string Claim, int Step)[] WrongStatements =
    [
        ("seed-000.claims", "error-recursion-as-written", 2),                            // Problem 2.3, eq. (8)
        ("seed-000.claims", "linear-activation-weight-gradient-steps-as-written", 2),    // Problem 2.4, eq. (19)
        ("seed-000.claims", "bernoulli-nll-as-written", 1),                              // Problem 3.2, eq. (26)
        ("seed-000.claims", "multinoulli-nll-as-written", 2),                            // Problem 3.3, eqs. (29)-(31)
        ("seed-000.claims", "softmax-delta-correct-class-as-written", 1),                // Problem 3.6, eq. (42)
        ("seed-000.claims", "logistic-first-term-as-written", 1),                        // Problem 4.1, eqs. (58)-(59)
        ("seed-000.claims", "logistic-l2-weight-gradient-as-written", 1),                // Problem 4.1, eqs. (67)-(68)
        ("seed-000.claims", "logistic-l2-penalty-rewrite", 1),                           // Problem 4.1, eq. (55)
        ("seed-001.claims", "softmax-cross-entropy-steps-as-written", 1),                // Task 1.b
        ("seed-002.claims", "log-softmax-sum-gradient-as-written", 1),                   // Q1 (2), dJ/dz
        ("seed-002.claims", "log-softmax-sum-weight-gradient-as-written", 1),            // Q1 (2), dJ/dW
        ("seed-002.claims", "log-softmax-sum-bias-gradient-as-written", 1),              // Q1 (2), dJ/dc
        ("seed-002.claims", "logistic-l2-update-as-written", 2),                         // Q2 (2), the update
        ("seed-004.claims", "adaline-loss-rewrite-as-written", 1),                       // 1.3.2, b dropped
        ("seed-004.claims", "tanh-logistic-loss-as-written", 1),                         // 1.3.3
    ];

    [Test]
    public void Catalogue_TheSeedsWrongStatements_AreExactlyTheFifteenExpectedRefuted()
    {
        var expected = ClaimsCatalogue.Files.Where(f => f.FileName.StartsWith("seed", StringComparison.Ordinal))
            .SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName))
            .Where(e => e.Claim?.Expectation?.Outcome == ExpectedOutcome.Refuted)
            .Select(e => (e.File, e.Name, e.Claim!.Expectation!.Step ?? 0))
            .ToList();
        Assert.That(expected, Is.EquivalentTo(WrongStatements), "every wrong statement of the seeds, and nothing else, is expected refuted at its step");
        Assert.That(WrongStatements, Has.Length.EqualTo(15));
    }

    [TestCaseSource(nameof(WrongStatementCases))]
    public void Catalogue_SeedWrongStatement_IsRefutedAsWrittenAtItsStep(string file, string claim, int step)
    {
        var entry = ClaimsParser.Parse(ClaimsCatalogue.Files.Single(f => f.FileName == file).Text, file).Single(e => e.Name == claim);
        var result = ClaimChecker.Check(entry);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.FirstRefutedStep, Is.EqualTo(step));
        Assert.That(result.Steps.Take(step - 1).All(s => s.Verdict is Verdict.Proved or Verdict.HoldsNumerically), Is.True,
            "the steps before the wrong one hold");
    }

    public static IEnumerable<TestCaseData> WrongStatementCases() =>
        WrongStatements.Select(w => new TestCaseData(w.File, w.Claim, w.Step).SetName($"Catalogue_WrongStatement_{w.Claim}"));

    [Test]
    public void Catalogue_EveryExpectedRefutation_IsFollowedByItsCorrection()
    {
        foreach (var file in ClaimsCatalogue.Files)
        {
            var claims = ClaimsParser.Parse(file.Text, file.FileName).Select(e => e.Claim!).ToList();
            foreach (var wrong in claims.Where(c => c.Expectation?.Outcome == ExpectedOutcome.Refuted && c.Name.EndsWith("-as-written", StringComparison.Ordinal)))
            {
                var corrected = wrong.Name.Replace("-as-written", "-corrected", StringComparison.Ordinal);
                Assert.That(claims.Select(c => c.Name), Does.Contain(corrected), $"{file.FileName}: {wrong.Name} has no corrected claim");
            }
        }
    }
}
