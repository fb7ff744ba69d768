// DocumentSession: reading annotation blocks (skip, next, left, continue, case, read, label, function definitions, and claims lines such as let, sizes, assume) into scope.
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
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

        CloseNextOnly();
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
        if (trimmed == "next")
        {
            _nextFrom ??= _items.Count;
            return;
        }

        if (trimmed == "skip")
        {
            _skipNext = true;
            return;
        }

        if (TryReadLeft(trimmed, offset, line, column))
        {
            return;
        }

        if (trimmed == "continue")
        {
            _continueNext = true;
            return;
        }

        if (trimmed == "case" || trimmed.StartsWith("case ", StringComparison.Ordinal))
        {
            // k' is kprime, as the reader names a primed index
            var match = System.Text.RegularExpressions.Regex.Match(trimmed.Replace("'", "prime", StringComparison.Ordinal),
                @"^case\s+([A-Za-z][A-Za-z0-9]*)\s*=\s*([A-Za-z][A-Za-z0-9]*)$");
            if (!match.Success || match.Groups[1].Value == match.Groups[2].Value)
            {
                _annotationErrors.Add(new SourceError(line, column, "annotation: `case` names two different indices, `case j = i` (the next display holds where j = i)"));
                return;
            }

            _caseNext = new IndexCase(match.Groups[1].Value, match.Groups[2].Value, trimmed);
            return;
        }

        if (TryReadRename(trimmed, line, column))
        {
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

    private static void Collect(SyntaxNode root, ReadInfo info)
    {
        foreach (var node in ReadInfo.Walk(root))
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
                case IndexSumSyntax sum:
                    info.AddIndex(sum.Index, null);
                    break;
                case IndexProductSyntax product:
                    info.AddIndex(product.Index, null);
                    break;
                case DerivativeSyntax derivative:
                    foreach (var variable in derivative.Variables)
                    {
                        info.Symbols.Add(variable.Name);
                    }

                    break;
            }
        }
    }
}
