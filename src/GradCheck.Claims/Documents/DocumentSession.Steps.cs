// DocumentSession: a chain's steps as claims: the lets, indices and assumptions each needs, and index cases.
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Corrections;
using GradCheck.Symbolic.Parsing;
using GradCheck.Symbolic.Printing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
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

        (left, right) = (VectorAsEntry(left, right), VectorAsEntry(right, left));
        if (PatternMismatch(left, right) is { } mismatch)
        {
            var (l, c) = _document.Position(right.Start);
            row.Reason ??= string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: {mismatch}");
            return;
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
            // Only the latest definition of a name counts: an earlier one it replaced brings in none of its names.
            var symbol = pending.Pop();
            if (lets.LastOrDefault(l => l.Let.Name == symbol) is { } let && used.Add(let.Let.Name))
            {
                foreach (var s in let.Info.Symbols)
                {
                    pending.Push(s);
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

        // A name both declared (vector z in R^K) and defined (let z_k = …): the later of the two holds, as a later
        // definition replaces an earlier one (a `next` annotation defines for one display what the section declares).
        int Position(object item) => _items.FindIndex(s => ReferenceEquals(s.Item, item));
        chosen.RemoveAll(l => declarations.Any(d => d.Name == l.Let.Name && Position(d) > Position(l)));
        declarations.RemoveAll(d => chosen.Any(l => l.Let.Name == d.Name && Position(l) > Position(d)));
        chosen = DependencyOrder(chosen);
        var declaredIndices = Active<IndexSyntax>().ToList();
        var declaredSizes = Active<ForSyntax>().GroupBy(f => f.Size).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        var patternSize = info.PatternIndex is { } pattern ? info.Indices.GetValueOrDefault(pattern) : null;
        if (info.PatternIndex is { } patternIndex && info.Owners.TryGetValue(patternIndex, out var patternOwner)
            && declarations.FirstOrDefault(d => d.Name == patternOwner && !d.IsMatrix) is { Rows.Size: { } declaredSize })
        {
            // a_1 … a_n of a declared vector a in R^d: n is the student's name for d
            patternSize = declaredSize;
            info.Indices[patternIndex] = declaredSize;
        }

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

            // A column written as a pattern (a_1 … a_n) names the size of the vectors it shows: an index nothing bounds
            // (\sum_j over their entries) runs over the same n, not over an unrelated default K.
            size ??= patternSize ?? "K";
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
        var assumptions = Active<AssumeSyntax>().Where(a => symbols.Contains(a.Name)).GroupBy(a => a.Name).Select(g => g.Last())
            .Where(a => !chosen.Any(l => l.Let.Name == a.Name && Position(l) > Position(a))).ToList(); // a later definition replaces it

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

    /// <summary>The definitions with each after the ones it uses, else in document order: a document means by a name what
    /// it defines the name as, wherever the definition stands (J = Σ log softmax(z_i) before "z = Wx + c" depends on W),
    /// while a claim's lets see only the lets above them. A cycle keeps document order.</summary>
    private static List<LetItem> DependencyOrder(List<LetItem> lets)
    {
        var byName = lets.ToDictionary(l => l.Let.Name, StringComparer.Ordinal);
        var ordered = new List<LetItem>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        bool Visit(LetItem let)
        {
            switch (state.GetValueOrDefault(let.Let.Name))
            {
                case 1:
                    return false; // a cycle
                case 2:
                    return true;
            }

            state[let.Let.Name] = 1;
            foreach (var symbol in let.Info.Symbols.Order(StringComparer.Ordinal))
            {
                if (symbol != let.Let.Name && byName.TryGetValue(symbol, out var used) && !Visit(used))
                {
                    return false;
                }
            }

            state[let.Let.Name] = 2;
            ordered.Add(let);
            return true;
        }

        return lets.All(Visit) ? ordered : lets;
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
}
