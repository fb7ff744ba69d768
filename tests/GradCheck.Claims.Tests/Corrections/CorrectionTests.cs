using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Matrix;
using GradCheck.Claims.Reporting;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;

namespace GradCheck.Claims.Tests.Corrections;

/// <summary>Refuted steps come with their correction: proved equal to the left side, in the writer's terms,
/// as close to the written right side as found.</summary>
public class CorrectionTests
{
    private static StepResult Step(string claims, int step)
    {
        var result = ClaimChecker.CheckText(claims, "test.claims").Single();
        Assert.That(result.Error, Is.Null, () => result.Error!.ToString());
        return result.Steps.Single(s => s.Index == step);
    }

    [Test]
    public void Correction_SignSlip_NegatesTheSide()
    {
        var step = Step("claim c\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1\nend\n", 1);
        Assert.That(step.Correction, Is.Not.Null);
        Assert.That(step.Correction!.Text, Is.EqualTo("-(sigmoid(z) - 1)"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.Sign));
    }

    [Test]
    public void Correction_MissingFactor_IsSolvedForAndNamed()
    {
        var step = Step("claim c\n  d/dw_1 (lambda*(w_1^2 + w_2^2)) = lambda*w_1\nend\n", 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("2*lambda*w_1"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.Factor));
        Assert.That(step.Correction.Explanation, Does.Contain("factor 2 is missing").And.Contain("times 1/2"));
    }

