// DocumentSession: reading a display equation into a row: definitions, updates, chains and their steps.
using System.Globalization;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Documents;

internal sealed partial class DocumentSession
{
    // ---- equations

    private void ReadEquation(EquationSpan span)
    {
        ExpireNextOnly(span.Display);
        _entryIndex = null;
        _patternIndex = null;
        var row = new Row { Span = span };
        _rows.Add(row);
        var index = _rows.Count - 1;
        row.Expect = _expectNext;
        _expectNext = null;
        var continued = _continueNext; // taken by the first row of the next display
        _continueNext = false;
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
        bool equalsPastCut;
        try
        {
            (sides, cut) = Sides(span, out equalsPastCut);
        }
        catch (LatexReadException e)
        {
            NotRead(row, e.Offset, e.Reason);
            _chain = null;
            return;
        }

        // One letter for every pattern column of the equation, so its sides' entries share their index.
        _patternIndex = LatexReader.PatternIndexFor(_document, span.Start, span.End, Context());
        _entryIndex = EntryIndex(sides);

        if (sides.Count < 2)
        {
            row.Status = EquationStatus.NotChecked;
            row.Reason = cut is null ? "no '=' (an expression, not an equation)"
                : equalsPastCut ? $"'{cut}' is not an equation (only '=' is checked), and the '=' after it are not read"
                : $"'{cut}' is not an equation (only '=' is checked)";

            // An '=' past the relation is an identity the reader does not reach: counted, and not checked. An
            // inequality or an arrow alone holds none.
            row.HasEquals = equalsPastCut;
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

        if (StartFromAnnotatedLeft(span, index, sides, open))
        {
            return;
        }

        if (first.Start >= first.End && span.AfterProse && !(continued && _chain is not null) && _chain is not { Open: true })
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

        if (NumberedName(row, head, headKey, sides, index, open, context))
        {
            return;
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
            else if (body.Node is not null && body.Info!.PatternIndex is { } pattern && name.Subscripts.Length > 0
                && !name.Subscripts.Any(s => s.Variable == pattern))
            {
                var (l, c) = _document.Position(body.Start);
                row.Status = EquationStatus.NotChecked;
                row.Reason = string.Create(CultureInfo.InvariantCulture, $"{l}:{c}: matrix of unknown pattern (an entry {name} defined by a column)");
            }
            else if (body.Node is not null)
            {
                var text = _document.Text[body.Start..body.End];
                var (l, c) = _document.Position(body.Start);
                if (body.Info!.PatternIndex is { } entry)
                {
                    // δ = [E_1 \\ ⋮ \\ E_n] defines the vector by its entries: δ_i = E_i.
                    name = name with { Subscripts = [new SubscriptSyntax(name.Line, name.Column, entry, 0)] };
                }

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
}
