using System.Text.Json;
using GradCheck.Cli.Commands;

namespace GradCheck.Cli.Tests.Commands;

public class ClaimsCommandsTests
{
    private const string Examples = """
        claim softmax-jacobian
          index i, j, k in 1..K
          for K in 2..5
          let s_i = exp(z_i) / sum(k, exp(z_k))
          d/dz_j s_i = s_i * (delta(i, j) - s_j)
        end

        claim wrong-sign-example
          expect refuted at step 1
          d/dz ln(sigmoid(z)) = sigmoid(z) - 1
        end
        """;

    [Test]
    public void Verify_Catalogue_ExitsZeroWithATableOfEveryClaim()
    {
        var (code, output, _) = CliHarness.Run("verify");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("every verdict meets its expectation"));
        Assert.That(output, Does.Match(@"seed-000.claims +bernoulli-nll-as-written +refuted at step 1 +refuted at step 1 +1 +ok"));
        Assert.That(output, Does.Match(@"\d+ claims in 6 files"));
        Assert.That(output, Does.Match(@"canonical.claims +softmax-jacobian +proved for every K ≥ 2 "), "the index calculus's result is in the table");
        Assert.That(output, Does.Match(@"\d+ proved \(\d+ of them for every size at once\)"));
    }

    [Test]
    public void Verify_Json_HasTheContractFieldsForEveryClaim()
    {
        var (code, output, _) = CliHarness.Run("verify", "--json");
        Assert.That(code, Is.Zero);
        using var document = JsonDocument.Parse(output);
        var claims = document.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.That(claims, Has.Count.GreaterThan(90));
        foreach (var claim in claims)
        {
            foreach (var field in new[] { "name", "file", "line", "verdict", "expected", "expectedStep", "expectationMet", "firstRefutedStep", "steps", "error" })
            {
                Assert.That(claim.TryGetProperty(field, out _), Is.True, $"{field} in {claim}");
            }
        }

        var summary = document.RootElement.GetProperty("summary");
        Assert.That(summary.GetProperty("proved").GetInt32() + summary.GetProperty("holdsNumerically").GetInt32()
                    + summary.GetProperty("refuted").GetInt32() + summary.GetProperty("error").GetInt32(), Is.EqualTo(claims.Count));
    }

    [Test]
    public void Check_ContractExamplesFile_ExitsZeroAndShowsTheCounterexample()
    {
        var path = CliHarness.TempClaims(Examples);
        try
        {
            var (code, output, _) = CliHarness.Run("check", path, "--verbose");
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("wrong-sign-example: refuted at step 1 (expected refuted at step 1)"));
            Assert.That(output, Does.Match(@"at z = -?\d"));
            Assert.That(output, Does.Match(@"left = -?\d.*, right = -?\d"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Check_JsonOfContractExamples_MatchesTheSchema()
    {
        var path = CliHarness.TempClaims(Examples);
        try
        {
            var (code, output, _) = CliHarness.Run("check", path, "--json");
            Assert.That(code, Is.Zero);
            using var document = JsonDocument.Parse(output);
            var claims = document.RootElement.GetProperty("claims");
            var jacobian = claims[0];
            Assert.That(jacobian.GetProperty("name").GetString(), Is.EqualTo("softmax-jacobian"));
            Assert.That(jacobian.GetProperty("line").GetInt32(), Is.EqualTo(1));
            Assert.That(jacobian.GetProperty("verdict").GetString(), Is.EqualTo("proved"));
            Assert.That(jacobian.GetProperty("expected").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(jacobian.GetProperty("expectationMet").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(jacobian.GetProperty("steps")[0].GetProperty("instance").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var wrong = claims[1];
            Assert.That(wrong.GetProperty("verdict").GetString(), Is.EqualTo("refuted"));
            Assert.That(wrong.GetProperty("expected").GetString(), Is.EqualTo("refuted"));
            Assert.That(wrong.GetProperty("expectedStep").GetInt32(), Is.EqualTo(1));
            Assert.That(wrong.GetProperty("expectationMet").GetBoolean(), Is.True);
            Assert.That(wrong.GetProperty("firstRefutedStep").GetInt32(), Is.EqualTo(1));
            var counterexample = wrong.GetProperty("steps")[0].GetProperty("counterexample");
            Assert.That(counterexample.GetProperty("values").GetProperty("z").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(counterexample.GetProperty("left").GetDouble(), Is.Not.EqualTo(counterexample.GetProperty("right").GetDouble()));
            Assert.That(document.RootElement.GetProperty("summary").GetProperty("refuted").GetInt32(), Is.EqualTo(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Check_InlineClaim_IsProved()
    {
        var (code, output, _) = CliHarness.Run("check", "--claim", "d/dz sigmoid(z) = sigmoid(z)*(1 - sigmoid(z))");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("command-line: proved"));
    }

    [Test]
    public void Check_RefutedWithoutExpectation_ExitsOne()
    {
        var (code, output, _) = CliHarness.Run("check", "--claim", "d/dz ln(sigmoid(z)) = sigmoid(z) - 1");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL command-line: refuted at step 1"));
    }

    [Test]
    public void Check_ErrorInInput_ExitsTwoWithLineAndColumn()
    {
        var path = CliHarness.TempClaims("claim bad\n  d/dz foo(z) = 1\nend\n");
        try
        {
            var (code, output, _) = CliHarness.Run("check", path);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Contain($"{path}:2:8: error:"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Check_TenMegabytesOfBinaryJunk_ExitsTwoWithAPositionedError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradcheck-{Guid.NewGuid():N}.claims");
        var bytes = new byte[10 * 1024 * 1024];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        try
        {
            var (code, output, _) = CliHarness.Run("check", path);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Does.Match($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: error: expected `claim NAME`"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Check_MissingFile_ExitsTwo()
    {
        var (code, output, _) = CliHarness.Run("check", "/nonexistent/x.claims");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("cannot read the file: no such file"));
    }

    [Test]
    public void Check_Directory_ExitsTwoAndSaysItIsADirectory()
    {
        var (code, output, _) = CliHarness.Run("check", Path.GetTempPath());
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.Contain("cannot read the file: it is a directory"));
    }

    [Test]
    public void Check_NothingToCheck_ExitsTwoWithAHint()
    {
        var (code, _, error) = CliHarness.Run("check");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--claim"));
    }

    [TestCase("verify")]
    [TestCase("check")]
    [TestCase("docs")]
    public void Help_EveryCommand_TeachesByExample(string command)
    {
        var (code, output, _) = CliHarness.Run(command, "--help");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Examples:"));
        Assert.That(output, Does.Contain("gradcheck " + command));
    }

    [Test]
    public void Docs_CheckedInPages_AreUpToDate()
    {
        var folder = Path.Combine(CliHarness.RepositoryRoot(), "docs", "derivations");
        var pages = DocsCommand.Pages(ClaimsRunner.CheckCatalogue(null));
        var stale = pages.Where(p => !File.Exists(Path.Combine(folder, p.Key)) || File.ReadAllText(Path.Combine(folder, p.Key)) != p.Value)
            .Select(p => p.Key).ToList();
        Assert.That(stale, Is.Empty, "docs/derivations is stale: run `dotnet run --project src/GradCheck.Cli -c Release -- docs --out docs/derivations`");
        var extra = Directory.GetFiles(folder, "*.md").Select(Path.GetFileName).Except(pages.Keys).ToList();
        Assert.That(extra, Is.Empty, "pages for claims files that no longer exist");
    }

    [Test]
    public void Docs_OutUnderAFile_ExitsTwoWithTheReasonNotAStackTrace()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, error) = CliHarness.Run("docs", "--out", Path.Combine(file, "pages"));
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("gradcheck docs: cannot write the pages to").And.Not.Contain("   at "));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Docs_Check_ReportsAStalePage()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gradcheck-docs-{Guid.NewGuid():N}");
        try
        {
            Assert.That(CliHarness.Run("docs", "--out", folder).ExitCode, Is.Zero);
            Assert.That(CliHarness.Run("docs", "--out", folder, "--check").ExitCode, Is.Zero);
            File.AppendAllText(Path.Combine(folder, "seed-002.md"), "edited\n");
            var (code, output, _) = CliHarness.Run("docs", "--out", folder, "--check");
            Assert.That(code, Is.EqualTo(1));
            Assert.That(output, Does.Contain("stale: ").And.Contain("seed-002.md"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
