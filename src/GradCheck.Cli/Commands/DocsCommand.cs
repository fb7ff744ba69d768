using System.CommandLine;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Documents;
using GradCheck.Claims.Reporting;

namespace GradCheck.Cli.Commands;

/// <summary><c>gradcheck docs</c>: writes the catalogue's derivations as Markdown pages.</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "the folder to write the pages to", DefaultValueFactory = _ => "docs/derivations" };
        var check = new Option<bool>("--check") { Description = "write nothing; exit 1 when the pages in --out differ from what would be written" };
        var homework = new Option<string>("--homework") { Description = "the folder of homework documents (seed-*.md) whose annotated copies and README table are written beside them", DefaultValueFactory = _ => "docs/homework" };
        var command = new Command("docs", """
            Write one Markdown page per catalogue file (each step in LaTeX with its verdict, the numeric
            evidence, counterexamples and the seed's source) and an index page with the seeds' findings.

            Examples:
              gradcheck docs --out docs/derivations
              gradcheck docs --out docs/derivations --check     (is the checked-in copy up to date?)
            """);
        command.Options.Add(output);
        command.Options.Add(check);
        command.Options.Add(homework);
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!;
            var pages = Pages(ClaimsRunner.CheckCatalogue(ClaimsRunner.ProgressWriter(parse.InvocationConfiguration.Error, false)))
                .ToDictionary(p => Path.Combine(folder, p.Key), p => p.Value);
            foreach (var (name, text) in HomeworkFiles(parse.GetValue(homework)!))
            {
                pages[name] = text;
            }
            if (parse.GetValue(check))
            {
                var stale = pages.Where(p => !File.Exists(p.Key) || File.ReadAllText(p.Key) != p.Value)
                    .Select(p => p.Key).ToList();
                foreach (var name in stale)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"stale: {name}");
                }

                return stale.Count == 0 ? 0 : 1;
            }

            try
            {
                Directory.CreateDirectory(folder);
                foreach (var (name, text) in pages)
                {
                    File.WriteAllText(name, text);
                    parse.InvocationConfiguration.Output.WriteLine($"wrote {name}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"gradcheck docs: cannot write the pages to '{folder}': {e.Message}");
                return ExitCodes.Error;
            }

            return 0;
        });
        return command;
    }

    /// <summary>The homework documents' pages by path: each <c>seed-*.md</c>'s annotated copy and the README table; none
    /// when the folder does not exist.</summary>
    public static IReadOnlyDictionary<string, string> HomeworkFiles(string folder)
    {
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return pages;
        }

        var documents = Directory.GetFiles(folder, "seed-*.md").Where(f => !f.EndsWith(".checked.md", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => DocumentChecker.Check(File.ReadAllText(f), Path.GetFileName(f))).ToList();
        foreach (var document in documents)
        {
            pages[Path.Combine(folder, HomeworkPages.CheckedName(document.File))] = DocumentReport.WriteAnnotated(document);
        }

        pages[Path.Combine(folder, "README.md")] = HomeworkPages.WriteReadme(documents);
        return pages;
    }

    /// <summary>Every page by file name: index.md and one per catalogue file.</summary>
    public static IReadOnlyDictionary<string, string> Pages(IReadOnlyList<CheckedFile> files)
    {
        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["index.md"] = MarkdownReport.WriteIndex(files) };
        foreach (var file in files)
        {
            pages[MarkdownReport.PageName(file.FileName)] = MarkdownReport.WritePage(file);
        }

        return pages;
    }
}
