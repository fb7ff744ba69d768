using System.Reflection;

namespace GradCheck.Claims.Catalogue;

/// <summary>One file of the built-in catalogue.</summary>
/// <param name="FileName">Its name, e.g. <c>seed-000.claims</c>.</param>
/// <param name="Text">Its text.</param>
public sealed record CatalogueFile(string FileName, string Text);

/// <summary>
/// The catalogue of derivations shipped inside this assembly: <c>canonical.claims</c> (the canonical
/// identities of deep-learning calculus) and <c>seed-000.claims</c> … <c>seed-004.claims</c> (every
/// checkable derivation of the five seed homework solutions, the seeds' wrong steps marked
/// <c>expect refuted at step N</c>, each followed by the corrected claim).
/// </summary>
public static class ClaimsCatalogue
{
    private const string Prefix = "GradCheck.Claims.Catalogue.";

    /// <summary>The catalogue's files, canonical first, then the seeds in order.</summary>
    public static IReadOnlyList<CatalogueFile> Files { get; } = Load();

    private static List<CatalogueFile> Load()
    {
        var assembly = typeof(ClaimsCatalogue).Assembly;
        var files = new List<CatalogueFile>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".claims", StringComparison.Ordinal))
                     .OrderBy(n => n.Contains(".canonical.", StringComparison.Ordinal) ? 0 : 1)
                     .ThenBy(n => n, StringComparer.Ordinal))
        {
            files.Add(new CatalogueFile(resource[Prefix.Length..], Read(assembly, resource)));
        }

        return files;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"catalogue resource '{resource}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
