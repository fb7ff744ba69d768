// DocumentSession: the annotation `read s_1 as s1`, a name of the student's notation read as another name.
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;

namespace GradCheck.Claims.Documents;

/// <summary><c>read s_1 as s1</c>: to the end of its section, the name <c>s_1</c> of the displays (the output of layer
/// 1, not entry 1 of a vector s) is read as the name <c>s1</c>, which annotations can define. Both sides are names of
/// the claims syntax, with or without subscripts (<c>read W as W_{m,i}</c>); only that exact name with those exact
/// subscripts is renamed, wherever it stands (in derivatives' variables too). Nothing else changes: a product of renamed
/// names stays the product the display wrote. A name whose index a sum binds is not renamed to one without that index
/// (the side is not read, with the reason).</summary>
internal sealed partial class DocumentSession
{
    private sealed record RenameItem(NameSyntax From, NameSyntax To);

    [GeneratedRegex(@"^read\s+(.+?)\s+as\s+(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReadAs();

    /// <summary>Reads a <c>read X as Y</c> annotation item; false when the item is no such annotation.</summary>
    private bool TryReadRename(string trimmed, int line, int column)
    {
        if (trimmed != "read" && !trimmed.StartsWith("read ", StringComparison.Ordinal))
        {
            return false;
        }

        var match = ReadAs().Match(trimmed);
        NameSyntax? from = null, to = null;
        if (match.Success)
        {
            from = NameOrNull(match.Groups[1].Value);
            to = NameOrNull(match.Groups[2].Value);
        }

        if (from is null || to is null || SyntaxTree.Same(from, to))
        {
            _annotationErrors.Add(new SourceError(line, column,
                "annotation: `read` names two different names of the claims syntax, `read s_1 as s1` (the display's s_1 is read as s1)"));
            return true;
        }

        _items.Add(new Scoped(_level, new RenameItem(from, to)));
        return true;
    }

    private static NameSyntax? NameOrNull(string text)
    {
        try
        {
            return ExpressionParser.Parse(text.Trim()) as NameSyntax;
        }
        catch (SymbolicSyntaxException)
        {
            return null;
        }
    }

    /// <summary>The side with every name an active <c>read</c> annotation renames replaced (the latest annotation for a
    /// name wins); the new names and their index variables are added to <paramref name="info"/>.</summary>
    private SyntaxNode Renamed(SyntaxNode node, ReadInfo info)
    {
        var renames = new Dictionary<string, NameSyntax>(StringComparer.Ordinal);
        foreach (var rename in Active<RenameItem>())
        {
            renames[SyntaxTree.Key(rename.From)] = rename.To;
        }

        if (renames.Count == 0)
        {
            return node;
        }

        NameSyntax Rename(NameSyntax name)
        {
            if (!renames.TryGetValue(SyntaxTree.Key(name), out var to))
            {
                return name;
            }

            info.Symbols.Add(to.Name);
            foreach (var sub in to.Subscripts.Where(s => s.Variable is not null))
            {
                info.AddIndex(sub.Variable!, null);
            }

            return to with { Line = name.Line, Column = name.Column };
        }

        // A name whose index a sum binds here names a different entry at each term: renamed to a name without that
        // index, every term would be the same (x_{i,j} as xi_j inside a sum over i), so such a side is not read.
        NameSyntax RenameFree(NameSyntax name, ImmutableHashSet<string> bound)
        {
            var renamed = Rename(name);
            if (!ReferenceEquals(renamed, name) && name.Subscripts.FirstOrDefault(s => s.Variable is { } v && bound.Contains(v)
                    && !renamed.Subscripts.Any(t => t.Variable == v)) is { } captured)
            {
                throw new LatexReadException(0, $"`read {SyntaxPrinter.Print(name)} as {SyntaxPrinter.Print(renamed)}`: a sum over {captured.Variable} holds {SyntaxPrinter.Print(name)} here, and {SyntaxPrinter.Print(renamed)} would be the same in every term");
            }

            return renamed;
        }

        SyntaxNode Walk(SyntaxNode n, ImmutableHashSet<string> bound) => n switch
        {
            NameSyntax name => RenameFree(name, bound),
            DerivativeSyntax d => d with { Body = Walk(d.Body, bound), Variables = [.. d.Variables.Select(v => RenameFree(v, bound))] },
            IndexSumSyntax sum => sum with { Body = Walk(sum.Body, bound.Add(sum.Index)) },
            IndexProductSyntax product => product with { Body = Walk(product.Body, bound.Add(product.Index)) },
            _ => SyntaxTree.Children(n) is { Count: > 0 } children ? SyntaxTree.WithChildren(n, [.. children.Select(c => Walk(c, bound))]) : n,
        };

        return Walk(node, ImmutableHashSet.Create<string>(StringComparer.Ordinal));
    }
}