    [Test]
    public void Correction_SizeFactor_KeepsTheRestAsWritten()
    {
        var step = Step("""
            claim c
              index i in 1..N
              for N in 2..3
              sum(i, x_i) = 1/N*sum(i, x_i)
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("sum(i, x_i)"));
        Assert.That(step.Correction.Explanation, Does.Contain("1/N"));
    }

    [Test]
    public void Correction_MissingTerm_IsWrittenInTheClaimsTerms()
    {
        var step = Step("claim c\n  let h = w*x + b\n  d/dw (h^2/2 + lambda*w^2/2) = h*x\nend\n", 1);
        Assert.That(step.Correction!.Kind, Is.EqualTo(EditKind.MissingTerm));
        Assert.That(step.Correction.Text, Is.EqualTo("h*x + lambda*w"));
    }

    [Test]
    public void Correction_IndexSwap_InsideASum()
    {
        var result = ClaimChecker.CheckText(Catalogue("seed-001.claims"), "seed-001.claims").Single(r => r.Name == "softmax-cross-entropy-steps-as-written");
        var step = result.Steps.Single(s => s.Index == 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("-y_j*(1 - s_j) + (sum(m, y_m*s_j) - y_j*s_j)"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.IndexSwap));
        Assert.That((step.Correction.Written, step.Correction.Corrected), Is.EqualTo(("s_m", "s_j")));
    }

    [Test]
    public void Correction_Transpose_OfAnEntry()
    {
        var step = Step("""
            claim c
              index i, j, k in 1..2
              d/dW_{i,j} sum(k, W_{k,j}*x_k) = delta(i, i)*x_j
            end
            """, 1);
        Assert.That(step.Correction, Is.Not.Null);
        Assert.That(step.Correction!.Text, Is.EqualTo("delta(i, i)*x_i"));
    }

    [Test]
    public void Correction_SoftmaxDerivative_FoldsTheLetsBack()
    {
        var result = ClaimChecker.CheckText(Catalogue("seed-002.claims"), "seed-002.claims").Single(r => r.Name == "log-softmax-sum-gradient-as-written");
        Assert.That(result.Steps.Single(s => s.Index == 1).Correction!.Text, Is.EqualTo("1 - K*s_j"));
    }

    [Test]
    public void Correction_ProvedStepsAndOptionOff_HaveNone()
    {
        var text = "claim c\n  d/dz z^2 = 2*z\n  = z\nend\n";
        var on = ClaimChecker.CheckText(text, "t.claims").Single();
        Assert.That(on.Steps[0].Correction, Is.Null);
        Assert.That(on.Steps[1].Correction!.Text, Is.EqualTo("2*z"));
        var off = ClaimChecker.CheckText(text, "t.claims", CheckOptions.Default with { Corrections = false }).Single();
        Assert.That(off.Steps[1].Correction, Is.Null);
        Assert.That(off.Steps[1].Verdict, Is.EqualTo(Verdict.Refuted));
    }

    /// <summary>Every refuted step of the catalogue gets a correction, and checking "left = correction" as a
    /// claim of its own (an independent run of the checker) proves it.</summary>
    [Test]
    public void Catalogue_EveryRefutedStep_HasACorrectionTheCheckerProves()
    {
        var missing = new List<string>();
        foreach (var file in ClaimsCatalogue.Files)
        {
            // Corrections are searched in index notation only so far; matrix-notation claims keep their counterexample.
            foreach (var result in ClaimChecker.CheckText(file.Text, file.FileName).Where(r => !MatrixLowering.Applies(r.Syntax!)))
            {
                foreach (var step in result.Steps.Where(s => s is { Verdict: Verdict.Refuted, IsPsd: false }))
                {
                    if (step.Correction is not { } correction)
                    {
                        missing.Add($"{result.Name} step {step.Index}: none");
                        continue;
                    }

                    var left = result.Syntax!.Chain[step.Index - 1].Text;
                    var check = ClaimChecker.Check(Restate(result.Syntax!, left, correction.Text));
                    // A left side that is identically 0 evaluates to rounding noise, so the checker calls any step from
                    // it an error (no point to compare), "left = 0" included: then only the search's symbolic proof speaks.
                    var uncheckable = check.Error is { } error && ClaimChecker.Check(Restate(result.Syntax!, left, "0")).Error?.Message == error.Message;
                    if (check.Verdict is not Verdict.Proved && !uncheckable)
                    {
                        missing.Add($"{result.Name} step {step.Index}: `{correction.Text}` is {check.Verdict}");
                    }
                }
            }
        }

        Assert.That(missing, Is.Empty);
    }

    /// <summary>The catalogue's -as-written claims carry their computed correction, and it is equal (proved) to the
    /// hand-written corrected claim's step, wherever the companion keeps the definitions and the left side.</summary>
    [Test]
    public void Catalogue_AsWrittenCorrections_MatchTheHandWrittenCorrectedClaims()
    {
        var compared = new List<string>();
        foreach (var file in ClaimsCatalogue.Files)
        {
            var results = ClaimChecker.CheckText(file.Text, file.FileName);
            foreach (var wrong in results.Where(r => r.Name.EndsWith("-as-written", StringComparison.Ordinal) && !MatrixLowering.Applies(r.Syntax!)))
            {
                var companion = results.Single(r => r.Name == wrong.Name.Replace("-as-written", "-corrected", StringComparison.Ordinal)).Syntax!;
                var step = wrong.Steps.Single(s => s.Index == wrong.FirstRefutedStep);
                Assert.That(step.Correction, Is.Not.Null, wrong.Name);
                var syntax = wrong.Syntax!;
                var sameLets = syntax.Lets.Select(l => l.Name + "=" + l.Body.Text).SequenceEqual(companion.Lets.Select(l => l.Name + "=" + l.Body.Text));
                if (!sameLets || companion.Chain[step.Index - 1].Text != syntax.Chain[step.Index - 1].Text)
                {
                    continue; // the companion corrects a definition, not the step (tanh-logistic-loss: another loss)
                }

                var check = ClaimChecker.Check(Restate(syntax, step.Correction!.Text, companion.Chain[step.Index].Text));
                Assert.That(check.Verdict, Is.EqualTo(Verdict.Proved), $"{wrong.Name}: `{step.Correction.Text}` against `{companion.Chain[step.Index].Text}`");
                compared.Add(wrong.Name);
            }
        }

        Assert.That(compared, Has.Count.GreaterThanOrEqualTo(7), string.Join(", ", compared));
    }

    /// <summary>Found by the claims fuzz test: squares of a huge finite atom (exp(tanh(x)^-3) near x = 0) overflowed in
    /// the combination fit, and MathNet's SVD never returned on the infinite entry, past every time limit.</summary>
    [Test]
    public void Correction_OverflowingAtoms_DoNotHangTheSearch()
    {
        var text = "claim fuzz\n  step(y/y)*x + x - y\n    = exp((tanh(x))^-3)\nend\n";
        var options = CheckOptions.Default with { ClaimTimeLimit = TimeSpan.FromSeconds(5) };
        var run = Task.Run(() => ClaimChecker.CheckText(text, "fuzz.claims", options));
        Assert.That(run.Wait(TimeSpan.FromSeconds(30)), Is.True, "the check returned");
        Assert.That(run.Result.Single().Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void Reports_ShowTheCorrection_TextJsonMarkdown()
    {
        var text = "claim c\n  d/dz ln(sigmoid(z))\n    = 1 - sigmoid(z)\n    = sigmoid(z) - 1\nend\n";
        var results = ClaimChecker.CheckText(text, "t.claims");
        Assert.That(TextReport.Write(results), Does.Contain("should read: -(sigmoid(z) - 1)").And.Contain("(the sign is wrong"));
        var json = System.Text.Json.JsonDocument.Parse(JsonReport.Write(results)).RootElement.GetProperty("claims")[0].GetProperty("steps");
        Assert.That(json[0].TryGetProperty("correction", out _), Is.False, "a step that is not refuted has no correction field");
        Assert.That(json[1].GetProperty("correction").GetString(), Is.EqualTo("-(sigmoid(z) - 1)"));
        var diff = json[1].GetProperty("correctionDiff");
        Assert.That(diff.GetProperty("kind").GetString(), Is.EqualTo("sign"));
        Assert.That(diff.GetProperty("written").GetString(), Is.EqualTo("sigmoid(z) - 1"));
        var page = MarkdownReport.WritePage(new CheckedFile("t.claims", text, results));
        Assert.That(page, Does.Contain("Correction of step 2").And.Contain("`-(sigmoid(z) - 1)`"));
    }

    /// <summary>The claim with its chain replaced by <c>left = right</c> and nothing expected.</summary>
    internal static ClaimSyntax Restate(ClaimSyntax claim, string left, string right) =>
        claim with
        {
            Name = claim.Name + "-restated",
            Chain = [new ExpressionText(left, claim.Line, 1), new ExpressionText(right, claim.Line, 1)],
            Expectation = null,
            Psd = null,
        };

    private static string Catalogue(string name) => ClaimsCatalogue.Files.Single(f => f.FileName == name).Text;
}
