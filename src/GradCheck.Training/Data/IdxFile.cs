using System.Buffers.Binary;
using System.IO.Compression;

namespace GradCheck.Training.Data;

/// <summary>
/// An IDX array (the MNIST / Fashion-MNIST format, LeCun et al.) of unsigned bytes: the header is two zero
/// bytes, the type code 0x08, the number of dimensions, then each dimension as a big-endian int32; the
/// values follow row-major. Files may be raw or gzip-compressed (detected by the gzip magic 1F 8B).
/// </summary>
/// <param name="Dimensions">The array's shape, e.g. [60000, 28, 28] for images, [60000] for labels.</param>
/// <param name="Values">The values, row-major; the product of the dimensions long.</param>
public sealed record IdxFile(IReadOnlyList<int> Dimensions, byte[] Values)
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes, raw or gzip.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="DatasetException">The file is missing, truncated, not IDX, of another element type,
    /// or longer than its header says; the message names the file and the problem.</exception>
    public static IdxFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DatasetException($"IDX file not found: {Path.GetFullPath(path)}");
        }

        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            var gzipped = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            file.Position = 0;
            using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
            return ReadBounded(stream, path, gzipped ? null : file.Length);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot read the IDX file ({e.Message}); a gzip file may be truncated.", e);
        }
    }

    /// <summary>The most value bytes an IDX array may hold here (1 GiB; the largest MNIST-family file has 47 MB).</summary>
    public const long MaxValueBytes = 1L << 30;

    /// <summary>
    /// Reads the header, then exactly as many value bytes as it declares and one more to detect a longer file, so a
    /// gzip stream that inflates far beyond its header (a decompression bomb, or concatenated files) is rejected after
    /// reading one byte past the declared size rather than inflated whole; the buffer grows as data arrives, so a
    /// header that promises more than the file holds allocates no more than the file delivers (doubling).
    /// </summary>
    private static IdxFile ReadBounded(Stream stream, string source, long? rawLength)
    {
        var head = new byte[4];
        var got = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (got < 4 || head[0] != 0 || head[1] != 0 || head[2] != UnsignedByteType || head[3] == 0)
        {
            return Parse(head.AsSpan(0, got), source); // the same messages as for bytes in memory
        }

        var header = new byte[4 + (4 * head[3])];
        head.CopyTo(header, 0);
        got = 4 + stream.ReadAtLeast(header.AsSpan(4), header.Length - 4, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            return Parse(header.AsSpan(0, got), source);
        }

        var dimensions = new int[head[3]];
        for (var d = 0; d < dimensions.Length; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + (4 * d), 4));
            if (dimensions[d] < 0)
            {
                throw new DatasetException($"{source}: IDX dimension {d} is negative ({dimensions[d]}).");
            }
        }

        var count = ElementCount(dimensions);
        var shape = string.Join(" × ", dimensions);
        if (count > MaxValueBytes)
        {
            throw new DatasetException($"{source}: the IDX header [{shape}] declares {count} bytes of values, more than the {MaxValueBytes} accepted.");
        }

        if (rawLength is { } length && length - header.Length != count)
        {
            var available = length - header.Length;
            throw new DatasetException(available < count
                ? $"{source}: truncated IDX data: the header [{shape}] needs {count} bytes of values, the file has {available}."
                : $"{source}: the IDX header [{shape}] accounts for {count} bytes of values but the file has {available}: wrong header or concatenated files.");
        }

        var values = new byte[(int)Math.Min(count, 1 << 24)];
        long filled = 0;
        while (filled < count)
        {
            if (filled == values.Length)
            {
                Array.Resize(ref values, (int)Math.Min(count, (long)values.Length * 2));
            }

            var read = stream.Read(values, (int)filled, values.Length - (int)filled);
            if (read == 0)
            {
                throw new DatasetException($"{source}: truncated IDX data: the header [{shape}] needs {count} bytes of values, the file has {filled}.");
            }

            filled += read;
        }

        if (stream.ReadByte() >= 0)
        {
            throw new DatasetException(
                $"{source}: the IDX header [{shape}] accounts for {count} bytes of values but the file has more: wrong header or concatenated files.");
        }

        return new IdxFile(dimensions, values);
    }

    /// <summary>Parses IDX bytes (already decompressed).</summary>
    /// <param name="bytes">The file's content.</param>
    /// <param name="source">Where the bytes came from, for messages.</param>
    /// <exception cref="DatasetException">The bytes are not a complete unsigned-byte IDX array.</exception>
    public static IdxFile Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 4)
        {
            throw new DatasetException($"{source}: {bytes.Length} bytes is too short for an IDX header (4 bytes of magic number expected).");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DatasetException(
                $"{source}: not an IDX file: the magic number must start with two zero bytes, found 0x{bytes[0]:X2} 0x{bytes[1]:X2}.");
        }

        if (bytes[2] != UnsignedByteType)
        {
            throw new DatasetException(
                $"{source}: IDX element type 0x{bytes[2]:X2} is not supported; MNIST-family files hold unsigned bytes (type 0x08).");
        }

        int rank = bytes[3];
        if (rank == 0)
        {
            throw new DatasetException($"{source}: the IDX header declares 0 dimensions.");
        }

        var headerLength = 4 + (4 * rank);
        if (bytes.Length < headerLength)
        {
            throw new DatasetException($"{source}: truncated IDX header: {rank} dimensions need {headerLength} header bytes, the file has {bytes.Length}.");
        }

        var dimensions = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + (4 * d), 4));
            if (dimensions[d] < 0)
            {
                throw new DatasetException($"{source}: IDX dimension {d} is negative ({dimensions[d]}).");
            }
        }

        var count = ElementCount(dimensions);

        var available = bytes.Length - headerLength;
        if (available < count)
        {
            throw new DatasetException(
                $"{source}: truncated IDX data: the header [{string.Join(" × ", dimensions)}] needs {count} bytes of values, the file has {available}.");
        }

        if (available > count)
        {
            throw new DatasetException(
                $"{source}: the IDX header [{string.Join(" × ", dimensions)}] accounts for {count} bytes of values but the file has {available}: wrong header or concatenated files.");
        }

        return new IdxFile(dimensions, bytes.Slice(headerLength).ToArray());
    }

    /// <summary>Writes this array as an IDX file of unsigned bytes, gzip-compressed if <paramref name="gzip"/>.</summary>
    /// <param name="path">The destination.</param>
    /// <param name="gzip">Whether to compress.</param>
    /// <exception cref="ArgumentException">The values do not match the dimensions.</exception>
    public void Write(string path, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Dimensions.Count is 0 or > 255 || Dimensions.Any(d => d < 0) || ElementCount(Dimensions) != Values.Length)
        {
            throw new ArgumentException($"an IDX array of shape [{string.Join(" × ", Dimensions)}] cannot hold {Values.Length} values.", nameof(path));
        }

        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> header = stackalloc byte[4];
        header[0] = 0;
        header[1] = 0;
        header[2] = UnsignedByteType;
        header[3] = (byte)Dimensions.Count;
        stream.Write(header);
        foreach (var dimension in Dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(header, dimension);
            stream.Write(header);
        }

        stream.Write(Values);
    }

    /// <summary>
    /// The product of non-negative dimensions, saturating at long.MaxValue instead of wrapping: four dimensions of
    /// 2¹⁶ would wrap to 0 and pass for an empty array.
    /// </summary>
    private static long ElementCount(IReadOnlyList<int> dimensions)
    {
        long count = 1;
        foreach (var dimension in dimensions)
        {
            count = dimension == 0 ? 0 : count > long.MaxValue / dimension ? long.MaxValue : count * dimension;
        }

        return count;
    }
}
