// DocumentSession: an equation's sides: the reader's context in scope, splitting at '=', reading each side.
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
    // ---- the reader's context

    private IEnumerable<T> Active<T>() => _items.Select(s => s.Item).OfType<T>();

    private ReaderContext Context()
    {
        var context = _fresh; // one counter of fresh indices for the whole document
        context.Names.Clear();
        context.Functions.Clear();
        context.Labels.Clear();
        context.PatternIndex = _patternIndex;
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

    /// <summary>The sides of a row, split at '=' outside brackets; a relation other than '=' ends the chain.
    /// <paramref name="equalsPastCut"/> tells whether an '=' outside brackets follows that relation (the row holds an
    /// identity the reader does not reach, as in <c>L : \mathbb{R}^N \rightarrow \mathbb{R}, \nabla L = …</c>).</summary>
    private (List<(int Start, int End)> Sides, string? Cut) Sides(EquationSpan span, out bool equalsPastCut)
    {
        var tokens = LatexLexer.Tokenize(_document.Text, span.Start, span.End);
        var sides = new List<(int, int)>();
        var depth = 0;
        var openers = new Stack<LatexToken>();
        var start = span.Start;
        string? cut = null;
        var end = span.End;
        equalsPastCut = false;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            if (cut is not null)
            {
                // past the cut only '=' outside brackets is looked for: it is counted, not read
                depth += t.Is('{') || t.Is('(') || t.Is('[') || t.IsCommand("{") || t.IsCommand("begin") ? 1
                    : t.Is('}') || t.Is(')') || t.Is(']') || t.IsCommand("}") || t.IsCommand("end") ? -1 : 0;
                equalsPastCut |= depth == 0 && t.Is('=');
                continue;
            }

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
            node = Renamed(node, info);
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
}
