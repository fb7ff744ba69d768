using System.Text.RegularExpressions;

namespace GradCheck.Claims.Documents;

/// <summary>A Markdown heading: where it stands and its level (1 for <c>#</c>).</summary>
internal sealed record Heading(int Offset, int Level);

/// <summary>An HTML comment <c>&lt;!-- gradcheck: … --&gt;</c>: its body's offsets in the document.</summary>
internal sealed record AnnotationBlock(int Offset, int BodyStart, int BodyEnd);

/// <summary>One equation of a display: a row of an aligned block, or the whole display.</summary>
/// <param name="Start">Offset of the row's first character.</param>
/// <param name="End">One past its last character (a tag excluded).</param>
/// <param name="Label">The tag (<c>\tag{12}</c>, <c>\quad (12)</c>), or null.</param>
/// <param name="Display">The index of its display in <see cref="ScannedDocument.Displays"/>.</param>
/// <param name="Aligned">True for a row of an aligned/align/split block.</param>
/// <param name="Problem">Why the display cannot be read at all (an unclosed <c>$$</c>), or null.</param>
/// <param name="AfterProse">True for the first row of a display that text (not only blank lines and other displays)
/// separates from the display before it: an equation there that starts with '=' continues nothing.</param>
internal sealed record EquationSpan(int Start, int End, string? Label, int Display, bool Aligned, string? Problem = null, bool AfterProse = false);

/// <summary>A display (<c>$$ … $$</c> or <c>\[ … \]</c>): where it opens and the offset just after it closes.</summary>
internal sealed record DisplaySpan(int Open, int ContentStart, int ContentEnd, int AfterClose);

/// <summary>What the scanner found in a document.</summary>
internal sealed record ScannedDocument(
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<AnnotationBlock> Annotations,
    IReadOnlyList<DisplaySpan> Displays,
    IReadOnlyList<EquationSpan> Equations);

/// <summary>
/// Finds a Markdown document's display math, headings and gradcheck annotations (documents-format.md, "Input").
/// Fenced code blocks are skipped; inline <c>$ … $</c> is passed over; aligned environments are split into rows at
/// <c>\\</c>, and each row's tag becomes its label.
/// </summary>
internal static partial class DocumentScanner
{
    private static readonly HashSet<string> AlignEnvironments = new(StringComparer.Ordinal)
    {
        "aligned", "align", "align*", "split", "equation", "equation*", "gathered", "gather", "gather*", "eqnarray", "eqnarray*",
        "multline", "multline*", "alignat", "alignat*", "alignedat",
    };

