using FsCheck;
using FsCheck.Fluent;
using GradCheck.Training.Data;

namespace GradCheck.Training.Tests.Data;

[TestFixture]
public sealed class IdxFileTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gradcheck-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property WriteThenRead_AnyShapeRawOrGzip_RoundTrips()
    {
        var shapes = Gen.Choose(1, 3).SelectMany(rank => Gen.ArrayOf(Gen.Choose(0, 6), rank));
        var cases = shapes.SelectMany(dims => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), dims.Aggregate(1, (p, d) => p * d))
            .SelectMany(values => ArbMap.Default.GeneratorFor<bool>().Select(gzip => (dims, values, gzip))));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
            new IdxFile(c.dims, c.values).Write(path, c.gzip);
            var read = IdxFile.Read(path);
            return read.Dimensions.SequenceEqual(c.dims) && read.Values.SequenceEqual(c.values);
        });
    }

    [Test]
    public void Read_GzipFile_DetectsCompressionByMagic()
    {
        var path = Path.Combine(_directory, "labels");
        new IdxFile([3], [7, 8, 9]).Write(path, gzip: true);
        Assert.That(File.ReadAllBytes(path)[..2], Is.EqualTo(new byte[] { 0x1F, 0x8B }));
        Assert.That(IdxFile.Read(path).Values, Is.EqualTo(new byte[] { 7, 8, 9 }));
    }

    [Test]
    public void Read_TruncatedData_SaysHowManyBytesWereExpected()
    {
        var path = Path.Combine(_directory, "images");
        new IdxFile([2, 2, 2], new byte[8]).Write(path, gzip: false);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        var error = Assert.Throws<DatasetException>(() => IdxFile.Read(path));
        Assert.That(error!.Message, Does.Contain("truncated IDX data").And.Contain("needs 8 bytes").And.Contain("has 5").And.Contain(path));
    }

    [Test]
    public void Read_TruncatedGzip_IsRejectedWithTheFileName()
    {
        var path = Path.Combine(_directory, "images.gz");
        new IdxFile([100, 10], Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray()).Write(path, gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<DatasetException>(() => IdxFile.Read(path));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void Read_TruncatedHeader_IsRejected()
    {
        var path = Path.Combine(_directory, "short");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0, 0, 1]);
        Assert.That(() => IdxFile.Read(path), Throws.TypeOf<DatasetException>().With.Message.Contains("truncated IDX header"));
    }

    [Test]
    public void Read_TrailingBytes_AreRejected()
    {
        var path = Path.Combine(_directory, "long");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0, 0, 2, 5, 6, 7]);
        Assert.That(() => IdxFile.Read(path), Throws.TypeOf<DatasetException>().With.Message.Contains("accounts for 2 bytes"));
    }

    [TestCase(new byte[] { 1, 0, 8, 1 }, "two zero bytes")]
    [TestCase(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 0 }, "element type 0x0D")]
    [TestCase(new byte[] { 0, 0, 8, 0 }, "0 dimensions")]
    [TestCase(new byte[] { 0, 0 }, "too short")]
    [TestCase(new byte[] { 0, 0, 8, 4, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 }, "truncated IDX data")] // 2¹⁶·2¹⁶·2¹⁶·2¹⁶ wraps to 0 in 64 bits
    public void Parse_MalformedHeader_SaysWhy(byte[] bytes, string reason) =>
        Assert.That(() => IdxFile.Parse(bytes, "test.idx"), Throws.TypeOf<DatasetException>().With.Message.Contains(reason).And.Message.StartsWith("test.idx"));

    [Test]
    public void Write_ShapeWhoseCountWrapsToZero_IsRejected()
    {
        var path = Path.Combine(_directory, "huge");
        var error = Assert.Throws<ArgumentException>(() => new IdxFile([65536, 65536, 65536, 65536], []).Write(path, gzip: false));
        Assert.That(error!.Message, Does.Contain("cannot hold 0 values"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void Read_MissingFile_NamesThePath()
    {
        var path = Path.Combine(_directory, "absent");
        Assert.That(() => IdxFile.Read(path), Throws.TypeOf<DatasetException>().With.Message.Contains(path));
    }

    [Test]
    public void LoadIdxPair_GeneratedPair_ScalesPixelsAndKeepsLabels()
    {
        WritePair("train", images: [0, 255, 51, 102, 0, 0, 0, 0], imageDims: [2, 2, 2], labels: [3, 9]);
        var set = StandardDatasets.LoadIdxPair(_directory, "train", "tiny", "hint");
        Assert.Multiple(() =>
        {
            Assert.That(set.Count, Is.EqualTo(2));
            Assert.That(set.FeatureCount, Is.EqualTo(4));
            Assert.That(set.Labels.ToArray(), Is.EqualTo(new[] { 3, 9 }));
            Assert.That(set.Row(0).ToArray(), Is.EqualTo(new[] { 0f, 1f, 0.2f, 0.4f }));
        });
    }

    [Test]
    public void LoadIdxPair_MoreLabelsThanImages_IsRejected()
    {
        WritePair("train", images: new byte[8], imageDims: [2, 2, 2], labels: [1, 2, 3]);
        Assert.That(
            () => StandardDatasets.LoadIdxPair(_directory, "train", "tiny", "hint"),
            Throws.TypeOf<DatasetException>().With.Message.Contains("holds 2 images").And.Message.Contains("holds 3 labels"));
    }

    [Test]
    public void LoadIdxPair_TruncatedImages_SaysHowToReplaceThem()
    {
        var pixels = Enumerable.Range(0, 2 * 10 * 10).Select(i => (byte)(i * 37 % 251)).ToArray();
        WritePair("train", images: pixels, imageDims: [2, 10, 10], labels: [1, 2]);
        var path = Path.Combine(_directory, "train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.That(
            () => StandardDatasets.LoadIdxPair(_directory, "train", "tiny", "install it with the-hint"),
            Throws.TypeOf<DatasetException>().With.Message.Contains(path).And.Message.Contains("the-hint"));
    }

    [Test]
    public void LoadIdxPair_LabelOutsideTheClasses_IsRejectedWithItsIndex()
    {
        WritePair("train", images: new byte[8], imageDims: [2, 2, 2], labels: [1, 10]);
        Assert.That(
            () => StandardDatasets.LoadIdxPair(_directory, "train", "tiny", "hint"),
            Throws.TypeOf<DatasetException>().With.Message.Contains("label 10 at sample 1"));
    }

    [Test]
    public void LoadIdxPair_LabelsFileInPlaceOfImages_IsRejected()
    {
        new IdxFile([2], [1, 2]).Write(Path.Combine(_directory, "train-images-idx3-ubyte"), gzip: false);
        new IdxFile([2], [1, 2]).Write(Path.Combine(_directory, "train-labels-idx1-ubyte"), gzip: false);
        Assert.That(
            () => StandardDatasets.LoadIdxPair(_directory, "train", "tiny", "hint"),
            Throws.TypeOf<DatasetException>().With.Message.Contains("expected an image array").And.Message.Contains("labels file"));
    }

    [Test]
    public void LoadFashionMnist_MissingFolder_SaysWhereItLookedAndHowToInstall()
    {
        var error = Assert.Throws<DatasetException>(() => StandardDatasets.LoadFashionMnist(Path.Combine(_directory, "nowhere")));
        Assert.That(error!.Message, Does.Contain("train-images-idx3-ubyte").And.Contain("nowhere").And.Contain("apt-get install dataset-fashion-mnist"));
    }

    private void WritePair(string prefix, byte[] images, int[] imageDims, byte[] labels)
    {
        new IdxFile(imageDims, images).Write(Path.Combine(_directory, $"{prefix}-images-idx3-ubyte.gz"), gzip: true);
        new IdxFile([labels.Length], labels).Write(Path.Combine(_directory, $"{prefix}-labels-idx1-ubyte"), gzip: false);
    }

    [Test]
    public void Read_GzipInflatingFarBeyondItsHeader_IsRefusedWithoutInflatingIt()
    {
        // Header: 100 images of 28 × 28, then 64 MiB of zeros (compresses to ~64 KiB): issue #14's bomb, scaled down.
        var path = Path.Combine(_directory, "bomb.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write([0, 0, 8, 3, 0, 0, 0, 100, 0, 0, 0, 28, 0, 0, 0, 28]);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Read(path));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(e!.Message, Does.Contain("accounts for 78400 bytes of values but the file has more"));
        Assert.That(allocated, Is.LessThan(8L << 20), "the stream is read one byte past the declared size, not inflated whole");
    }

    [Test]
    public void Read_HeaderDeclaringMoreThanTheLimit_IsRefused()
    {
        var path = Path.Combine(_directory, "huge.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write([0, 0, 8, 2, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3]);
        }

        var e = Assert.Throws<DatasetException>(() => IdxFile.Read(path));
        Assert.That(e!.Message, Does.Contain("more than the"));
    }

    [Test]
    public void Read_GzipHeaderPromisingMoreThanDelivered_IsTruncated()
    {
        var path = Path.Combine(_directory, "short.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write([0, 0, 8, 1, 0x10, 0, 0, 0, 1, 2, 3]);
        }

        var e = Assert.Throws<DatasetException>(() => IdxFile.Read(path));
        Assert.That(e!.Message, Does.Contain("truncated IDX data"));
    }
}
