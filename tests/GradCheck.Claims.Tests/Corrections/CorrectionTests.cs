using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
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

    /// <summary>A factor 1/2 too many: the fraction is scaled as a whole and vanishes, never read as 2/2.</summary>
    [Test]
    public void Correction_FactorOnAFractionOfLiterals_ScalesTheWholeFraction()
    {
        var step = Step("claim c\n  d/dz sigmoid(z) = sigmoid(z)*(1 - 1/2*sigmoid(z))\nend\n", 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("sigmoid(z)*(1 - sigmoid(z))"));
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
    public void Correction_MatrixTransposeMissing_IsAddedInMatrixNotation()
    {
        var step = Step("claim c\n  matrix W in R^(K x K)\n  vector d in R^K\n  vector x in R^K\n  for K in 2..3\n  d/dx (d'*W*x) = W*d\nend\n", 1);
        Assert.That(step.Correction, Is.Not.Null);
        Assert.That(step.Correction!.Text, Is.EqualTo("W'*d"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.TransposeMark));
    }

    [Test]
    public void Correction_MatrixMissingOneOverN_IsSolvedFor()
    {
        var step = Step("claim c\n  vector z in R^N\n  for N in 2..4\n  d/dz (sum(z .* z)/(2*N)) = z\nend\n", 1);
        Assert.That(step.Correction, Is.Not.Null);
        Assert.That(step.Correction!.Text, Is.EqualTo("1/N*z"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.Factor));
    }

    /// <summary>Seed 000's slip in miniature: a let name where another of the same shape belongs.</summary>
    [Test]
    public void Correction_MatrixNameOfTheSameShape_IsSwapped()
    {
        var step = Step("claim c\n  vector z in R^K\n  vector y in R^K\n  matrix W in R^(K x K)\n  let u = W'*y\n  let v = W'*z\n  for K in 2..3\n  d/dz (y'*W*z) = v\nend\n", 1);
        Assert.That(step.Correction, Is.Not.Null);
        Assert.That(step.Correction!.Text, Is.EqualTo("u"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.NameSwap));
    }

    /// <summary>A recursion expanded one layer too far: the run of extra factors is dropped, in matrix notation.</summary>
    [Test]
    public void Correction_MatrixExtraFactors_AreDropped()
    {
        var symmetric = Step("claim c\n  vector z in R^K\n  vector y in R^K\n  matrix A in R^(K x K)\n  matrix B in R^(K x K)\n  for K in 2..3\n  d/dz (y'*A*z) = A'*B*B'*y\nend\n", 1);
        Assert.That(symmetric.Correction!.Text, Is.EqualTo("A'*y"));
        Assert.That(symmetric.Correction.Kind, Is.EqualTo(EditKind.ExtraFactor));
        Assert.That(symmetric.Correction.Explanation, Is.EqualTo("the factors `B*B'` should not be there"));
    }

    [Test]
    public void Correction_MissingTerm_IsWrittenInTheClaimsTerms()
    {
        var step = Step("claim c\n  let h = w*x + b\n  d/dw (h^2/2 + lambda*w^2/2) = h*x\nend\n", 1);
        Assert.That(step.Correction!.Kind, Is.EqualTo(EditKind.MissingTerm));
        Assert.That(step.Correction.Text, Is.EqualTo("h*x + lambda*w"));
    }

    /// <summary>A term dropped beside a delta: the search guesses it from the claim's names at the visible indices.</summary>
    [Test]
    public void Correction_TermDroppedBesideADelta_IsRestoredThere()
    {
        var step = Step("""
            claim c
              index i, j, k in 1..K
              for K in 2..4
              let s_i = exp(z_i) / sum(k, exp(z_k))
              d/dz_j s_i = s_i*delta(i, j)
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("s_i*(delta(i, j) - s_j)"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.MissingTerm));
    }

    /// <summary>A dropped indicator the claim's text never writes (the one-hot label of a softmax gradient): the search
    /// tries the Kronecker delta of every pair of visible indices.</summary>
    [Test]
    public void Correction_DroppedIndicator_IsRestoredAsADelta()
    {
        var step = Step("""
            claim c
              index a, i, k in 1..K
              for K in 2..4
              let s_k = exp(z_k)/sum(k, exp(z_k))
              d/dz_i (-ln(s_a)) = s_i
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("s_i - delta(a, i)"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.MissingTerm));
    }

    /// <summary>A dropped term that vanishes with the delta at the reference instance (i ≠ j) is solved for there,
    /// where i and j can be told apart, not at i = j.</summary>
    [Test]
    public void Correction_TermMissingBesideAVanishingDelta_IsSolvedForAtDistinctIndices()
    {
        var step = Step("""
            claim c
              index i, j, k in 1..K
              for K in 2..4
              d/dz_j (z_i - ln(sum(k, exp(z_k)))) = delta(i, j)
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("delta(i, j) - exp(z_j)/sum(k, exp(z_k))"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.MissingTerm));
    }

    [Test]
    public void Correction_TermDroppedInsideASumBody_IsRestoredInTheBody()
    {
        var step = Step("""
            claim c
              index k in 1..K
              for K in 2..3
              sum(k, x_k*z_k) - sum(k, x_k*y_k) = sum(k, x_k*z_k)
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("sum(k, x_k*(z_k - y_k))"));
    }

    /// <summary>The 1 of 1 − σ dropped: restored from the side's own subexpression.</summary>
    [Test]
    public void Correction_OneMinusDropped_IsRestoredFromTheSidesOwnTerm()
    {
        var step = Step("claim c\n  d/dz sigmoid(z) = sigmoid(z)*1\nend\n", 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("sigmoid(z)*(1 - sigmoid(z))"));
    }

    /// <summary>In matrix notation (no term solved for there): the dropped term is a let name, or the number 1.</summary>
    [TestCase("let a = sigmoid(z)\n  d/dz sum(a) = a .* 1", "a .* (1 - a)")]
    [TestCase("sigmoid(z) = 1 ./ exp(-z)", "1 ./ (exp(-z) + 1)")]
    public void Correction_MatrixOneOrOneMinusDropped_IsRestored(string chain, string expected)
    {
        var step = Step("claim c\n  vector z in R^K\n  for K in 2..3\n  " + chain + "\nend\n", 1);
        Assert.That(step.Correction!.Text, Is.EqualTo(expected));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.MissingTerm));
    }

    [Test]
    public void Correction_MatrixTermDropped_IsRestoredInMatrixNotation()
    {
        var step = Step("""
            claim c
              vector z in R^K
              vector y in R^K
              for K in 2..3
              let yhat = softmax(z)
              let C = -sum(y .* ln(yhat))
              assume y simplex
              d/dz C = yhat
            end
            """, 1);
        Assert.That(step.Correction!.Text, Is.EqualTo("yhat - y"));
        Assert.That(step.Correction.Kind, Is.EqualTo(EditKind.MissingTerm));
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

    /// <summary>Seed 001's step 3: adding `sum(m, y_m*s_m) - s_j` beside the writer's `+ s_j` would take that term
    /// back; the side is rewritten instead.</summary>
    [Test]
    public void Correction_MissingTermThatTakesBackAWrittenTerm_IsARewrite()
    {
        var result = ClaimChecker.CheckText(Catalogue("seed-001.claims"), "seed-001.claims").Single(r => r.Name == "softmax-cross-entropy-steps-as-written");
        var step = result.Steps.Single(s => s.Index == 3);
        Assert.That(step.Correction!.Text, Is.EqualTo("sum(m, y_m*s_m) - y_j"));
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
            var parsed = Parsed(file.Text, file.FileName);
            foreach (var result in ClaimChecker.CheckText(file.Text, file.FileName))
            {
                foreach (var step in result.Steps.Where(s => s is { Verdict: Verdict.Refuted, IsPsd: false }))
                {
                    if (step.Correction is not { } correction)
                    {
                        missing.Add($"{result.Name} step {step.Index}: none");
                        continue;
                    }

                    var claim = parsed[result.Name];
                    var left = claim.Chain[step.Index - 1].Text;
                    var check = ClaimChecker.Check(Restate(claim, left, correction.Text));
                    // A left side that is identically 0 evaluates to rounding noise, so the checker calls any step from
                    // it an error (no point to compare), "left = 0" included: then only the search's symbolic proof speaks.
                    var uncheckable = check.Error is { } error && ClaimChecker.Check(Restate(claim, left, "0")).Error?.Message == error.Message;
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
            var parsed = Parsed(file.Text, file.FileName);
            foreach (var wrong in results.Where(r => r.Name.EndsWith("-as-written", StringComparison.Ordinal)))
            {
                var companion = parsed[wrong.Name.Replace("-as-written", "-corrected", StringComparison.Ordinal)];
                var step = wrong.Steps.Single(s => s.Index == wrong.FirstRefutedStep);
                Assert.That(step.Correction, Is.Not.Null, wrong.Name);
                var syntax = parsed[wrong.Name];
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

    /// <summary>Found by the claims property test: the claim's time limit passing inside the search (a dropped term
    /// guessed over a nine-factor matrix product) turned a refuted claim into an error. The verdicts stand; only the
    /// correction is lost.</summary>
    [Test]
    public void Correction_ClaimLimitPassingDuringTheSearch_KeepsTheVerdict()
    {
        var claim = ClaimsParser.Parse("claim c\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1\nend\n", "t.claims").Single().Claim!;
        var run = new ClaimRun(claim, CheckOptions.Default, System.Diagnostics.Stopwatch.StartNew());
        var steps = run.Run();
        using (GradCheck.Symbolic.Limits.WorkDeadline.Start(TimeSpan.Zero))
        {
            var annotated = GradCheck.Claims.Corrections.StepCorrections.Annotate(claim, steps, run.Instances, CheckOptions.Default, TimeSpan.FromSeconds(30));
            Assert.That(annotated.Single().Verdict, Is.EqualTo(Verdict.Refuted));
            Assert.That(annotated.Single().Correction, Is.Null);
        }
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

    /// <summary>The claim with its chain replaced by <c>left = right</c> and nothing expected. Give it the claim as
    /// parsed: a result's <see cref="ClaimResult.Syntax"/> is already lowered from matrix notation, and a matrix-notation
    /// correction restated there would be lowered a second time.</summary>
    internal static ClaimSyntax Restate(ClaimSyntax claim, string left, string right) =>
        claim with
        {
            Name = claim.Name + "-restated",
            Chain = [new ExpressionText(left, claim.Line, 1), new ExpressionText(right, claim.Line, 1)],
            Expectation = null,
            Psd = null,
        };

    /// <summary>The file's claims as parsed (before any lowering), by name.</summary>
    private static Dictionary<string, ClaimSyntax> Parsed(string text, string file) =>
        ClaimsParser.Parse(text, file).Where(e => e.Claim is not null).ToDictionary(e => e.Name, e => e.Claim!);

    private static string Catalogue(string name) => ClaimsCatalogue.Files.Single(f => f.FileName == name).Text;
}