    [GeneratedRegex(@"^(?:\s|\\q?quad|\\hfill|\\,|\\;)*\\tag\*?\{([^{}]*)\}\s*[.,]?\s*$|(?:\\q?quad|\\hfill)(?:\s|\\q?quad)*\(\s*([0-9][0-9A-Za-z.\-]*)\s*\)\s*[.,]?\s*$|^\s*\(\s*([0-9][0-9A-Za-z.\-]*)\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingTag();

    [GeneratedRegex(@"\\tag\*?\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    /// <summary>The level of a line that holds only an item number (<c>4)</c>, <c>(4)</c>): below every Markdown
    /// heading, so that the next item or any heading closes it.</summary>
    public const int NumberedItemLevel = 7;

    /// <summary>True for a line that is only an item number, <c>4)</c> or <c>(4)</c>: students (and PDF converters)
    /// start the parts of a problem so, and an annotation for part 4 is meant for part 4.</summary>
    private static bool IsNumberedItemLine(string text, int start)
    {
        var i = start;
        var open = i < text.Length && text[i] == '(';
        if (open)
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == digits || i - digits > 3 || i >= text.Length || text[i] != ')')
        {
            return false;
        }

        i++;
        while (i < text.Length && text[i] is ' ' or '\t' or '\r')
        {
            i++;
        }

        return i == text.Length || text[i] == '\n';
    }

    /// <summary>Scans a document.</summary>
    public static ScannedDocument Scan(string text)
    {
        var headings = new List<Heading>();
        var annotations = new List<AnnotationBlock>();
        var displays = new List<DisplaySpan>();
        var equations = new List<EquationSpan>();
        var i = 0;
        var lineStart = true;
        var fence = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (lineStart)
            {
                var j = i;
                while (j < text.Length && j - i < 4 && text[j] == ' ')
                {
                    j++;
                }

                if (j + 2 < text.Length && (text.AsSpan(j, 3).SequenceEqual("```") || text.AsSpan(j, 3).SequenceEqual("~~~")))
                {
                    fence = !fence;
                    i = NextLine(text, j);
                    continue;
                }

                if (!fence && j < text.Length && text[j] == '#')
                {
                    var level = 0;
                    while (j + level < text.Length && text[j + level] == '#')
                    {
                        level++;
                    }

                    if (level <= 6 && (j + level == text.Length || text[j + level] is ' ' or '\t' or '\r' or '\n'))
                    {
                        headings.Add(new Heading(i, level));
                        i = NextLine(text, j);
                        continue;
                    }
                }

                if (!fence && IsNumberedItemLine(text, j))
                {
                    headings.Add(new Heading(i, NumberedItemLevel));
                    i = NextLine(text, j);
                    continue;
                }
            }

            lineStart = false;
            if (fence)
            {
                i = NextLine(text, i);
                lineStart = true;
                continue;
            }

            if (c == '\n')
            {
                lineStart = true;
                i++;
                continue;
            }

            if (c == '<' && string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close;
                var body = i + 4;
                while (body < end && char.IsWhiteSpace(text[body]))
                {
                    body++;
                }

                if (string.CompareOrdinal(text, body, "gradcheck:", 0, 10) == 0)
                {
                    annotations.Add(new AnnotationBlock(i, body + 10, close < 0 ? -1 : end));
                }

                i = close < 0 ? text.Length : close + 3;
                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == '[')
                {
                    var close = text.IndexOf(@"\]", i + 2, StringComparison.Ordinal);
                    AddDisplay(text, i, i + 2, close, close < 0 ? -1 : close + 2, @"\[", displays, equations);
                    i = close < 0 ? text.Length : close + 2;
                    continue;
                }

                i += 2; // an escaped character (\$) is not a delimiter
                continue;
            }

            if (c == '$')
            {
                if (i + 1 < text.Length && text[i + 1] == '$')
                {
                    var close = FindClosingDollars(text, i + 2);
                    AddDisplay(text, i, i + 2, close, close < 0 ? -1 : close + 2, "$$", displays, equations);
                    i = close < 0 ? text.Length : close + 2;
                    continue;
                }

                i = SkipInline(text, i);
                continue;
            }

            i++;
        }

        return new ScannedDocument(headings, annotations, displays, equations);
    }

    private static int NextLine(string text, int i)
    {
        var n = text.IndexOf('\n', i);
        return n < 0 ? text.Length : n + 1;
    }

    private static int FindClosingDollars(string text, int from)
    {
        for (var i = from; i + 1 < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == '$' && text[i + 1] == '$')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Inline math: passed over up to its closing <c>$</c> in the same paragraph (or left as text).</summary>
    private static int SkipInline(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == '$')
            {
                return i + 1;
            }

            if (text[i] == '\n' && i + 1 < text.Length && (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < text.Length && text[i + 2] == '\n')))
            {
                return open + 1; // a blank line: the '$' was a plain dollar sign
            }
        }

