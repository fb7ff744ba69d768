using System.Text;

namespace GradCheck.Claims.Syntax;

/// <summary>
/// Reads <c>.claims</c> text into claims (the format of docs/claims-language.md). The parser works
/// line by line in linear time and never throws on bad input: a claim it cannot read becomes a
/// <see cref="ClaimEntry"/> with a <see cref="SourceError"/> (line, column, reason), and reading
/// resumes at the next claim. Expressions are kept as text with their positions; the checker
/// hands them to the symbolic parser.
/// </summary>
public static class ClaimsParser
{
    private static readonly HashSet<string> Keywords = ["claim", "source", "let", "index", "for", "assume", "expect", "psd", "end", "vector", "matrix", "function"];

    /// <summary>Parses a whole file.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file name shown in reports.</param>
    /// <returns>One entry per claim (or per unreadable stretch of text); an empty file gives one error entry.</returns>
    public static IReadOnlyList<ClaimEntry> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var entries = new List<ClaimEntry>();
        var lines = SplitLines(text);
        ClaimBuilder? current = null;
        var skipping = false; // inside a claim that already failed, waiting for `end`
        var strayReported = false;
        var notes = new List<string>(); // the comment block right above the current line

        for (var index = 0; index < lines.Count; index++)
        {
            var lineNumber = index + 1;
            var code = StripComment(lines[index]);
            var trimmedStart = FirstNonBlank(code);
            if (trimmedStart < 0)
            {
                if (current is null && code.Length < lines[index].Length && FirstNonBlank(lines[index]) == code.Length)
                {
                    notes.Add(lines[index][(code.Length + 1)..].Trim());
                }
                else
                {
                    notes.Clear();
                }

                continue;
            }

            var keyword = LeadingWord(code, trimmedStart);
            var column = trimmedStart + 1;

            if (keyword == "claim")
            {
                strayReported = false;
                if (current is not null && !skipping)
                {
                    entries.Add(current.Fail(new SourceError(current.Line, current.Column,
                        $"claim '{current.Name}' is not terminated: `end` is missing before the next `claim` at line {lineNumber}")));
                }

                skipping = false;
                current = null;
                try
                {
                    var cursor = new LineCursor(code, lineNumber, trimmedStart + "claim".Length);
                    var nameColumn = cursor.Column;
                    var name = cursor.Rest.TrimEnd();
                    if (name.Length == 0)
                    {
                        throw cursor.Error("expected a claim name after `claim`");
                    }

                    if (!IsClaimName(name))
                    {
                        throw cursor.ErrorAt(nameColumn, $"'{LineCursor.Printable(name)}' is not a claim name: use letters, digits, '-', '_' and '.'");
                    }

                    current = new ClaimBuilder(name, file, lineNumber, column, notes.Count > 0 ? string.Join("\n", notes) : null);
                }
                catch (ClaimsSyntaxException e)
                {
                    entries.Add(new ClaimEntry("(unnamed)", file, lineNumber, null, e.ToSourceError()));
                    current = new ClaimBuilder("(unnamed)", file, lineNumber, column, null);
                    skipping = true;
                }

                notes.Clear();

                continue;
            }

            notes.Clear();
            if (current is null)
            {
                if (!strayReported)
                {
                    entries.Add(new ClaimEntry("(outside any claim)", file, lineNumber, null, new SourceError(lineNumber, column,
                        $"expected `claim NAME`, found {new LineCursor(code, lineNumber, trimmedStart).Describe()}")));
                    strayReported = true;
                }

                continue;
            }

            if (keyword == "end" && FirstNonBlank(code, trimmedStart + 3) < 0)
            {
                if (!skipping)
                {
                    entries.Add(current.Build(lineNumber, column));
                }

                current = null;
                skipping = false;
                continue;
            }

            if (skipping)
            {
                continue;
            }

            try
            {
                current.AddLine(code, lineNumber, trimmedStart, keyword);
            }
            catch (ClaimsSyntaxException e)
            {
                entries.Add(current.Fail(e.ToSourceError()));
                skipping = true;
            }
        }

