using System.Text.Json;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;

namespace GradCheck.Claims.Tests.Reporting;

/// <summary>
/// Symbols without an <c>assume</c> range over the reals, so a step whose sides have different domains
/// is refuted at a point where one side is undefined; every report says which side and why.
/// </summary>
public sealed class DomainCounterexampleTests
{
    private const string Claims = """
        claim ln-product-split
          ln(x*y) = ln(x) + ln(y)
        end

        claim ln-square
          ln(x^2) = 2*ln(x)
        end

        claim exp-ln
          exp(ln(x)) = x
        end

        claim ln-product-split-positive
          assume x > 0
          assume y in (0, 3)
          ln(x*y) = ln(x) + ln(y)
        end

        claim exp-ln-positive
          assume x > 0
          exp(ln(x)) = x
        end
        """;

    private static Dictionary<string, ClaimResult> Check() =>
        ClaimChecker.CheckText(Claims, "domains.claims").ToDictionary(r => r.Name);

    [Test]
    public void Check_LogarithmSplitsOverTheReals_AreRefutedWithTheUndefinedSide()
    {
        var results = Check();

        var split = results["ln-product-split"];
        Assert.That(split.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(split.FirstRefutedStep, Is.EqualTo(1));
        var c = split.Steps[0].Counterexample!;
        Assert.That(c.UndefinedSide, Is.EqualTo("right"));
        Assert.That(c.Reason, Is.EqualTo("ln of a negative number"));
        Assert.That(c.Values["x"], Is.LessThan(0));
        Assert.That(c.Values["y"], Is.LessThan(0));
        Assert.That(c.Left, Is.EqualTo(Math.Log(c.Values["x"] * c.Values["y"])).Within(1e-12));

        var square = results["ln-square"].Steps[0].Counterexample!;
        Assert.That(results["ln-square"].Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That((square.UndefinedSide, square.Values["x"] < 0), Is.EqualTo(("right", true)));

        var expLn = results["exp-ln"].Steps[0].Counterexample!;
        Assert.That(results["exp-ln"].Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(expLn.UndefinedSide, Is.EqualTo("left"));
        Assert.That(expLn.Right, Is.EqualTo(expLn.Values["x"]));
        Assert.That(expLn.Left, Is.NaN);
    }

    [Test]
    public void Check_LogarithmSplitsUnderPositivity_HoldAgain()
    {
        var results = Check();
        Assert.That(results["ln-product-split-positive"].Verdict, Is.EqualTo(Verdict.Proved));
        Assert.That(results["exp-ln-positive"].Verdict, Is.EqualTo(Verdict.Proved)); // exp(ln x) = x where the left is defined
    }

    [Test]
    public void TextReport_DomainCounterexample_SaysWhichSideIsUndefinedAndWhy()
    {
        var text = TextReport.Write([Check()["ln-product-split"]]);
        Assert.That(text, Does.Match(@"left = -?[0-9.]+, right = undefined \(right side undefined: ln of a negative number\)"));
        Assert.That(text, Does.Not.Contain("NaN"));

        var expLn = TextReport.Write([Check()["exp-ln"]]);
        Assert.That(expLn, Does.Contain("left = undefined, right = -"));
    }

    [Test]
    public void MarkdownReport_DomainCounterexample_SaysWhichSideIsUndefinedAndWhy()
    {
        var results = ClaimChecker.CheckText(Claims, "domains.claims");
        var page = MarkdownReport.WritePage(new CheckedFile("domains.claims", Claims, results));
        Assert.That(page, Does.Contain("right = undefined (right side undefined: ln of a negative number)"));
        Assert.That(page, Does.Contain("left = undefined"));
        Assert.That(page, Does.Not.Contain("NaN"));
    }

    [Test]
    public void JsonReport_DomainCounterexample_WritesNullForTheUndefinedSideAndNamesIt()
    {
        var results = ClaimChecker.CheckText(Claims, "domains.claims");
        using var document = JsonDocument.Parse(JsonReport.Write(results));
        var claims = document.RootElement.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        var split = claims["ln-product-split"].GetProperty("steps")[0].GetProperty("counterexample");
        Assert.That(split.GetProperty("left").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(split.GetProperty("right").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(split.GetProperty("undefinedSide").GetString(), Is.EqualTo("right"));
        Assert.That(split.GetProperty("reason").GetString(), Is.EqualTo("ln of a negative number"));
        var values = split.GetProperty("values");
        Assert.That(values.GetProperty("x").GetDouble() * values.GetProperty("y").GetDouble(), Is.GreaterThan(0));

        var expLn = claims["exp-ln"].GetProperty("steps")[0].GetProperty("counterexample");
        Assert.That(expLn.GetProperty("left").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(expLn.GetProperty("right").GetDouble(), Is.EqualTo(expLn.GetProperty("values").GetProperty("x").GetDouble()));
        Assert.That(expLn.GetProperty("undefinedSide").GetString(), Is.EqualTo("left"));

        // An ordinary counterexample has no domain fields; a proved step has no counterexample.
        var ordinary = JsonReport.Write(ClaimChecker.CheckText("claim w\n  d/dz ln(sigmoid(z)) = sigmoid(z) - 1\nend\n", "w.claims"));
        Assert.That(ordinary, Does.Not.Contain("undefinedSide"));
        Assert.That(claims["ln-product-split-positive"].GetProperty("steps")[0].GetProperty("counterexample").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
