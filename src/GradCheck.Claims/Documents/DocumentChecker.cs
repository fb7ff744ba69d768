using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;

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

    // ---- annotations

    private void ReadAnnotation(AnnotationBlock block)
    {
        var text = _document.Text;
        if (block.BodyEnd < 0)
        {
            var (l, c) = _document.Position(block.Offset);
            _annotationErrors.Add(new SourceError(l, c, "the annotation '<!--' is never closed ('-->' is missing)"));
            return;
        }

        var start = block.BodyStart;
        for (var i = block.BodyStart; i <= block.BodyEnd; i++)
        {
            if (i == block.BodyEnd || text[i] is ';' or '\n')
            {
                ReadAnnotationItem(start, i);
                start = i + 1;
            }
        }
    }

    private void ReadAnnotationItem(int start, int end)
    {
        var raw = _document.Text[start..end];
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var trimmed = (hash < 0 ? raw : raw[..hash]).Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        var offset = start + raw.IndexOf(trimmed[0], StringComparison.Ordinal);
        var (line, column) = _document.Position(offset);
        if (trimmed == "skip")
        {
            _skipNext = true;
            return;
        }

        if (trimmed == "case" || trimmed.StartsWith("case ", StringComparison.Ordinal))
        {
            var match = System.Text.RegularExpressions.Regex.Match(trimmed, @"^case\s+([A-Za-z][A-Za-z0-9]*)\s*=\s*([A-Za-z][A-Za-z0-9]*)$");
            if (!match.Success || match.Groups[1].Value == match.Groups[2].Value)
            {
                _annotationErrors.Add(new SourceError(line, column, "annotation: `case` names two different indices, `case j = i` (the next display holds where j = i)"));
                return;
            }

            _caseNext = new IndexCase(match.Groups[1].Value, match.Groups[2].Value, trimmed);
            return;
        }

        if (trimmed.StartsWith("label ", StringComparison.Ordinal) || trimmed == "label")
        {
            var labels = trimmed[5..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (labels.Length == 0)
            {
                _annotationErrors.Add(new SourceError(line, column, "`label` needs the superscripts that are labels: label l, L"));
            }

            foreach (var label in labels)
            {
                _items.Add(new Scoped(_level, new LabelItem(LatexReader.MangleLabel(label))));
            }

            return;
        }

        if (FunctionAnnotation.IsFunctionLet(trimmed))
        {
            // let f(x) = EXPR: a function the student defines in prose, called by the equations that follow.
            try
            {
                var (name, definition) = FunctionAnnotation.Read(trimmed, line, column);
                _items.Add(new Scoped(_level, new FunctionItem(name, definition)));
            }
            catch (SymbolicSyntaxException e)
            {
                _annotationErrors.Add(new SourceError(e.Line, e.Column, "annotation: " + e.Reason));
            }

            return;
        }

        // Every other line is a .claims line: parse it inside a claim of its own and keep what it declares.
        var wrapped = "claim annotation\n" + trimmed + "\n0 = 0\nend\n";
        var entries = ClaimsParser.Parse(wrapped, _file);
        var entry = entries.Count > 0 ? entries[0] : null;
        if (entry?.Claim is not { } claim)
        {
            var error = entry?.Error;
            var at = error is { Line: 2 } ? column + error.Column - 1 : column;
            _annotationErrors.Add(new SourceError(line, at, "annotation: " + (error?.Message ?? "cannot be read")));
            return;
        }

        if (claim.Expectation is { } expect)
        {
            _expectNext = expect with { Line = line, Column = column };
        }

        foreach (var let in claim.Lets)
        {
            var body = let.Body with { Line = line, Column = column + let.Body.Column - 1 };
            var info = new ReadInfo();
            SyntaxNode? node = null;
            try
            {
                node = body.Parse();
                Collect(node, info);
            }
            catch (SymbolicSyntaxException e)
            {
                _annotationErrors.Add(new SourceError(e.Line, e.Column, "annotation: " + e.Reason));
                continue;
            }

            foreach (var parameter in let.IndexParameters)
            {
                info.AddIndex(parameter, null);
            }
            _items.Add(new Scoped(_level, new LetItem(let with { Body = body, Line = line, Column = column }, info, node)));
        }

        foreach (var index in claim.Indices)
        {
            _items.Add(new Scoped(_level, index with { Line = line, Column = column }));
        }

        foreach (var size in claim.Fors)
        {
            _items.Add(new Scoped(_level, size with { Line = line, Column = column }));
        }

        foreach (var assume in claim.Assumptions)
        {
            _items.Add(new Scoped(_level, assume with { Line = line, Column = column }));
        }

        foreach (var declaration in claim.Declarations)
        {
            _items.Add(new Scoped(_level, declaration with { Line = line, Column = column }));
        }
    }

    private static void Collect(SyntaxNode node, ReadInfo info)
    {
        switch (node)
        {
            case NameSyntax name:
                info.Symbols.Add(name.Name);
                foreach (var sub in name.Subscripts.Where(s => s.Variable is not null))
                {
                    info.AddIndex(sub.Variable!, null);
                }

                break;
            case DeltaSyntax delta:
                foreach (var sub in new[] { delta.Left, delta.Right }.Where(s => s.Variable is not null))
                {
                    info.AddIndex(sub.Variable!, null);
                }

                break;
            case CallSyntax call:
                Collect(call.Argument, info);
                break;
            case UnarySyntax unary:
                Collect(unary.Operand, info);
                break;
            case BinarySyntax binary:
                Collect(binary.Left, info);
                Collect(binary.Right, info);
                break;
            case EntrywiseSyntax e:
                Collect(e.Left, info);
                Collect(e.Right, info);
                break;
            case TransposeSyntax t:
                Collect(t.Operand, info);
                break;
            case IndexSumSyntax sum:
                info.AddIndex(sum.Index, null);
                Collect(sum.Body, info);
                break;
            case IndexProductSyntax prod:
                info.AddIndex(prod.Index, null);
                Collect(prod.Body, info);
                break;
            case DerivativeSyntax d:
                Collect(d.Body, info);
                foreach (var v in d.Variables)
                {
                    info.Symbols.Add(v.Name);
                }

                break;
            case MatrixCallSyntax m:
                foreach (var a in m.Arguments)
                {
                    Collect(a, info);
                }

                break;
        }
    }

    // ---- the reader's context

    private IEnumerable<T> Active<T>() => _items.Select(s => s.Item).OfType<T>();

    private ReaderContext Context()
    {
        var context = _fresh; // one counter of fresh indices for the whole document
        context.Names.Clear();
        context.Functions.Clear();
        context.Labels.Clear();
        foreach (var let in Active<LetItem>())
        {
            context.Names.Add(let.Let.Name);
        }

        foreach (var declaration in Active<DeclarationSyntax>())
        {
            context.Names.Add(declaration.Name);
        }

        foreach (var function in Active<FunctionItem>())
        {
            context.Functions[function.Name] = function.Definition;
        }

        foreach (var label in Active<LabelItem>())
        {
            context.Labels.Add(label.Label);
        }

        return context;
    }

    // ---- equations

    private void ReadEquation(EquationSpan span)
    {
        _entryIndex = null;
        var row = new Row { Span = span };
        _rows.Add(row);
        var index = _rows.Count - 1;
        row.Expect = _expectNext;
        _expectNext = null;
        if (_caseNext is not null)
        {
            _cases[span.Display] = _caseNext; // a case covers every row of the display it precedes
            _caseNext = null;
        }
        if (_skipNext || span.Display == _skipDisplay)
        {
            // skip takes the whole next display (every row of an aligned block)
            _skipNext = false;
            _skipDisplay = span.Display;
            row.Skipped = true;
            row.Status = EquationStatus.NotChecked;
            row.Reason = "skipped (an annotation says skip)";
            _chain = null;
            return;
        }

        if (span.Problem is { } problem)
        {
            var (l, c) = _document.Position(span.Start);
            row.Status = EquationStatus.NotChecked;
            row.Reason = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: {problem}");
            _chain = null;
            return;
        }

        if (span.Start >= span.End)
        {
            row.Status = EquationStatus.NotChecked;
            row.Reason = span.Label is null ? "an empty display" : $"no formula, only the tag ({span.Label})";
            return;
        }

        List<(int Start, int End)> sides;
        string? cut;
        try
        {
            (sides, cut) = Sides(span);
        }
        catch (LatexReadException e)
        {
            NotRead(row, e.Offset, e.Reason);
            _chain = null;
            return;
        }

        _entryIndex = EntryIndex(sides);

        if (sides.Count < 2)
        {
            row.Status = EquationStatus.NotChecked;
            row.Reason = cut is null ? "no '=' (an expression, not an equation)" : $"'{cut}' is not an equation (only '=' is checked)";
            if (_chain is { Open: true })
            {
                // "… =" on the row before: this row is its right side.
                var element = ReadSide(index, sides[0].Start, sides[0].End);
                row.HasEquals = true;
                AddStep(element);
                row.Status = null;
                row.Reason = null;
                return;
            }

            _chain = null;
            return;
        }

        row.HasEquals = true;
        var context = Context();
        var first = sides[0];
        var open = sides[^1].Start >= sides[^1].End;
        if (open)
        {
            sides.RemoveAt(sides.Count - 1);
        }

        if (first.Start >= first.End && span.AfterProse && _chain is not { Open: true })
        {
            // "= …" after a paragraph of text: the student restates something the text names; there is no left side.
            row.Status = EquationStatus.NotChecked;
            row.Reason = "it starts with '=' after text, so its left side is not written";
            _chain = null;
            StartChain(null, false, new Element { Equation = index, Start = span.Start, End = span.Start, Error = row.Reason });
            _chain!.Last = sides.Count > 1 ? ReadSide(index, sides[1].Start, sides[1].End) : _chain.Last;
            foreach (var (s, e) in sides.Skip(2))
            {
                AddStep(ReadSide(index, s, e));
            }

            _chain.Open = open;
            return;
        }

        if (first.Start >= first.End || _chain is { Open: true })
        {
            // "= …" continues the chain before (or a row after "… =").
            var rest = first.Start >= first.End ? sides.Skip(1) : sides;
            foreach (var (s, e) in rest)
            {
                AddStep(ReadSide(index, s, e));
            }

            if (_chain is not null)
            {
                _chain.Open = open;
            }

            return;
        }

        var head = ReadSide(index, first.Start, first.End);
        var headKey = head.Node?.ToString();
        if (_chain is not { IsUpdate: true } || _chain.HeadKey != headKey)
        {
            if (IsUpdate(head, sides, index) is { } updated)
            {
                // θ_j = θ_j − α ∂J/∂θ_j is an assignment (θ_j ← …), not an identity: it is neither checked nor counted. Rows
                // after it that update the same name again (θ_j = …) restate the new value: those steps are checked.
                row.Status = EquationStatus.NotChecked;
                row.Reason = $"an update of {updated} ({updated} on both sides, an assignment θ ← θ − α·g), not an identity";
                row.IsUpdate = true;
                _chain = new Chain { HeadKey = headKey, IsUpdate = true, Last = ReadSide(index, sides[1].Start, sides[1].End) };
                foreach (var (s, e) in sides.Skip(2))
                {
                    AddStep(ReadSide(index, s, e));
                }

                _chain.Open = open;
                return;
            }
        }

        if (_chain is { HeadKey: { } key, HeadIsLet: false } && head.Node is not null && key == headKey)
        {
            // The same left side again (an aligned chain written \frac{\partial J}{\partial z} &= … on every row).
            foreach (var (s, e) in sides.Skip(1))
            {
                AddStep(ReadSide(index, s, e));
            }

            _chain.Open = open;
            return;
        }

        // A new chain: maybe a definition or an update first.
        if (FunctionHead(first, context) is { } function && sides.Count >= 2)
        {
            var body = ReadSide(index, sides[1].Start, sides[1].End);
            if (body.Node is not null && DefineFunction(function.Name, function.Arguments, body.Node) is { } definition)
            {
                _items.Add(new Scoped(_level, new FunctionItem(function.Name, definition) { Signature = function.Signature }));
                row.Status = EquationStatus.Definition;
                row.Defines = function.Arguments.All(a => a is NameSyntax)
                    ? function.Name + "(" + string.Join(", ", function.Arguments) + ")"
                    : _document.Text[first.Start..first.End].Trim(); // Cost(h_\theta(x_i), y_i) as written
                StartChain(headKey, true, body);
                foreach (var (s, e) in sides.Skip(2))
                {
                    AddStep(ReadSide(index, s, e));
                }

                _chain!.Open = open;
                return;
            }
        }

        if (head.Node is NameSyntax name && head.Error is null && !context.Names.Contains(name.Name) && !context.Functions.ContainsKey(name.Name)
            && name.Subscripts.All(s => s.Variable is not null) && name.Subscripts.Select(s => s.Variable).Distinct().Count() == name.Subscripts.Length)
        {
            var body = ReadSide(index, sides[1].Start, sides[1].End);
            if (body.Node is not null && Mentions(body.Node, name.Name))
            {
                row.Status = EquationStatus.NotChecked;
                row.Reason = $"an update of {name} ({name.Name} on both sides), not an identity";
            }
            else if (body.Node is not null)
            {
                var text = _document.Text[body.Start..body.End];
                var (l, c) = _document.Position(body.Start);
                var let = new LetSyntax(name.Name, [.. name.Subscripts.Select(s => s.Variable!)], new ExpressionText(text, l, c, body.Node), l, c);
                var info = body.Info!;
                foreach (var parameter in let.IndexParameters)
                {
                    info.AddIndex(parameter, null);
                }

                _items.Add(new Scoped(_level, new LetItem(let, info, body.Node)));
                row.Status = EquationStatus.Definition;
                row.Defines = name.ToString();
            }
            else
            {
                row.Status = EquationStatus.NotChecked;
                row.Reason = body.Error;
            }

            StartChain(headKey, body.Node is not null && row.Status == EquationStatus.Definition, body);
            foreach (var (s, e) in sides.Skip(2))
            {
                AddStep(ReadSide(index, s, e));
            }

            _chain!.Open = open;
            return;
        }

        StartChain(headKey, head.Node is NameSyntax n && context.Names.Contains(n.Name), head);
        foreach (var (s, e) in sides.Skip(1))
        {
            AddStep(ReadSide(index, s, e));
        }

        _chain!.Open = open;
    }

    /// <summary>The name an equation updates when its left side is a plain name (or an entry θ_j) that a later side
    /// uses again: <c>\theta_j = \theta_j - \alpha g_j</c>, <c>w = w - \eta \nabla_w L</c>.</summary>
    private NameSyntax? IsUpdate(Element head, List<(int Start, int End)> sides, int index)
    {
        if (head.Node is not NameSyntax name || head.Error is not null || name.Subscripts.Any(s => s.Variable is null))
        {
            return null;
        }

        foreach (var (s, e) in sides.Skip(1))
        {
            if (s < e && ReadSide(index, s, e).Node is { } side && Mentions(side, name.Name))
            {
                return name;
            }
        }

        return null;
    }

    private static bool Mentions(SyntaxNode node, string name)
    {
        var info = new ReadInfo();
        Collect(node, info);
        return info.Symbols.Contains(name);
    }

    private void StartChain(string? headKey, bool headIsLet, Element first)
    {
        _chain = new Chain { HeadKey = headKey, HeadIsLet = headIsLet, Last = first };
    }

    private void NotRead(Row row, int offset, string reason)
    {
        var (l, c) = _document.Position(offset);
        row.Status = EquationStatus.NotChecked;
        row.Reason = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: {reason}");
    }

    /// <summary>The sides of a row, split at '=' outside brackets; a relation other than '=' ends the chain.</summary>
    private (List<(int Start, int End)> Sides, string? Cut) Sides(EquationSpan span)
    {
        var tokens = LatexLexer.Tokenize(_document.Text, span.Start, span.End);
        var sides = new List<(int, int)>();
        var depth = 0;
        var openers = new Stack<LatexToken>();
        var start = span.Start;
        string? cut = null;
        var end = span.End;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            if (t.Is('{') || t.Is('(') || t.Is('[') || t.IsCommand("{") || t.IsCommand("langle") || t.IsCommand("begin") || t.IsCommand("lbrack"))
            {
                depth++;
                openers.Push(t);
            }
            else if (t.Is('}') || t.Is(')') || t.Is(']') || t.IsCommand("}") || t.IsCommand("rangle") || t.IsCommand("end") || t.IsCommand("rbrack"))
            {
                depth--;
                if (depth < 0)
                {
                    throw new LatexReadException(t.Offset, $"unbalanced '{t.Source}': nothing opens it");
                }

                openers.Pop();
            }
            else if (depth == 0 && (t.Is('=') || t.IsCommand("triangleq") || t.IsCommand("coloneqq")))
            {
                sides.Add((start, t.Offset));
                start = t.Offset + t.Source.Length;
            }
            else if (depth == 0 && t.Is(':') && tokens[i + 1].Is('='))
            {
                sides.Add((start, t.Offset));
                start = tokens[i + 1].Offset + 1;
                i++;
            }
            else if (depth == 0 && LatexReader.IsRelation(t))
            {
                cut = t.Source;
                end = t.Offset;
                break;
            }
        }

        if (depth > 0 && cut is null)
        {
            var opener = openers.Last();
            throw new LatexReadException(opener.Offset, $"unbalanced '{opener.Source}': it is never closed");
        }

        sides.Add((start, end));
        // trim each side
        return ([.. sides.Select(s => Trim(s.Item1, s.Item2))], cut);
    }

    private (int, int) Trim(int start, int end)
    {
        var text = _document.Text;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == '&'))
        {
            end--;
        }

        while (start < end && text[start] == '&')
        {
            start++;
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }

        return (start, end);
    }

    private Element ReadSide(int equation, int start, int end)
    {
        if (start >= end)
        {
            var (l, c) = _document.Position(start);
            return new Element { Equation = equation, Start = start, End = end, Error = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: an empty side") };
        }

        try
        {
            var context = Context();
            var (node, info) = LatexReader.Read(_document, start, end, context);
            if (_entryIndex is { } entry)
            {
                node = EntryDerivatives(node, entry, context, info);
            }

            if (Guard(node, context) is { } problem)
            {
                var (l, c) = (problem.Node.Line, problem.Node.Column);
                return new Element { Equation = equation, Start = start, End = end, Error = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: {problem.Reason}") };
            }

            return new Element { Node = node, Info = info, Equation = equation, Start = start, End = end };
        }
        catch (LatexReadException e)
        {
            var (l, c) = _document.Position(e.Offset == 0 ? start : e.Offset);
            return new Element { Equation = equation, Start = start, End = end, Error = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: {e.Reason}") };
        }
        catch (InsufficientExecutionStackException)
        {
            var (l, c) = _document.Position(start);
            return new Element { Equation = equation, Start = start, End = end, Error = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: the formula is nested too deeply") };
        }
    }

    /// <summary>Derivatives that would say nothing: of an undefined name (∂C/∂a is 0 for a C nobody defined), or by a
    /// plain name whose entries the expression uses (∂/∂z of Σ_i z_i is 0 unless z is a declared vector).</summary>
    private (SyntaxNode Node, string Reason)? Guard(SyntaxNode node, ReaderContext context)
    {
        (SyntaxNode, string)? found = null;
        Visit(node);
        return found;

        void Visit(SyntaxNode n)
        {
            if (found is not null)
            {
                return;
            }

            switch (n)
            {
                case DerivativeSyntax d:
                    if (d.Body is NameSyntax body && !context.Names.Contains(body.Name) && d.Variables.All(v => v.Name != body.Name))
                    {
                        found = (body, $"{Display(body)} is not defined (a derivative of it needs its definition: an equation {Display(body)} = … or an annotation `let`)");
                        return;
                    }

                    foreach (var v in d.Variables)
                    {
                        var declared = Active<DeclarationSyntax>().Any(x => x.Name == v.Name);
                        if (v.Subscripts.Length == 0 && !declared && Uses(d.Body, v.Name, true, context, 0))
                        {
                            found = (v, $"∂/∂{v.Name} of an expression in the entries {v.Name}_i: declare `vector {v.Name} in R^K` in an annotation, or differentiate by {v.Name}_j");
                            return;
                        }

                        // A derivative of something that does not depend on the variable is 0 and says nothing about the
                        // student's intent: a definition is missing (ỹ_k = …) or the variable is a vector not declared.
                        if (!declared && !Uses(d.Body, v.Name, v.Subscripts.Length > 0, context, 0)
                            && !(v.Subscripts.Length > 0 && Active<DeclarationSyntax>().Any(x => x.Name == v.Name)))
                        {
                            found = (v, $"the expression differentiated by {v} does not depend on {v} (it would be 0): a definition or a `vector` declaration is missing");
                            return;
                        }
                    }

                    Visit(d.Body);
                    break;
                case CallSyntax call:
                    Visit(call.Argument);
                    break;
                case UnarySyntax unary:
                    Visit(unary.Operand);
                    break;
                case BinarySyntax binary:
                    Visit(binary.Left);
                    Visit(binary.Right);
                    break;
                case EntrywiseSyntax e:
                    Visit(e.Left);
                    Visit(e.Right);
                    break;
                case TransposeSyntax t:
                    Visit(t.Operand);
                    break;
                case IndexSumSyntax sum:
                    Visit(sum.Body);
                    break;
                case IndexProductSyntax prod:
                    Visit(prod.Body);
                    break;
                case MatrixCallSyntax m:
                    foreach (var a in m.Arguments)
                    {
                        Visit(a);
                    }

                    break;
            }
        }
    }

    private static string Display(NameSyntax name) => name.ToString();

    /// <summary>True when <paramref name="node"/>, through the definitions it uses, mentions <paramref name="name"/>:
    /// with subscripts when <paramref name="entries"/>, else plain or through a declared vector's operations.</summary>
    private bool Uses(SyntaxNode node, string name, bool entries, ReaderContext context, int depth)
    {
        if (depth > 20)
        {
            return false;
        }

        var found = false;
        Walk(node);
        return found;

        void Walk(SyntaxNode n)
        {
            if (found)
            {
                return;
            }

            switch (n)
            {
                case NameSyntax s when s.Name == name && (s.Subscripts.Length > 0) == entries:
                    found = true;
                    return;
                case NameSyntax s when context.Names.Contains(s.Name):
                    foreach (var let in Active<LetItem>().Where(l => l.Let.Name == s.Name))
                    {
                        found |= let.Body is null ? let.Info.Symbols.Contains(name) : Uses(let.Body, name, entries, context, depth + 1);
                    }

                    return;
                case CallSyntax call:
                    Walk(call.Argument);
                    break;
                case UnarySyntax unary:
                    Walk(unary.Operand);
                    break;
                case BinarySyntax binary:
                    Walk(binary.Left);
                    Walk(binary.Right);
                    break;
                case EntrywiseSyntax e:
                    Walk(e.Left);
                    Walk(e.Right);
                    break;
                case TransposeSyntax t:
                    Walk(t.Operand);
                    break;
                case IndexSumSyntax sum:
                    Walk(sum.Body);
                    break;
                case IndexProductSyntax prod:
                    Walk(prod.Body);
                    break;
                case DerivativeSyntax d:
                    Walk(d.Body);
                    break;
                case MatrixCallSyntax m:
                    foreach (var a in m.Arguments)
                    {
                        Walk(a);
                    }

                    break;
            }
        }
    }

    /// <summary>Adds the next expression of the current chain: a step from the chain's last expression.</summary>
    private void AddStep(Element right)
    {
        if (_chain is null)
        {
            // "= …" with nothing before it
            _chain = new Chain { Last = right };
            var row0 = _rows[right.Equation];
            row0.Status ??= EquationStatus.NotChecked;
            row0.Reason ??= "it continues an equation ('= …') but no equation stands before it in its section";
            return;
        }

        var left = _chain.Last;
        _chain.Last = right;
        var row = _rows[right.Equation];
        if (right.Error is not null)
        {
            row.Reason ??= right.Error;
            return;
        }

        if (left is null || left.Error is not null)
        {
            if (left is not null && left.Equation != right.Equation)
            {
                var (l, _) = _document.Position(left.Start);
                row.Reason ??= string.Create(CultureInfo.InvariantCulture, $"its step starts from line {l}, which was not read ({left.Error})");
            }
            else if (left is not null)
            {
                row.Reason ??= left.Error;
            }

            return;
        }

        if (_cases.TryGetValue(row.Span.Display, out var indexCase))
        {
            var captured = Captures(left.Node!, indexCase) ?? Captures(right.Node!, indexCase);
            if (captured is not null)
            {
                row.Reason ??= string.Create(CultureInfo.InvariantCulture, $"{captured.Line}:{captured.Column}: `{indexCase.Text}`: a sum or product over {indexCase.To} holds {indexCase.From}, so {indexCase.From} cannot become {indexCase.To}");
                return;
            }
        }

        var claim = BuildClaim(left, right, row);
        _jobs.Add(new StepJob(right.Equation, claim));
        row.Jobs.Add(_jobs.Count - 1);
    }

    private ClaimSyntax BuildClaim(Element left, Element right, Row row)
    {
        var info = new ReadInfo();
        info.Add(left.Info!);
        info.Add(right.Info!);

        // The definitions the two sides use, and the ones those use, in the order they were made.
        var lets = Active<LetItem>().ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(info.Symbols);
        while (pending.Count > 0)
        {
            var symbol = pending.Pop();
            foreach (var let in lets.Where(l => l.Let.Name == symbol))
            {
                if (used.Add(let.Let.Name))
                {
                    foreach (var s in let.Info.Symbols)
                    {
                        pending.Push(s);
                    }
                }
            }
        }

        // Later definitions of a name replace earlier ones.
        var chosen = lets.Where(l => used.Contains(l.Let.Name)).GroupBy(l => l.Let.Name).Select(g => g.Last()).ToList();
        chosen = [.. lets.Where(chosen.Contains)];
        foreach (var let in chosen)
        {
            info.Add(let.Info);
        }

        _cases.TryGetValue(row.Span.Display, out var indexCase);
        if (indexCase is not null && info.Indices.TryGetValue(indexCase.From, out var fromBound))
        {
            // The replaced index keeps its range for the sums that bind it; free, it no longer occurs, so no instance ranges over it.
            info.Indices.TryAdd(indexCase.To, fromBound);
        }

        var symbols = new HashSet<string>(info.Symbols, StringComparer.Ordinal);
        var declarations = Active<DeclarationSyntax>().Where(d => symbols.Contains(d.Name)).GroupBy(d => d.Name).Select(g => g.Last()).ToList();
        var declaredIndices = Active<IndexSyntax>().ToList();
        var declaredSizes = Active<ForSyntax>().GroupBy(f => f.Size).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        var indices = new List<IndexSyntax>();
        var sizes = new HashSet<string>(StringComparer.Ordinal);
        var (line, column) = _document.Position(right.Start);
        foreach (var (index, bound) in info.Indices.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (declaredIndices.LastOrDefault(d => d.Names.Contains(index)) is { } declared)
            {
                indices.Add(declared with { Names = [index] });
                if (declared.To.Size is { } s)
                {
                    sizes.Add(s);
                }

                if (declared.From.Size is { } f)
                {
                    sizes.Add(f);
                }

                continue;
            }

            var size = bound;
            if (size is null && info.Partners.TryGetValue(index, out var partner))
            {
                size = info.Indices.GetValueOrDefault(partner) ?? declaredIndices.LastOrDefault(d => d.Names.Contains(partner))?.To.Size;
            }

            if (size is null && info.Owners.TryGetValue(index, out var owner)
                && declarations.FirstOrDefault(d => d.Name == owner && !d.IsMatrix) is { Rows.Size: { } vectorSize })
            {
                size = vectorSize; // θ_j of a declared vector θ in R^d runs over 1..d
            }

            size ??= "K";
            sizes.Add(size);
            indices.Add(new IndexSyntax([index], new RangeBound(1, null), new RangeBound(null, size), line, column));
        }

        foreach (var declaration in declarations)
        {
            foreach (var dimension in new[] { declaration.Rows, declaration.Columns })
            {
                if (dimension.Size is { } s && declaredSizes.ContainsKey(s))
                {
                    sizes.Add(s);
                }
            }
        }

        var fors = sizes.OrderBy(s => s, StringComparer.Ordinal)
            .Select(s => declaredSizes.TryGetValue(s, out var f) ? f : new ForSyntax(s, DocumentChecker.DefaultSizeFrom, DocumentChecker.DefaultSizeTo, line, column))
            .ToList();
        var assumptions = Active<AssumeSyntax>().Where(a => symbols.Contains(a.Name)).GroupBy(a => a.Name).Select(g => g.Last()).ToList();

        var chain = new[] { left, right }.Select(e =>
        {
            var (l, c) = _document.Position(e.Start);
            var node = indexCase is null ? e.Node! : Rename(e.Node!, indexCase);
            return new ExpressionText(ClaimsText(node) ?? _document.Text[e.Start..e.End], l, c, node);
        }).ToList();
        var span = row.Span;
        var name = span.Label is null ? line.ToString(CultureInfo.InvariantCulture) : "(" + span.Label + ")";
        return new ClaimSyntax(name, _file, line, null, [.. chosen.Select(l => l.Let)], indices, fors, assumptions, null, chain, null)
        {
            Declarations = declarations,
        };
    }

    /// <summary>The expression in the claims syntax, or null when it has none. The check reads the tree, but the correction
    /// search of a refuted step rewrites the step's text, which must therefore be claims syntax, not the LaTeX.</summary>
    private static string? ClaimsText(SyntaxNode node)
    {
        try
        {
            var text = SyntaxPrinter.Print(node);
            ExpressionParser.Parse(text);
            return text;
        }
        catch (Exception e) when (e is ArgumentException or SymbolicSyntaxException or InsufficientExecutionStackException)
        {
            return null; // e.g. a softmax's fresh bound index (@k1), which no claim can write: no correction then
        }
    }

    /// <summary>The node with the case's index replaced where it is free (an index a sum binds is the sum's own).</summary>
    private static SyntaxNode Rename(SyntaxNode node, IndexCase indexCase)
    {
        SubscriptSyntax Sub(SubscriptSyntax s) => s.Variable == indexCase.From ? s with { Variable = indexCase.To } : s;
        NameSyntax Name(NameSyntax n) => n.Subscripts.Any(s => s.Variable == indexCase.From) ? n with { Subscripts = [.. n.Subscripts.Select(Sub)] } : n;
        switch (node)
        {
            case NameSyntax name:
                return Name(name);
            case DeltaSyntax delta:
                return delta with { Left = Sub(delta.Left), Right = Sub(delta.Right) };
            case IndexSumSyntax sum when sum.Index == indexCase.From:
                return sum;
            case IndexProductSyntax product when product.Index == indexCase.From:
                return product;
            case DerivativeSyntax derivative:
                return derivative with { Body = Rename(derivative.Body, indexCase), Variables = [.. derivative.Variables.Select(Name)] };
            default:
                var children = SyntaxTree.Children(node);
                return children.Count == 0 ? node : SyntaxTree.WithChildren(node, [.. children.Select(c => Rename(c, indexCase))]);
        }
    }

    /// <summary>A sum or product binding the case's target index around a free use of the replaced one (Σ_i x_j with
    /// j = i would silently become Σ_i x_i), or null.</summary>
    private static SyntaxNode? Captures(SyntaxNode node, IndexCase indexCase)
    {
        switch (node)
        {
            case IndexSumSyntax sum when sum.Index == indexCase.From:
                return null;
            case IndexProductSyntax product when product.Index == indexCase.From:
                return null;
            case IndexSumSyntax sum when sum.Index == indexCase.To && Mentions(sum.Body, indexCase.From):
                return sum;
            case IndexProductSyntax product when product.Index == indexCase.To && Mentions(product.Body, indexCase.From):
                return product;
            default:
                return SyntaxTree.Children(node).Select(c => Captures(c, indexCase)).FirstOrDefault(c => c is not null);
        }

        static bool Mentions(SyntaxNode n, string index) => n switch
        {
            NameSyntax name => name.Subscripts.Any(s => s.Variable == index),
            DeltaSyntax delta => delta.Left.Variable == index || delta.Right.Variable == index,
            IndexSumSyntax sum when sum.Index == index => false,
            IndexProductSyntax product when product.Index == index => false,
            DerivativeSyntax derivative => derivative.Variables.Any(v => Mentions(v, index)) || Mentions(derivative.Body, index),
            _ => SyntaxTree.Children(n).Any(c => Mentions(c, index)),
        };
    }

    // ---- results

    public DocumentResult Finish(IReadOnlyList<ClaimResult> results)
    {
        var equations = new List<EquationResult>();
        foreach (var row in _rows)
        {
            var span = row.Span;
            var (line, column) = _document.Position(span.Start);
            var latex = _document.Text[span.Start..span.End];
            var display = _scan.Displays[span.Display];
            var claim = Merge(row, results, line);
            var status = row.Status;
            var reason = row.Reason;
            if (claim is not null)
            {
                if (claim.Verdict == Verdict.Refuted)
                {
                    status = EquationStatus.Refuted;
                }
                else if (claim.Verdict == Verdict.Error || reason is not null && status != EquationStatus.Definition)
                {
                    status = EquationStatus.NotChecked;
                    reason = claim.Error is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.Line}:{e.Column}: {e.Message}") : reason;
                }
                else
                {
                    status = claim.Verdict == Verdict.HoldsNumerically ? EquationStatus.HoldsNumerically
                        : claim.ProvedForEveryK ? EquationStatus.ProvedForEverySize : EquationStatus.Proved;
                }
            }
            else if (status is null)
            {
                status = EquationStatus.NotChecked;
                reason ??= "nothing to check";
            }

            equations.Add(new EquationResult(line, column, span.Label, latex, status.Value, status == EquationStatus.NotChecked ? reason : null, claim)
            {
                Defines = row.Defines,
                IsDerivationOrIdentity = row.HasEquals && !row.Skipped && !row.IsUpdate && (row.Defines is null || row.Jobs.Count > 0),
                DisplayEnd = display.AfterClose,
                Display = span.Display,
            });
        }

        return new DocumentResult(_file, _document.Text, equations, _annotationErrors);
    }

    private static ClaimResult? Merge(Row row, IReadOnlyList<ClaimResult> results, int line)
    {
        if (row.Jobs.Count == 0)
        {
            return null;
        }

        var parts = row.Jobs.Select(j => results[j]).ToList();
        var error = parts.FirstOrDefault(p => p.Verdict == Verdict.Error);
        var steps = new List<StepResult>();
        foreach (var part in parts)
        {
            if (part.Steps.Count > 0)
            {
                steps.Add(part.Steps[0] with { Index = steps.Count + 1 });
            }
        }

        var verdict = parts.Aggregate(Verdict.Proved, (v, p) => VerdictText.Weakest(v, p.Verdict));
        if (verdict == Verdict.Error && steps.Any(s => s.Verdict == Verdict.Refuted))
        {
            verdict = Verdict.Refuted; // a refuted step stands even when another step of the row could not be checked
        }

        var firstRefuted = steps.FirstOrDefault(s => s.Verdict == Verdict.Refuted)?.Index;
        var first = parts[0];
        return new ClaimResult(first.Name, first.File, line, null, verdict, row.Expect?.Outcome, row.Expect?.Step, firstRefuted, steps,
            verdict == Verdict.Error ? error?.Error : null, first.Syntax, TimeSpan.FromTicks(parts.Sum(p => p.Elapsed.Ticks)),
            parts.Sum(p => p.FiniteDifferenceChecks));
    }
}