        if (current is not null && !skipping)
        {
            entries.Add(current.Fail(new SourceError(current.Line, current.Column,
                $"claim '{current.Name}' is not terminated: `end` is missing")));
        }

        if (entries.Count == 0)
        {
            entries.Add(new ClaimEntry("(empty file)", file, 1, null, new SourceError(1, 1, "the file holds no claims")));
        }

        return entries;
    }

    /// <summary>Parses text that must hold exactly one claim body or a bare chain, as given on the
    /// command line: either a full <c>claim … end</c> block or just <c>LHS = RHS</c>.</summary>
    /// <param name="text">The claim text.</param>
    /// <param name="name">The name given to a bare chain.</param>
    /// <returns>The entries read.</returns>
    public static IReadOnlyList<ClaimEntry> ParseInline(string text, string name = "command-line")
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = SplitLines(text).Select(StripComment).FirstOrDefault(l => FirstNonBlank(l) >= 0);
        if (first is not null && LeadingWord(first, FirstNonBlank(first)) == "claim")
        {
            return Parse(text, "(command line)");
        }

        // A bare chain: wrap it so positions stay those of the text as typed (line 1 = the chain).
        var entries = Parse($"claim {name}\n{text}\nend\n", "(command line)");
        return entries.Select(e => e with
        {
            Line = 1,
            Error = e.Error is null ? null : e.Error with { Line = Math.Max(1, e.Error.Line - 1) },
            Claim = e.Claim is null ? null : Shift(e.Claim),
        }).ToList();

        static ClaimSyntax Shift(ClaimSyntax claim) => claim with
        {
            Line = 1,
            Chain = claim.Chain.Select(x => x with { Line = x.Line - 1 }).ToList(),
        };
    }

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i > start && text[i - 1] == '\r' ? i - 1 : i)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    internal static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static int FirstNonBlank(string text, int from = 0)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string LeadingWord(string code, int start)
    {
        var end = start;
        while (end < code.Length && char.IsAsciiLetter(code[end]))
        {
            end++;
        }

        var word = code[start..end];
        return Keywords.Contains(word) && (end == code.Length || !char.IsLetterOrDigit(code[end]) && code[end] != '_') ? word : "";
    }

    private static bool IsClaimName(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Collects one claim's lines.</summary>
    private sealed class ClaimBuilder(string name, string file, int line, int column, string? notes)
    {
        private readonly List<LetSyntax> _lets = [];
        private readonly List<IndexSyntax> _indices = [];
        private readonly List<ForSyntax> _fors = [];
        private readonly List<AssumeSyntax> _assumptions = [];
        private readonly List<DeclarationSyntax> _declarations = [];
        private readonly List<(int Line, string Code, int Start)> _chainLines = [];
        private string? _source;
        private ExpectSyntax? _expect;
        private PsdSyntax? _psd;

        public string Name { get; } = name;

        public int Line { get; } = line;

        public int Column { get; } = column;

        public ClaimEntry Fail(SourceError error) => new(Name, file, Line, null, error, _source, _expect);

        public void AddLine(string code, int lineNumber, int start, string keyword)
        {
            // `psd` may also follow the chain it is about (matrix-notation.md writes it there).
            if (keyword.Length > 0 && keyword != "psd" && _chainLines.Count > 0)
            {
                throw new ClaimsSyntaxException(lineNumber, start + 1, $"`{keyword}` must come before the chain (the chain starts at line {_chainLines[0].Line})");
            }

            var cursor = new LineCursor(code, lineNumber, start + keyword.Length);
            switch (keyword)
            {
                case "source":
                    cursor.Expect(':', "':' after `source`");
                    if (_source is not null)
                    {
                        throw new ClaimsSyntaxException(lineNumber, start + 1, "a claim has one `source:` line");
                    }

                    _source = cursor.Rest.Trim();
                    break;
                case "let":
                    _lets.Add(ParseLet(cursor, lineNumber, start + 1));
                    break;
                case "function":
                    _lets.Add(UnspecifiedFunction.Parse(cursor, lineNumber, start + 1));
                    break;
                case "index":
                    _indices.Add(ParseIndex(cursor, lineNumber, start + 1));
                    break;
                case "for":
                    _fors.Add(ParseFor(cursor, lineNumber, start + 1));
                    break;
                case "assume":
                    _assumptions.Add(ParseAssume(cursor, lineNumber, start + 1));
                    break;
                case "expect":
                    if (_expect is not null)
                    {
                        throw new ClaimsSyntaxException(lineNumber, start + 1, "a claim has one `expect` line");
                    }

                    _expect = ParseExpect(cursor, lineNumber, start + 1);
                    break;
                case "psd":
                    if (_psd is not null)
                    {
                        throw new ClaimsSyntaxException(lineNumber, start + 1, "a claim has one `psd` line");
                    }

                    if (cursor.AtEnd)
                    {
                        // A bare `psd`: the last expression is a matrix (matrix notation).
                        _psd = new PsdSyntax(null, null, lineNumber, start + 1);
                        break;
                    }

                    cursor.Keyword("over");
                    var row = cursor.Identifier("a row index");
                    cursor.Expect(',', "',' between the row and column index");
                    var col = cursor.Identifier("a column index");
                    cursor.ExpectEnd();
                    _psd = new PsdSyntax(row, col, lineNumber, start + 1);
                    break;
                case "vector":
                case "matrix":
                    var declaration = ParseDeclaration(cursor, keyword == "matrix", lineNumber, start + 1);
                    if (_declarations.Find(d => d.Name == declaration.Name) is { } earlier)
                    {
                        throw new ClaimsSyntaxException(lineNumber, start + 1, $"'{declaration.Name}' is already declared at line {earlier.Line}");
                    }

                    _declarations.Add(declaration);
                    break;
                default:
                    _chainLines.Add((lineNumber, code, start));
                    break;
            }
        }

        public ClaimEntry Build(int endLine, int endColumn)
        {
            if (_chainLines.Count == 0)
            {
                return Fail(new SourceError(endLine, endColumn, $"claim '{Name}' has no chain: expected `EXPR = EXPR` before `end`"));
            }

            try
            {
                var chain = SplitChain(endLine, endColumn);
                if (_expect is { Step: { } step } && (step < 1 || step > chain.Count - 1 + (_psd is null ? 0 : 1)))
                {
                    throw new ClaimsSyntaxException(_expect.Line, _expect.Column,
                        $"`expect refuted at step {step}`: the chain has {chain.Count - 1} step(s){(_psd is null ? "" : " and a psd check")}");
                }

                var claim = new ClaimSyntax(Name, file, Line, _source, _lets, _indices, _fors, _assumptions, _expect, chain, _psd, notes)
                {
                    Declarations = _declarations,
                };
                return new ClaimEntry(Name, file, Line, claim, null, _source, _expect);
            }
            catch (ClaimsSyntaxException e)
            {
                return Fail(e.ToSourceError());
            }
        }

        /// <summary>Splits the chain text on '=' (never part of an expression) into expressions that keep
        /// their start positions; a continuation line is kept whole so columns stay those of the file.</summary>
        private List<ExpressionText> SplitChain(int endLine, int endColumn)
        {
            var result = new List<ExpressionText>();
            var builder = new StringBuilder();
            int segmentLine = 0, segmentColumn = 0;
            var begun = false;
            int equalsLine = _chainLines[0].Line, equalsColumn = _chainLines[0].Start + 1;
            var firstLine = true;

            void Finish(int atLine, int atColumn, bool last)
            {
                if (!begun)
                {
                    throw new ClaimsSyntaxException(atLine, atColumn, result.Count == 0
                        ? "the chain starts with '=': expected an expression before it"
                        : last ? "expected an expression after the last '='" : "expected an expression between two '='");
                }

                result.Add(new ExpressionText(builder.ToString().TrimEnd(), segmentLine, segmentColumn));
                builder.Clear();
                begun = false;
            }

            foreach (var (lineNumber, code, start) in _chainLines)
            {
                if (begun)
                {
                    builder.Append('\n');
                }

                for (var i = firstLine ? start : 0; i < code.Length; i++)
                {
                    var c = code[i];
                    if (c == '=')
                    {
                        Finish(lineNumber, i + 1, last: false);
                        equalsLine = lineNumber;
                        equalsColumn = i + 1;
                        continue;
                    }

                    if (!begun)
                    {
                        if (char.IsWhiteSpace(c))
                        {
                            continue;
                        }

                        begun = true;
                        segmentLine = lineNumber;
                        segmentColumn = i + 1;
                        builder.Append(c);
                        continue;
                    }

                    builder.Append(c);
                }

                firstLine = false;
            }

            if (!begun)
            {
                throw new ClaimsSyntaxException(equalsLine, equalsColumn, result.Count == 0
                    ? "the chain is empty"
                    : "expected an expression after the last '='");
            }

            Finish(endLine, endColumn, last: true);
            if (result.Count < 2 && _psd is null)
            {
                var first = result[0];
                throw new ClaimsSyntaxException(first.Line, first.Column, "a chain needs at least one '=': `LHS = RHS`");
            }

            return result;
        }
    }

    private static LetSyntax ParseLet(LineCursor cursor, int line, int column)
    {
        var name = cursor.Identifier("a name after `let`");
        var parameters = new List<string>();
        if (cursor.TryChar('_'))
        {
            if (cursor.TryChar('{'))
            {
                do
                {
                    parameters.Add(cursor.Identifier("an index variable in the subscript of a `let` name"));
                }
                while (cursor.TryChar(','));
                cursor.Expect('}', "'}' closing the subscript");
            }
            else
            {
                parameters.Add(cursor.Identifier("an index variable after '_'"));
            }

            var duplicate = parameters.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ClaimsSyntaxException(line, column, $"index '{duplicate.Key}' appears twice in the subscript of '{name}'");
            }
        }

        cursor.Expect('=', "'=' after the name in `let`");
        var bodyColumn = cursor.Column;
        var body = cursor.Rest.TrimEnd();
        if (body.Length == 0)
        {
            throw cursor.Error($"expected an expression defining '{name}'");
        }

        var equals = body.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            throw cursor.ErrorAt(bodyColumn + equals, "a `let` defines one expression: unexpected '='");
        }

        return new LetSyntax(name, parameters, new ExpressionText(body, line, bodyColumn), line, column);
    }

    /// <summary><c>vector z in R^K</c>, <c>vector v in R^3</c>, <c>matrix W in R^(H x D)</c> (also <c>ℝ</c>, <c>×</c>, <c>*</c>).</summary>
    private static DeclarationSyntax ParseDeclaration(LineCursor cursor, bool isMatrix, int line, int column)
    {
        var kind = isMatrix ? "matrix" : "vector";
        var name = cursor.Identifier($"a name after `{kind}`");
        if (GradCheck.Symbolic.Parsing.ExpressionParser.IsReservedName(name))
        {
            throw new ClaimsSyntaxException(line, column, $"'{name}' is a built-in name and cannot be declared");
        }

        cursor.Keyword("in");
        if (!cursor.TryChar('R') && !cursor.TryChar('ℝ'))
        {
            throw cursor.Error($"expected R^… after `{kind} {name} in`, found {cursor.Describe()}");
        }

        cursor.Expect('^', "'^' after R");
        if (!isMatrix)
        {
            var size = Dim(cursor, "the vector's size (a size symbol such as K, or a whole number)");
            cursor.ExpectEnd();
            return new DeclarationSyntax(name, size, Dimension.One, false, line, column);
        }

        cursor.Expect('(', "'(' after R^ for a matrix: R^(H x D)");
        var rows = Dim(cursor, "the number of rows");
        if (!cursor.TryChar('x') && !cursor.TryChar('×') && !cursor.TryChar('*') && !cursor.TryChar(','))
        {
            throw cursor.Error($"expected 'x' between the rows and columns of R^(H x D), found {cursor.Describe()}");
        }

        var columns = Dim(cursor, "the number of columns");
        cursor.Expect(')', "')' closing R^(H x D)");
        cursor.ExpectEnd();
        return new DeclarationSyntax(name, rows, columns, true, line, column);

        static Dimension Dim(LineCursor cursor, string what)
        {
            if (cursor.TryIdentifier(out var size))
            {
                return new Dimension(size, 0);
            }

            var valueColumn = cursor.Column;
            var value = cursor.Integer(what);
            if (value < 1 || value > ClaimLimits.MaxSize)
            {
                throw cursor.ErrorAt(valueColumn, $"a fixed dimension must lie in 1..{ClaimLimits.MaxSize}, found {value}");
            }

            return new Dimension(null, value);
        }
    }

    private static IndexSyntax ParseIndex(LineCursor cursor, int line, int column)
    {
        var names = new List<string>();
        do
        {
            var nameColumn = cursor.Column;
            var name = cursor.Identifier("an index variable");
            if (names.Contains(name))
            {
                throw cursor.ErrorAt(nameColumn, $"index '{name}' is listed twice");
            }

            names.Add(name);
        }
        while (cursor.TryChar(','));
        cursor.Keyword("in");
        var fromColumn = cursor.Column;
        var from = Bound(cursor);
        if (!cursor.TryText(".."))
        {
            throw cursor.Error($"expected '..' in the range, found {cursor.Describe()}");
        }

        var to = Bound(cursor);
        cursor.ExpectEnd();
        if (from.Value is { } a && to.Value is { } b && a > b)
        {
            throw cursor.ErrorAt(fromColumn, $"empty range {a}..{b}: the first value must not exceed the last");
        }

        return new IndexSyntax(names, from, to, line, column);

        static RangeBound Bound(LineCursor cursor)
        {
            if (cursor.TryIdentifier(out var size))
            {
                return new RangeBound(null, size);
            }

            return new RangeBound(cursor.Integer("an integer or a size symbol in the range"), null);
        }
    }

    private static ForSyntax ParseFor(LineCursor cursor, int line, int column)
    {
        var size = cursor.Identifier("a size symbol after `for`");
        cursor.Keyword("in");
        var fromColumn = cursor.Column;
        var from = cursor.Integer("the smallest size");
        if (!cursor.TryText(".."))
        {
            throw cursor.Error($"expected '..' in the range, found {cursor.Describe()}");
        }

        var to = cursor.Integer("the largest size");
        cursor.ExpectEnd();
        if (from > to)
        {
            throw cursor.ErrorAt(fromColumn, $"empty range {from}..{to}: `for {size}` needs the first size not to exceed the last");
        }

        if (from < 1)
        {
            throw cursor.ErrorAt(fromColumn, $"sizes start at 1: `for {size} in {from}..{to}`");
        }

        if (to > ClaimLimits.MaxSize)
        {
            throw cursor.ErrorAt(fromColumn, $"size {to} is larger than the limit {ClaimLimits.MaxSize}: claims are checked element by element");
        }

        return new ForSyntax(size, from, to, line, column);
    }

    private static AssumeSyntax ParseAssume(LineCursor cursor, int line, int column)
    {
        var name = cursor.Identifier("a symbol after `assume`");
        if (cursor.TryChar('_'))
        {
            // `assume y_k in …` reads the same as `assume y in …`: every entry.
            if (cursor.TryChar('{'))
            {
                while (!cursor.AtEnd && !cursor.TryChar('}'))
                {
                    cursor.Identifier("an index in the subscript");
                    cursor.TryChar(',');
                }
            }
            else
            {
                cursor.Identifier("an index after '_'");
            }
        }

        if (cursor.TryText(">=") || cursor.TryText("≥"))
        {
            var (text, _) = FiniteNumber(cursor);
            cursor.ExpectEnd();
            return new IntervalAssumeSyntax(name, text, null, false, true, line, column);
        }

        if (cursor.TryText("<=") || cursor.TryText("≤"))
        {
            var (text, _) = FiniteNumber(cursor);
            cursor.ExpectEnd();
            return new IntervalAssumeSyntax(name, null, text, true, false, line, column);
        }

        if (cursor.TryChar('>'))
        {
            var (text, _) = FiniteNumber(cursor);
            cursor.ExpectEnd();
            return new IntervalAssumeSyntax(name, text, null, true, true, line, column);
        }

        if (cursor.TryChar('<'))
        {
            var (text, _) = FiniteNumber(cursor);
            cursor.ExpectEnd();
            return new IntervalAssumeSyntax(name, null, text, true, true, line, column);
        }

        if (cursor.TryIdentifier(out var word))
        {
            switch (word)
            {
                case "simplex":
                case "onehot":
                    if (cursor.AtEnd)
                    {
                        // `assume y simplex` for a declared vector y (matrix notation): over its entries.
                        return new VectorAssumeSyntax(name, null, word == "onehot", line, column);
                    }

                    cursor.Keyword("over");
                    var index = cursor.Identifier("an index variable after `over`");
                    cursor.ExpectEnd();
                    return new VectorAssumeSyntax(name, index, word == "onehot", line, column);
                case "in":
                    break;
                default:
                    throw cursor.Error($"expected `in`, `simplex over`, `onehot over`, '>' or '<' after `assume {name}`, found '{word}'");
            }
        }
        else
        {
            throw cursor.Error($"expected `in`, `simplex over`, `onehot over`, '>' or '<' after `assume {name}`, found {cursor.Describe()}");
        }

        if (cursor.TryChar('{'))
        {
            var values = new List<string>();
            do
            {
                var (text, _) = FiniteNumber(cursor);
                values.Add(text);
            }
            while (cursor.TryChar(','));
            cursor.Expect('}', "'}' closing the set of values");
            cursor.ExpectEnd();
            return new DiscreteAssumeSyntax(name, values, line, column);
        }

        bool lowerOpen;
        if (cursor.TryChar('('))
        {
            lowerOpen = true;
        }
        else if (cursor.TryChar('['))
        {
            lowerOpen = false;
        }
        else
        {
            throw cursor.Error($"expected '(', '[' or '{{' after `in`, found {cursor.Describe()}");
        }

        var (lower, lowerInfinite) = cursor.Number("the lower bound");
        cursor.Expect(',', "',' between the bounds");
        var (upper, upperInfinite) = cursor.Number("the upper bound");
        bool upperOpen;
        if (cursor.TryChar(')'))
        {
            upperOpen = true;
        }
        else if (cursor.TryChar(']'))
        {
            upperOpen = false;
        }
        else
        {
            throw cursor.Error($"expected ')' or ']' closing the interval, found {cursor.Describe()}");
        }

        cursor.ExpectEnd();
        if (lowerInfinite && lower == "inf" || upperInfinite && upper == "-inf")
        {
            throw new ClaimsSyntaxException(line, column, $"the interval for '{name}' is empty");
        }

        return new IntervalAssumeSyntax(name, lowerInfinite ? null : lower, upperInfinite ? null : upper,
            lowerOpen || lowerInfinite, upperOpen || upperInfinite, line, column);

        static (string Text, bool Infinite) FiniteNumber(LineCursor cursor)
        {
            var column = cursor.Column;
            var (text, infinite) = cursor.Number("a number");
            if (infinite || text is null)
            {
                throw cursor.ErrorAt(column, "expected a finite number");
            }

            return (text, false);
        }
    }

    private static ExpectSyntax ParseExpect(LineCursor cursor, int line, int column)
    {
        var wordColumn = cursor.Column;
        var word = cursor.TryIdentifier(out var w) ? w : "";
        switch (word)
        {
            case "proved":
                cursor.ExpectEnd();
                return new ExpectSyntax(ExpectedOutcome.Proved, null, line, column);
            case "refuted":
                if (cursor.AtEnd)
                {
                    return new ExpectSyntax(ExpectedOutcome.Refuted, null, line, column);
                }

                cursor.Keyword("at");
                cursor.Keyword("step");
                var stepColumn = cursor.Column;
                var step = cursor.Integer("a step number");
                cursor.ExpectEnd();
                if (step < 1)
                {
                    throw cursor.ErrorAt(stepColumn, "steps are numbered from 1");
                }

                return new ExpectSyntax(ExpectedOutcome.Refuted, step, line, column);
            default:
                throw cursor.ErrorAt(wordColumn, $"expected `proved`, `refuted` or `refuted at step N` after `expect`, found {(word.Length > 0 ? $"'{word}'" : cursor.Describe())}");
        }
    }
}
