// DocumentSession: the annotation `left EXPR`, the left side a display that starts with '=' leaves to the text.
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

/// <summary><c>left d/dw (y*ln(1/(1 + exp(-h))))</c>: the next display starts with '=' and its left side is what the
/// text names in words ("for the first term we get, = …"); the annotation writes it (claims syntax), and the display's
/// first step is checked from it. Without it such a display is <c>not checked</c>.</summary>
internal sealed partial class DocumentSession
{
    /// <summary>The left side given by the last <c>left</c> annotation, for the next display.</summary>
    private Element? _leftNext;

    /// <summary>Reads a <c>left EXPR</c> annotation item; false when the item is no such annotation.</summary>
    private bool TryReadLeft(string trimmed, int offset, int line, int column)
    {
        if (trimmed != "left" && !trimmed.StartsWith("left ", StringComparison.Ordinal))
        {
            return false;
        }

        var text = trimmed[4..].Trim();
        try
        {
            var node = ExpressionParser.Parse(text, line, column + trimmed.IndexOf(text, 4, StringComparison.Ordinal));
            var info = new ReadInfo();
            Collect(node, info);
            _leftNext = new Element { Node = node, Info = info, Equation = _rows.Count, Start = offset, End = offset };
        }
        catch (SymbolicSyntaxException e)
        {
            _annotationErrors.Add(new SourceError(e.Line, e.Column, "annotation: `left` needs an expression (the left side the text names): " + e.Reason));
        }

        return true;
    }

    /// <summary>When the row is the first of the display after a <c>left</c> annotation and starts with '=', starts its
    /// chain from the annotated left side and reads its steps; true when it did.</summary>
    private bool StartFromAnnotatedLeft(EquationSpan span, int index, List<(int Start, int End)> sides, bool open)
    {
        var left = _leftNext;
        if (left is null)
        {
            return false;
        }

        _leftNext = null; // for the next display only
        if (sides.Count < 2 || sides[0].Start < sides[0].End)
        {
            var (l, c) = _document.Position(span.Start);
            _annotationErrors.Add(new SourceError(l, c, "annotation: `left` is for a display that starts with '=' (its left side not written); this one has its own"));
            return false;
        }

        StartChain(null, false, new Element { Node = left.Node, Info = left.Info, Equation = index, Start = span.Start, End = span.Start });
        foreach (var (s, e) in sides.Skip(1))
        {
            AddStep(ReadSide(index, s, e));
        }

        _chain!.Open = open;
        return true;
    }
}
