// DocumentChecker: the public entry point, and the DocumentSession's state, scoped items, rows and chains.
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary>
/// Checks a homework document as it is written (documents-format.md): finds its display equations, reads their LaTeX
/// into the claims syntax with <see cref="LatexReader"/>, turns definitions into <c>let</c>s for the rest of their
/// section, and checks every step (every <c>=</c>, within an equation and across equations that continue a chain)
/// as a claim with <see cref="ClaimChecker"/>. Every equation gets a status; an equation that cannot be read is
/// <see cref="EquationStatus.NotChecked"/> with the LaTeX and the reason, never an exception.
/// </summary>
public static class DocumentChecker
{
    /// <summary>The sizes checked for an index range no annotation gives (documents-format.md: K = 2..4).</summary>
    public const int DefaultSizeFrom = 2, DefaultSizeTo = 4;

    /// <summary>True for a file name the CLI reads as a document (<c>.md</c>, <c>.markdown</c>).</summary>
    /// <param name="path">A file name.</param>
    public static bool IsDocument(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where a file's text shows it is binary data rather than a document (its first NUL character, which no
    /// Markdown holds), or null for text. The CLI reports such a file as unreadable instead of finding no equations in it.</summary>
    /// <param name="text">The file's text.</param>
    public static SourceError? BinaryContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul < 0)
        {
            return null;
        }

        var (line, column) = new DocumentText(text).Position(nul);
        return new SourceError(line, column, "it is binary data (a NUL byte), not a text document");
    }

    /// <summary>Reads one stretch of a document's LaTeX as an expression (for tests and tools); null when it cannot be read.</summary>
    /// <param name="text">The document.</param>
    /// <param name="start">The offset where the expression starts.</param>
    /// <param name="end">One past its end.</param>
    internal static SyntaxNode? ReadSide(string text, int start, int end)
    {
        try
        {
            return LatexReader.Read(new DocumentText(text), start, end, new ReaderContext()).Node;
        }
        catch (LatexReadException)
        {
            return null;
        }
    }

    /// <summary>Checks a document's text.</summary>
    /// <param name="text">The Markdown text.</param>
    /// <param name="file">The name reports show.</param>
    /// <param name="options">Check settings, or null for the defaults.</param>
    /// <returns>Every equation's result, in order, and the annotations that could not be read.</returns>
    public static DocumentResult Check(string text, string file, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var session = new DocumentSession(text, file);
        var jobs = session.Read();
        var results = new ClaimResult[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = ClaimChecker.Check(jobs[i].Claim, options));
        return session.Finish(results);
    }
}

/// <summary>One step to check: a two-sided claim and the equation whose step it is.</summary>
internal sealed record StepJob(int Equation, ClaimSyntax Claim);

/// <summary>The reading of one document: scopes, definitions, chains, step claims.</summary>
internal sealed partial class DocumentSession
{
    private readonly DocumentText _document;

    private readonly string _file;

    private readonly ScannedDocument _scan;

    private readonly List<Scoped> _items = [];

    private readonly List<SourceError> _annotationErrors = [];

    private readonly List<StepJob> _jobs = [];

    private readonly List<Row> _rows = [];

    private readonly ReaderContext _fresh = new();

    private Chain? _chain;

    private int _level;

    private bool _skipNext;

    /// <summary>Set by the annotation <c>continue</c>: the next display's leading '=' continues the chain before it,
    /// across the text between.</summary>
    private bool _continueNext;

    private int _skipDisplay = -1;

    private ExpectSyntax? _expectNext;

    private IndexCase? _caseNext;

    private readonly Dictionary<int, IndexCase> _cases = [];

    public DocumentSession(string text, string file)
    {
        _document = new DocumentText(text);
        _file = file;
        _scan = DocumentScanner.Scan(text);
    }

    /// <summary>Something in scope from where it stands to the end of its section.</summary>
    private sealed record Scoped(int Level, object Item);

    /// <summary>A document or annotation definition and the names its body uses.</summary>
    private sealed record LetItem(LetSyntax Let, ReadInfo Info, SyntaxNode? Body);

    private sealed record LabelItem(string Label);

    private sealed record FunctionItem(string Name, FunctionDefinition Definition)
    {
        /// <summary>The arguments as the defining equation wrote them (<c>\theta</c>), or null for an annotation.</summary>
        public string? Signature { get; init; }
    }

    /// <summary>An annotation <c>case j = i</c>: the next display holds only where index <see cref="From"/> equals
    /// <see cref="To"/> (the text says "if j = i"), so it is checked with <see cref="From"/> replaced by <see cref="To"/>.</summary>
    private sealed record IndexCase(string From, string To, string Text);

    /// <summary>A read side of an equation, or why it could not be read.</summary>
    private sealed class Element
    {
        public SyntaxNode? Node { get; init; }

        public ReadInfo? Info { get; init; }

        public string? Error { get; init; }

        public int Equation { get; init; }

        public int Start { get; init; }

        public int End { get; init; }
    }

    private sealed class Chain
    {
        public string? HeadKey { get; init; }

        public bool HeadIsLet { get; init; }

        public Element? Last { get; set; }

        public bool Open { get; set; }

        public bool IsUpdate { get; init; }
    }

    private sealed class Row
    {
        public required EquationSpan Span { get; init; }

        public EquationStatus? Status { get; set; }

        public string? Reason { get; set; }

        public string? Defines { get; set; }

        public bool HasEquals { get; set; }

        public bool Skipped { get; set; }

        public bool IsUpdate { get; set; }

        public ExpectSyntax? Expect { get; set; }

        public List<int> Jobs { get; } = [];
    }

    public IReadOnlyList<StepJob> Read()
    {
        var events = new List<(int Offset, int Order, object Item)>();
        events.AddRange(_scan.Headings.Select(h => (h.Offset, 0, (object)h)));
        events.AddRange(_scan.Annotations.Select(a => (a.Offset, 1, (object)a)));
        events.AddRange(_scan.Equations.Select(e => (e.Start, 2, (object)e)));
        foreach (var (_, _, item) in events.OrderBy(e => e.Offset).ThenBy(e => e.Order))
        {
            switch (item)
            {
                case Heading heading:
                    var level = SectionLevel(heading);
                    _items.RemoveAll(s => s.Level >= level);
                    _level = level;
                    _chain = null;
                    break;
                case AnnotationBlock annotation:
                    ReadAnnotation(annotation);
                    break;
                case EquationSpan span:
                    ReadEquation(span);
                    break;
            }
        }

        return _jobs;
    }
}