        return open + 1;
    }

    private static void AddDisplay(string text, int open, int contentStart, int close, int afterClose, string delimiter,
        List<DisplaySpan> displays, List<EquationSpan> equations)
    {
        var index = displays.Count;
        var previousEnd = displays.Count == 0 ? 0 : displays[^1].AfterClose;
        // gradcheck annotations between two displays are not the student's text
        var between = AnnotationComment().Replace(text[Math.Min(previousEnd, open)..open], "");
        var afterProse = displays.Count == 0 || !string.IsNullOrWhiteSpace(between);
        if (close < 0)
        {
            displays.Add(new DisplaySpan(open, contentStart, text.Length, text.Length));
            equations.Add(new EquationSpan(open, Math.Min(text.Length, contentStart + 80), null, index, false,
                $"unbalanced '{delimiter}': the display math is never closed"));
            return;
        }

        displays.Add(new DisplaySpan(open, contentStart, close, afterClose));
        var first = true;
        foreach (var row in Rows(text, contentStart, close, index))
        {
            equations.Add(first ? row with { AfterProse = afterProse } : row);
            first = false;
        }
    }

    /// <summary>The rows of a display: split at <c>\\</c> outside braces and outside non-aligning environments
    /// (bmatrix, cases), with <c>\begin{aligned}</c>-like wrappers removed and tags taken as labels.</summary>
    private static IEnumerable<EquationSpan> Rows(string text, int start, int end, int display)
    {
        var rows = new List<(int Start, int End)>();
        var aligned = false;
        var rowStart = start;
        var depth = 0;
        var environments = 0;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
            else if (c == '\\' && i + 1 < end)
            {
                if (string.CompareOrdinal(text, i, @"\begin{", 0, 7) == 0 || string.CompareOrdinal(text, i, @"\end{", 0, 5) == 0)
                {
                    var isBegin = text[i + 1] == 'b';
                    var nameStart = i + (isBegin ? 7 : 5);
                    var nameEnd = text.IndexOf('}', nameStart, end - nameStart);
                    if (nameEnd > 0)
                    {
                        var name = text[nameStart..nameEnd];
                        if (AlignEnvironments.Contains(name) && environments == 0)
                        {
                            // the wrapper itself is no part of any row
                            aligned |= name is not ("equation" or "equation*");
                            rows.Add((rowStart, i));
                            if (name.StartsWith("alignat", StringComparison.Ordinal) || name == "alignedat")
                            {
                                var argEnd = nameEnd + 1 < end && text[nameEnd + 1] == '{' ? text.IndexOf('}', nameEnd + 1, end - nameEnd - 1) : -1;
                                nameEnd = argEnd > 0 && isBegin ? argEnd : nameEnd;
                            }

                            i = nameEnd + 1;
                            rowStart = i;
                            continue;
                        }

                        environments += isBegin ? 1 : -1;
                        i = nameEnd + 1;
                        continue;
                    }
                }

                if (text[i + 1] == '\\' && depth == 0 && environments == 0)
                {
                    rows.Add((rowStart, i));
                    i += 2;
                    // \\[2pt] spacing belongs to the break
                    if (i < end && text[i] == '[')
                    {
                        var close = text.IndexOf(']', i, end - i);
                        i = close > 0 ? close + 1 : i;
                    }

                    rowStart = i;
                    continue;
                }

                i += 2;
                continue;
            }

            i++;
        }

        rows.Add((rowStart, end));
        var any = false;
        foreach (var (s0, e0) in rows)
        {
            var (s, e) = Trim(text, s0, e0);
            if (s >= e)
            {
                continue;
            }

            string? label = null;
            var row = text[s..e];
            var tag = TrailingTag().Match(row);
            if (tag.Success)
            {
                label = tag.Groups[1].Success ? tag.Groups[1].Value : tag.Groups[2].Success ? tag.Groups[2].Value : tag.Groups[3].Value;
                e = s + tag.Index;
                (s, e) = Trim(text, s, e);
            }
            else if (AnyTag().Match(row) is { Success: true } inner)
            {
                label = inner.Groups[1].Value;
                e = s + inner.Index; // a tag in the middle of the row ends what is read
                (s, e) = Trim(text, s, e);
            }

            any = true;
            yield return new EquationSpan(s, Math.Max(s, e), label?.Trim(), display, aligned);
        }

        if (!any)
        {
            yield return new EquationSpan(start, start, null, display, aligned, "an empty display");
        }
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<!--\s*gradcheck:.*?-->", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex AnnotationComment();
}
