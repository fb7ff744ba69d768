namespace GradCheck.Cli.Tests.Commands;

/// <summary>Bad number options of <c>train</c>: a message and exit code 2, never a stack trace (issue #14).</summary>
public class TrainOptionsTests
{
    [TestCase("--lr", "abc")]
    [TestCase("--lr", "0,1")]
    [TestCase("--lr", "1,000")]
    [TestCase("--lr", "NaN")]
    [TestCase("--lr", "-1")]
    [TestCase("--batch", "abc")]
    [TestCase("--batch", "99999999999")]
    [TestCase("--batch", "0")]
    [TestCase("--batch", "1.5")]
    [TestCase("--epochs", "x")]
    [TestCase("--validation", "-3")]
    [TestCase("--validation", "q")]
    [TestCase("--weight-decay", "1e400")]
    [TestCase("--weight-decay", "zz")]
    [TestCase("--patience", "zz")]
    [TestCase("--patience", "0")]
    [TestCase("--train-count", "1_000")]
    [TestCase("--test-count", "")]
    [TestCase("--seed", "9999999999999")]
    public void Train_BadNumber_ExitsTwoWithAMessage(string option, string value)
    {
        var (code, output, error) = CliHarness.Run("train", option, value, "--data-path", "/nonexistent");
        Assert.That(code, Is.EqualTo(2), output + error);
        Assert.That(error, Does.Contain(option));
        Assert.That(error + output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Train_CommaDecimal_IsRefusedNotReadAsThousands()
    {
        var (code, _, error) = CliHarness.Run("train", "--lr", "0,1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("'0,1' is not a number"));
    }

    [Test]
    public void Train_OptionWithoutValue_ExitsTwo()
    {
        var (code, _, _) = CliHarness.Run("train", "--lr");
        Assert.That(code, Is.EqualTo(2));
    }

    [Test]
    public void Check_UnknownOption_ExitsTwoNotTheRefutedCode()
    {
        var (code, _, error) = CliHarness.Run("check", "--no-such-option");
        Assert.That(code, Is.EqualTo(2), error);
    }
}
