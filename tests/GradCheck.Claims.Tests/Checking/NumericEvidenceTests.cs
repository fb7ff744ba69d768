using System.Text.Json;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Tests.Checking;

/// <summary>
/// A step the prover cannot decide is judged on the prover's own sample points, and only on conclusive
/// ones: enclosures that overlap because they are huge are not agreement.
/// </summary>
public class NumericEvidenceTests
{
    /// <summary>Wrong by eˣ/1000: (1e20 + eˣ)(1e20 − eˣ) − 1e40 is −e²ˣ, but in doubles its enclosure is
    /// about ±2e24 wide and overlaps the wrong right side at every point.</summary>
    private const string HiddenInCancellation =
        "claim hidden\n  (1e20 + exp(x))*(1e20 - exp(x)) - 1e40 = -exp(2*x) + exp(x)/1000\nend\n";

    private static ClaimResult CheckOne(string text) => ClaimChecker.CheckText(text, "t.claims").Single();

    [Test]
    public void Check_WrongStepHiddenByCatastrophicCancellation_DoesNotHoldNumerically()
    {
        // No point can be compared in doubles; at 256 bits the cancellation costs nothing and the step is refuted
        // (before issue #14 this was an 'undecided' error).
        var result = CheckOne(HiddenInCancellation);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(result.Steps[0].Counterexample!.PreciseBits, Is.EqualTo(256));
        Assert.That(result.Steps[0].Evidence!.Points, Is.Zero, "no point was conclusive in doubles");
    }

    [Test]
    public void Check_TrueStepOfTheSameShape_IsStillProved()
    {
        // The wide enclosures only cost the numeric check; the symbolic proof does not evaluate anything.
        var result = CheckOne("claim c\n  (1e20 + exp(x))*(1e20 - exp(x)) - 1e40 = -exp(2*x)\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(result.Steps[0].Evidence!.InconclusivePoints, Is.GreaterThan(0), "the proof's sanity points are reported as inconclusive");
        Assert.That(result.Steps[0].Evidence!.SkippedPoints, Is.GreaterThanOrEqualTo(result.Steps[0].Evidence!.InconclusivePoints));
    }

    [Test]
    public void Check_UndecidedStep_HoldsNumericallyOnTheProversOwnPoints()
    {
        // sign(x)² = 1 has no symbolic proof; away from the kink every point agrees exactly.
        var result = CheckOne("claim c\n  sign(x)^2 = 1\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.HoldsNumerically));
        var evidence = result.Steps[0].Evidence!;
        Assert.That((evidence.Points, evidence.SkippedPoints, evidence.InconclusivePoints),
            Is.EqualTo((CheckOptions.Default.Prover.SamplePoints, 0, 0)), "one instance: exactly the prover's sample points, nothing sampled twice");
        Assert.That(result.Steps[0].Method, Does.Contain("conclusive"));
    }

    [Test]
    public void Check_UndefinedEverywhere_StillSaysAnAssumeMayBeMissing()
    {
        var result = CheckOne("claim c\n  sqrt(-1 - x^2) = 2*sqrt(-1 - x^2)\nend\n");
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(result.Error!.Message, Does.Contain("not both defined").And.Contain("an `assume` may be missing"));
    }

    [Test]
    public void Check_PsdOfAMatrixLostToCancellation_DoesNotHoldNumerically()
    {
        // Symmetrised, the entries (1e20 + e^{z_i})(1e20 − e^{z_j}) − 1e40 are −e^{z_i}e^{z_j}: negative
        // definite, not psd; in doubles each entry is known only to ±2e24, so "smallest eigenvalue ≥ −bound" says nothing.
        var result = CheckOne("""
            claim c
              index i, j in 1..2
              psd over i, j
              (1e20 + exp(z_i))*(1e20 - exp(z_j)) - 1e40 = (1e20 + exp(z_i))*(1e20 - exp(z_j)) - 1e40
            end
            """);
        Assert.That(result.Verdict, Is.Not.EqualTo(Verdict.HoldsNumerically));
        Assert.That(result.Verdict == Verdict.Refuted || result.Error!.Message.Contains("undecided", StringComparison.Ordinal),
            $"{result.Verdict}: {result.Error?.Message}");
    }

    [Test]
    public void JsonReport_Evidence_HasSkippedAndInconclusivePoints()
    {
        var results = ClaimChecker.CheckText("claim c\n  (1e20 + exp(x))*(1e20 - exp(x)) - 1e40 = -exp(2*x)\nend\n", "t.claims");
        using var document = JsonDocument.Parse(JsonReport.Write(results));
        var evidence = document.RootElement.GetProperty("claims")[0].GetProperty("steps")[0].GetProperty("evidence");
        Assert.That(evidence.GetProperty("inconclusivePoints").GetInt32(), Is.GreaterThan(0));
        Assert.That(evidence.GetProperty("skippedPoints").GetInt32(), Is.GreaterThanOrEqualTo(evidence.GetProperty("inconclusivePoints").GetInt32()));
        Assert.That(evidence.GetProperty("points").GetInt32(), Is.GreaterThanOrEqualTo(0));
    }
}
