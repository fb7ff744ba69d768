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
