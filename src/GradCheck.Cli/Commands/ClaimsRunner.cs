using System.Globalization;
using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Reporting;
using GradCheck.Claims.Syntax;

namespace GradCheck.Cli.Commands;

/// <summary>Runs the claims checker over files and the catalogue for the CLI commands, in parallel
/// over claims (results keep their order), with optional progress on standard error.</summary>
internal static class ClaimsRunner
{
    /// <summary>Files larger than this are reported as errors rather than read.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    public static IReadOnlyList<CheckedFile> CheckCatalogue(TextWriter? progress) =>
        CheckMany(ClaimsCatalogue.Files.Select(f => (f.FileName, f.Text)).ToList(), progress);

    public static IReadOnlyList<CheckedFile> CheckMany(IReadOnlyList<(string Name, string Text)> files, TextWriter? progress)
    {
        var entries = files.SelectMany((f, fileIndex) => ClaimsParser.Parse(f.Text, f.Name).Select(e => (fileIndex, e))).ToList();
        var results = new ClaimResult[entries.Count];
        var done = 0;
        var gate = new object();
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = ClaimChecker.Check(entries[i].e);
            if (progress is not null)
            {
                lock (gate)
                {
                    done++;
                    progress.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\r[{done}/{entries.Count}] {results[i].Name,-48}"));
                    if (done == entries.Count)
                    {
                        progress.Write("\r" + new string(' ', 60) + "\r");
                    }
                }
            }
        });

        return files.Select((f, fileIndex) => new CheckedFile(f.Name,
            f.Text,
            entries.Select((e, i) => (e, i)).Where(p => p.e.fileIndex == fileIndex).Select(p => results[p.i]).ToList())).ToList();
    }

    /// <summary>Reads a claims file, or explains why it cannot be read.</summary>
    public static (string Name, string Text)? Read(string path, out ClaimResult? error)
    {
        error = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = FileError(path, Directory.Exists(path) ? "it is a directory; give the .claims files in it" : "no such file");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                error = FileError(path, $"the file is {info.Length / (1024 * 1024)} MB; claims files are limited to {MaxFileBytes / (1024 * 1024)} MB");
                return null;
            }

            return (path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = FileError(path, e.Message);
            return null;
        }
    }

    private static ClaimResult FileError(string path, string message) =>
        new("(file)", path, 1, null, Verdict.Error, null, null, null, [], new SourceError(1, 1, $"cannot read the file: {message}"), null, TimeSpan.Zero);

    /// <summary>Where progress goes: standard error when it is a terminal, else nowhere.</summary>
    public static TextWriter? ProgressWriter(TextWriter error, bool json) =>
        !json && !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error) ? error : null;
}
