using FsCheck;
using FsCheck.Fluent;
using GradCheck.Claims.Catalogue;
using GradCheck.Claims.Checking;
using GradCheck.Claims.Syntax;
using GradCheck.Symbolic.Evaluation;
using GradCheck.Symbolic.Expressions;
using GradCheck.Symbolic.Parsing;

namespace GradCheck.Claims.Tests.Checking;

public class ClaimCheckerProperties
{
    private static readonly CheckOptions Fast = CheckOptions.Default with { ClaimTimeLimit = TimeSpan.FromSeconds(3), WitnessPoints = 12 };

    /// <summary>The text of every catalogue claim that is quick to check (no size above 3).</summary>
    private static readonly string[] Blocks = ClaimsCatalogue.Files
        .SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName).Select(e => Block(f.Text, e.Line)))
        .Where(b => !b.Contains("..4", StringComparison.Ordinal) && !b.Contains("..5", StringComparison.Ordinal))
        .ToArray();

    private static readonly string[] Fragments =
    [
        "(", ")", "=", ",", "_", "{", "}", "^", "*", "/", "+", "-", "#", "\n", " ", "claim x", "end", "let a = ", "index i in 1..K",
        "for K in 2..3", "assume y in (0, 1)", "expect refuted at step 2", "d/dz ", "d2/dz_i dz_j ", "sum(k, ", "delta(i, j)", "9",
        "0.5", "K", "i", "z_j", "function C of a_k", "\0", "\uFFFF", "é", "σ(", "psd over i, j", "..", "[", "]", "relu(", "ln(", "1/0", "0^0",
    ];

    internal static string Block(string text, int line)
    {
        var lines = ClaimsParser.SplitLines(text);
        var block = new List<string>();
        for (var i = line - 1; i < lines.Count; i++)
        {
            block.Add(lines[i]);
            if (ClaimsParser.StripComment(lines[i]).Trim() == "end")
            {
                break;
            }
        }

        return string.Join("\n", block);
    }

    private static Gen<string> Mutated =>
        from block in Gen.Elements(Blocks)
        from count in Gen.Choose(1, 4)
        from edits in Gen.ListOf(Edit, count)
        select edits.Aggregate(block, (text, edit) => Mutate(text, edit.Kind, edit.Position, edit.Fragment));

    private static Gen<(int Kind, int Position, string Fragment)> Edit =>
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 100_000)
        from fragment in Gen.Elements(Fragments)
        select (kind, position, fragment);

    private static Gen<string> Random =>
        from parts in Gen.ListOf(Gen.Elements(Fragments))
        select string.Concat(parts);

    private static string Mutate(string text, int kind, int position, string fragment)
    {
        if (text.Length == 0)
        {
            return fragment;
        }

        var at = position % text.Length;
        switch (kind)
        {
            case 0: // insert
                return text.Insert(at, fragment);
            case 1: // delete a span
                return text.Remove(at, Math.Min(1 + (position % 7), text.Length - at));
            case 2: // replace a character
                return text.Remove(at, 1).Insert(at, fragment);
            case 3: // duplicate or drop a line
                {
                    var lines = text.Split('\n').ToList();
                    var l = position % lines.Count;
                    if (position % 2 == 0)
                    {
                        lines.Insert(l, lines[l]);
                    }
                    else
                    {
                        lines.RemoveAt(l);
                    }

                    return string.Join("\n", lines);
                }

            default: // truncate
                return text[..at];
        }
    }

    private static bool AnswersWithVerdictOrPositionedError(string text)
    {
        var results = ClaimChecker.CheckText(text, "fuzz.claims", Fast);
        return results.Count > 0 && results.All(r =>
            r.Verdict != Verdict.Error
                ? r.Error is null && r.Steps.Count > 0
                : r.Error is { Line: >= 1, Column: >= 1, Message.Length: > 0 });
    }

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property CheckText_MutatedCatalogueClaims_AlwaysAnswerWithAVerdictOrAnError() =>
        Prop.ForAll(Arb.From(Mutated), AnswersWithVerdictOrPositionedError);

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property CheckText_RandomText_AlwaysAnswersWithAVerdictOrAnError() =>
        Prop.ForAll(Arb.From(Random), AnswersWithVerdictOrPositionedError);

    /// <summary>A correct catalogue claim (one line per expression, no assumptions on vectors) and
    /// the text of its last expression.</summary>
    public sealed record CorrectClaim(string Text, ClaimSyntax Syntax)
    {
        public override string ToString() => Syntax.Name;
    }

    private static readonly CorrectClaim[] Correct = ClaimsCatalogue.Files
        .SelectMany(f => ClaimsParser.Parse(f.Text, f.FileName).Select(e => (f.Text, e.Claim!)))
        .Where(p => p.Item2.Expectation is null && p.Item2.Psd is null && !p.Item2.Chain[^1].Text.Contains('\n', StringComparison.Ordinal)
                    && !p.Item2.Fors.Any(f => f.To > 3))
        .Select(p => new CorrectClaim(Block(p.Text, p.Item2.Line), p.Item2 with { Line = 1 }))
        .ToArray();

    /// <summary>Wrong by a sign, a factor, a missing term or a swapped index.</summary>
    public enum Mutation
    {
        Sign,
        Factor,
        MissingTerm,
        SwappedIndex,
    }

    [FsCheck.NUnit.Property(MaxTest = 120)]
    public Property Check_CorrectClaimMadeWrong_IsRefutedNeverProved() =>
        Prop.ForAll(Arb.From(Gen.Elements(Correct)), Arb.From(Gen.Elements(Enum.GetValues<Mutation>())), (claim, mutation) =>
        {
            var original = claim.Syntax.Chain[^1].Text;
            var mutant = Apply(mutation, ExpressionParser.Parse(original), claim.Syntax);
            if (mutant is null)
            {
                return true.Label("the mutation does not apply (no sum to drop a term from, fewer than two indices)");
            }

            if (mutation == Mutation.SwappedIndex && !Differs(claim.Syntax, original, mutant))
            {
                return true.Label("swapping a symmetric pair of indices does not change the value: nothing to refute");
            }

            var text = ReplaceLastExpression(claim, mutant);
            var result = ClaimChecker.Check(ClaimsParser.Parse(text, "mutant.claims").Single(), Fast);
            // A mutant that loses a free index (dropping the only term that carried it) is constant in that
            // index: it is refuted at an instance that differs, like any other wrong mutant.
            return (result.Verdict == Verdict.Refuted && result.FirstRefutedStep == claim.Syntax.Chain.Count - 1)
                .Label($"{mutation}: {mutant} → {result.Verdict} (first refuted step {result.FirstRefutedStep}; {result.Error})");
        });

    private static string? Apply(Mutation mutation, SyntaxNode node, ClaimSyntax claim) => mutation switch
    {
        Mutation.Sign => $"-({node})",
        Mutation.Factor => $"2*({node})",
        Mutation.MissingTerm => DropTerm(node)?.ToString(),
        _ => SwapIndices(node.ToString(), claim),
    };

    /// <summary>Removes the right-hand term of the first sum or difference found (outermost first).</summary>
    private static SyntaxNode? DropTerm(SyntaxNode node) => node switch
    {
        BinarySyntax { Operator: '+' or '-' } b => b.Left,
        BinarySyntax b => DropTerm(b.Left) is { } l ? b with { Left = l } : DropTerm(b.Right) is { } r ? b with { Right = r } : null,
        UnarySyntax u => DropTerm(u.Operand) is { } o ? u with { Operand = o } : null,
        CallSyntax c => DropTerm(c.Argument) is { } a ? c with { Argument = a } : null,
        IndexSumSyntax s => DropTerm(s.Body) is { } body ? s with { Body = body } : null,
        DerivativeSyntax d => DropTerm(d.Body) is { } body ? d with { Body = body } : null,
        _ => null,
    };

    /// <summary>Exchanges the first two free indices of the expression (i ↔ j everywhere in it).</summary>
    private static string? SwapIndices(string text, ClaimSyntax claim)
    {
        var free = Binder.FreeIndices(ExpressionParser.Parse(text), ScopeOf(claim)).Order(StringComparer.Ordinal).Take(2).ToList();
        if (free.Count < 2)
        {
            return null;
        }

        // Not the d of an operator d/dx (an index may be called d).
        return System.Text.RegularExpressions.Regex.Replace(text, $"(?<![A-Za-z0-9])({free[0]}|{free[1]})(?![A-Za-z0-9(/])",
            m => m.Value == free[0] ? free[1] : free[0]);
    }

    /// <summary>The claim's binding scope at its smallest sizes.</summary>
    private static BindingScope ScopeOf(ClaimSyntax claim)
    {
        var scope = BindingScope.Empty;
        foreach (var f in claim.Fors)
        {
            scope = scope.WithSize(f.Size, f.From);
        }

        foreach (var index in claim.Indices)
        {
            foreach (var name in index.Names)
            {
                scope = scope.WithIndexRange(name, index.From.Value ?? scope.Sizes[index.From.Size!], index.To.Value ?? scope.Sizes[index.To.Size!]);
            }
        }

        foreach (var let in claim.Lets)
        {
            scope = scope.WithDefinition(new Definition(let.Name, let.IndexParameters, ExpressionParser.Parse(let.Body.Text)));
        }

        return scope;
    }

    /// <summary>An oracle independent of the checker: the two expressions, bound for the smallest
    /// sizes and every value of their free indices, differ at a random point.</summary>
    private static bool Differs(ClaimSyntax claim, string a, string b)
    {
        var scope = ScopeOf(claim);
        var na = ExpressionParser.Parse(a);
        var nb = ExpressionParser.Parse(b);
        var free = Binder.FreeIndices(na, scope).Union(Binder.FreeIndices(nb, scope)).Order(StringComparer.Ordinal).ToList();
        var random = new System.Random(1);
        foreach (var values in Assignments(free, scope))
        {
            var s = scope;
            foreach (var (k, v) in values)
            {
                s = s.WithIndexValue(k, v);
            }

            var ea = Binder.Bind(na, s);
            var eb = Binder.Bind(nb, s);
            var symbols = ea.Symbols().Union(eb.Symbols());
            var point = symbols.ToDictionary(x => x, _ => 0.1 + 0.8 * random.NextDouble());
            var va = Evaluator.Evaluate(ea, point);
            var vb = Evaluator.Evaluate(eb, point);
            if (Math.Abs(va - vb) > 1e-9 * (1 + Math.Abs(va)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<List<(string, int)>> Assignments(List<string> names, BindingScope scope)
    {
        IEnumerable<List<(string, int)>> result = [[]];
        foreach (var name in names)
        {
            var (from, to) = scope.IndexRanges[name];
            result = result.SelectMany(prefix => Enumerable.Range(from, to - from + 1).Select(v => prefix.Append((name, v)).ToList()));
        }

        return result;
    }

    private static string ReplaceLastExpression(CorrectClaim claim, string mutant)
    {
        var last = claim.Syntax.Chain[^1];
        var lines = claim.Text.Split('\n');
        var lineIndex = last.Line - claim.Syntax.Chain[0].Line + Array.FindIndex(lines, l => l.Contains(claim.Syntax.Chain[0].Text, StringComparison.Ordinal));
        var line = lines[lineIndex];
        var at = line.IndexOf(last.Text, StringComparison.Ordinal);
        lines[lineIndex] = line[..at] + mutant + line[(at + last.Text.Length)..];
        return string.Join("\n", lines);
    }
}
